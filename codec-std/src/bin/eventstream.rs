//! `eventstream`: decode captured event streams and print their frames.
//!
//! Usage: `eventstream dump FILE...`

use eventstream::{Decoder, MessageRef};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("dump"), files) = (
        args.first().map(String::as_str),
        args.get(1..).unwrap_or_default(),
    ) else {
        eprintln!("usage: eventstream dump FILE...");
        return ExitCode::from(2);
    };
    let mut status = ExitCode::SUCCESS;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("eventstream: {file}: {error}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        println!("== {file}");
        let mut frames = Decoder::new().frames(&bytes);
        let mut index = 0;
        while let Some(frame) = frames.next() {
            match frame {
                Ok(message) => print_frame(index, frames.offset() - message.len(), message),
                Err(error) => {
                    eprintln!(
                        "eventstream: {file}: frame {index} at byte {}: {error}",
                        frames.offset()
                    );
                    status = ExitCode::FAILURE;
                }
            }
            index += 1;
        }
    }
    status
}

fn print_frame(index: usize, offset: usize, message: MessageRef<'_>) {
    let prelude = message.prelude();
    println!(
        "frame {index} @ {offset}: total {} headers {} payload {} prelude_crc {:#010x} message_crc {:#010x}",
        prelude.total_len(),
        prelude.headers_len(),
        prelude.payload_len(),
        prelude.crc(),
        message.message_crc()
    );
    for header in message.headers() {
        println!(
            "  {} ({}): {}",
            header.name,
            header.value.type_name(),
            header.value
        );
    }
    match std::str::from_utf8(message.payload()) {
        Ok(text) => println!("  payload: {text}"),
        Err(_) => println!("  payload: {} bytes (binary)", message.payload().len()),
    }
}
