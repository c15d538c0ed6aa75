//! The README's std::io example: a Writer and a Reader.
//! The README holds this file's text after these lines (tests/readme.rs checks it).

use eventstream::{Header, HeaderValue, Reader, Writer};

fn main() -> Result<(), eventstream::Error> {
    let mut writer = Writer::new(Vec::new()); // any std::io::Write: a file, a socket
    writer.write_message(
        &[Header::new(":event-type", HeaderValue::String("Chunk"))],
        b"hello",
    )?;
    let bytes = writer.into_inner();

    let mut reader = Reader::new(&bytes[..]); // any std::io::Read
    while let Some(message) = reader.read_message()? {
        assert_eq!(message.payload(), b"hello");
    }
    Ok(())
}
