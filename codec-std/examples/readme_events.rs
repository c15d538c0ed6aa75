//! The README's Events example: any service's events from standard input.
//! The README holds this file's text after these lines (tests/readme.rs checks it).

use eventstream::{Error, Events, Reader};

fn main() -> Result<(), Error> {
    // Any std::io::Read: an HTTP response body, a file, standard input.
    let mut events = Events::new(Reader::new(std::io::stdin().lock()));
    loop {
        match events.read_event() {
            Ok(Some(event)) => println!(
                "{}: {} bytes",
                event.event_type,
                event.message.payload().len()
            ),
            Ok(None) => return Ok(()),
            // BadRequestException, ThrottlingException...: what the service said.
            Err(Error::Service(error)) => {
                eprintln!("the service sent an error: {error}");
                return Ok(());
            }
            Err(other) => return Err(other),
        }
    }
}
