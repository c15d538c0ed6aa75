//! Reads a captured event stream from a file and prints each frame's headers
//! and payload size.
//!
//! `cargo run -p eventstream --example read_file -- testdata/smithy-rs/recorded/transcribestreaming_success.response.bin`

use eventstream::Reader;
use std::fs::File;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: read_file FILE")?;
    let mut reader = Reader::new(File::open(&path)?);
    let mut frames = 0;
    while let Some(message) = reader.read_message()? {
        frames += 1;
        let headers: Vec<String> = message
            .headers()
            .map(|h| format!("{}={}", h.name, h.value))
            .collect();
        println!(
            "{} bytes of payload; {}",
            message.payload().len(),
            headers.join(", ")
        );
    }
    println!("{frames} frames, {} bytes", reader.position());
    Ok(())
}
