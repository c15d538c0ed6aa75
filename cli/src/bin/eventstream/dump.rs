//! `dump`: one block per frame for humans, in the style of the Smithy
//! event-stream specification's examples.

use crate::cli::{DumpArgs, PayloadFormat};
use crate::input::{Failure, Frames};
use crate::output::Output;
use base64::Engine;
use eventstream::MessageRef;
use eventstream_cli::terminal::escape;
use std::io::{self, Write};

pub(crate) fn run(args: &DumpArgs) -> Result<(), Failure> {
    let mut frames = Frames::open(&args.input.file)?;
    let mut output = Output::new();
    while let Some((index, offset, message)) = frames.next()? {
        write_frame(output.writer(), index, offset, message, args.payload)
            .map_err(Failure::output)?;
        output.frame_done()?;
    }
    Ok(())
}

fn write_frame(
    out: &mut impl Write,
    index: u64,
    offset: u64,
    message: MessageRef<'_>,
    format: PayloadFormat,
) -> io::Result<()> {
    let prelude = message.prelude();
    writeln!(out, "frame {index} at byte {offset}")?;
    writeln!(out, "  total length:   {}", prelude.total_len())?;
    writeln!(out, "  headers length: {}", prelude.headers_len())?;
    writeln!(out, "  prelude crc:    {:#010x}", prelude.crc())?;
    writeln!(out, "  message crc:    {:#010x}", message.message_crc())?;
    writeln!(out, "  headers:")?;
    for header in message.headers() {
        writeln!(
            out,
            "    {} ({}): {}",
            escape(header.name),
            header.value.type_name(),
            escape(&header.value.to_string())
        )?;
    }
    let payload = message.payload();
    let format = match format {
        PayloadFormat::Auto if is_printable(payload) => PayloadFormat::Text,
        PayloadFormat::Auto => PayloadFormat::Hex,
        other => other,
    };
    let label = match format {
        PayloadFormat::Text | PayloadFormat::Auto => "text",
        PayloadFormat::Hex => "hex",
        PayloadFormat::Base64 => "base64",
    };
    writeln!(out, "  payload ({} bytes, {label}):", payload.len())?;
    match format {
        PayloadFormat::Text | PayloadFormat::Auto => {
            for line in String::from_utf8_lossy(payload).lines() {
                writeln!(out, "    {}", escape(line))?;
            }
        }
        PayloadFormat::Hex => write_hex(out, payload)?,
        PayloadFormat::Base64 => writeln!(
            out,
            "    {}",
            base64::engine::general_purpose::STANDARD.encode(payload)
        )?,
    }
    writeln!(out)
}

/// UTF-8 without control characters other than tab, newline and carriage return.
fn is_printable(payload: &[u8]) -> bool {
    std::str::from_utf8(payload).is_ok_and(|text| {
        text.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
    })
}

/// Rows of 16 bytes: offset, hex, and the printable ASCII.
fn write_hex(out: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    for (row, chunk) in payload.chunks(16).enumerate() {
        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = chunk
            .iter()
            .map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    b as char
                } else {
                    '.'
                }
            })
            .collect();
        writeln!(out, "    {:08x}  {:<47}  {ascii}", row * 16, hex.join(" "))?;
    }
    Ok(())
}
