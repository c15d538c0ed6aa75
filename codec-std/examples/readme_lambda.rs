//! The README's Lambda example: a Lambda response body from standard input.
//! The README holds this file's text after these lines (tests/readme.rs checks it).

use eventstream::lambda::{ResponseEvent, ResponseReader};

fn main() -> Result<(), eventstream::Error> {
    // Any std::io::Read: the HTTP response body, a file, standard input.
    let mut events = ResponseReader::new(std::io::stdin().lock());
    while let Some(event) = events.read_event()? {
        match event {
            ResponseEvent::PayloadChunk(chunk) => {
                print!("{}", String::from_utf8_lossy(chunk.payload()))
            }
            ResponseEvent::InvokeComplete(done) => {
                if let Some(code) = done.error_code() {
                    let details = done
                        .error_details()
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    eprintln!("function failed: {code}: {details}");
                }
            }
            ResponseEvent::Unknown { event_type, .. } => eprintln!("(skipping {event_type})"),
        }
    }
    Ok(())
}
