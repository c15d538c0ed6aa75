//! `dump`: one block per frame for humans, in the style of the Smithy
//! event-stream specification's examples. CRCs are hex here (and in the
//! readable `json`); timestamps show their RFC 3339 time beside the raw
//! milliseconds.

use crate::cli::{DumpArgs, PayloadFormat};
use crate::input::{Failure, Frames, counted_from_stream, display_name};
use crate::output::Output;
use crate::salvage::{Salvage, Salvaged};
use crate::shape::{printable, rfc3339};
use crate::style::{BAD, GOOD, NAME, Paint, TITLE};
use base64::Engine;
use eventstream::{DecodeError, Decoder, HeaderValue, MessageRef, PRELUDE_LEN, Prelude, Status};
use eventstream_cli::terminal::escape;
use std::io::{self, Write};

pub(crate) fn run(args: &DumpArgs) -> Result<(), Failure> {
    let mut output = Output::new();
    let show = Show {
        args,
        paint: Paint::stdout(),
    };
    if args.keep_going {
        return run_keeping_going(&show, &mut output);
    }
    let mut frames = Frames::open(&args.input)?;
    let (mut read, mut shown) = (0, 0);
    while let Some((index, offset, message)) = frames.next()? {
        read += 1;
        if args.filter.keeps(message) {
            shown += 1;
            let title = show
                .paint
                .paint(TITLE, format!("frame {index} at byte {offset}"));
            show.frame(output.writer(), &title, message)
                .map_err(Failure::output)?;
            output.frame_done()?;
        }
    }
    args.filter
        .check_matched(&display_name(&args.input.file), read, shown)
}

/// `--keep-going`: corrupt frames are shown (whatever the filters) and
/// counted; the exit status says whether there were any.
fn run_keeping_going(show: &Show<'_>, output: &mut Output) -> Result<(), Failure> {
    let mut frames = Salvage::open(&show.args.input)?;
    let (mut total, mut corrupt, mut shown) = (0u64, 0u64, 0u64);
    while let Some((index, offset, frame)) = frames.next()? {
        total += 1;
        let written = match frame {
            Salvaged::Sound(message) if show.args.filter.keeps(message) => {
                shown += 1;
                let title = show
                    .paint
                    .paint(TITLE, format!("frame {index} at byte {offset}"));
                show.frame(output.writer(), &title, message)
            }
            Salvaged::Sound(_) => Ok(()),
            Salvaged::Corrupt {
                frame,
                prelude,
                error,
            } => {
                corrupt += 1;
                show.corrupt(output.writer(), (index, offset), frame, prelude, error)
            }
        };
        written.map_err(Failure::output)?;
        output.frame_done()?;
    }
    let name = display_name(&show.args.input.file);
    match corrupt {
        0 => show.args.filter.check_matched(&name, total, shown),
        _ => Err(Failure::new(format!(
            "{name}: corrupt frames: {corrupt} of {total}"
        ))),
    }
}

/// How frames are shown.
struct Show<'a> {
    args: &'a DumpArgs,
    paint: Paint,
}

impl Show<'_> {
    fn frame(&self, out: &mut impl Write, title: &str, message: MessageRef<'_>) -> io::Result<()> {
        self.frame_with_crc(out, title, message, message.message_crc())
    }

    /// A frame whose message CRC on the wire is `message_crc`.
    fn frame_with_crc(
        &self,
        out: &mut impl Write,
        title: &str,
        message: MessageRef<'_>,
        message_crc: u32,
    ) -> io::Result<()> {
        writeln!(out, "{title}")?;
        self.prelude(out, message.prelude(), message_crc)?;
        writeln!(out, "  headers:")?;
        for header in message.headers() {
            self.header(out, header.name, header.value)?;
        }
        self.payload(out, message.payload())?;
        writeln!(out)
    }

    /// A frame with a sound prelude and something else wrong: as much of it
    /// as can be read, the error in the title.
    fn corrupt(
        &self,
        out: &mut impl Write,
        (index, offset): (u64, u64),
        frame: &[u8],
        prelude: Prelude,
        error: DecodeError,
    ) -> io::Result<()> {
        let title = format!(
            "frame {index} at byte {offset}: {} {}",
            self.paint.paint(BAD, "CORRUPT:"),
            counted_from_stream(&error, offset)
        );
        // Only the message CRC wrong: the headers read as usual, from a
        // copy that carries the CRC its bytes have; the CRC shown is the
        // wire's.
        if let DecodeError::MessageChecksum {
            computed, on_wire, ..
        } = error
        {
            let mut mended = frame.to_vec();
            let crc_at = mended.len().saturating_sub(4);
            mended[crc_at..].copy_from_slice(&computed.to_be_bytes());
            if let Ok(Status::Complete(message)) = Decoder::new().decode(&mended) {
                return self.frame_with_crc(out, &title, message, on_wire);
            }
        }
        // The prelude is sound, so these lengths lie inside the frame.
        let parts = frame
            .split_at_checked(PRELUDE_LEN)
            .and_then(|(_, rest)| rest.split_at_checked(prelude.headers_len() as usize))
            .and_then(|(block, rest)| {
                Some((
                    block,
                    rest.split_at_checked(prelude.payload_len() as usize)?,
                ))
            });
        let Some((block, (payload, trailer))) = parts else {
            return writeln!(out, "{title}");
        };
        let message_crc = trailer
            .first_chunk()
            .map_or(0, |crc| u32::from_be_bytes(*crc));
        writeln!(out, "{title}")?;
        self.prelude(out, prelude, message_crc)?;
        writeln!(out, "  headers (unreadable, hex):")?;
        write_hex(out, block)?;
        self.payload(out, payload)?;
        writeln!(out)
    }

    fn prelude(&self, out: &mut impl Write, prelude: Prelude, message_crc: u32) -> io::Result<()> {
        writeln!(out, "  total length:   {}", prelude.total_len())?;
        writeln!(out, "  headers length: {}", prelude.headers_len())?;
        writeln!(out, "  prelude crc:    {:#010x}", prelude.crc())?;
        writeln!(out, "  message crc:    {message_crc:#010x}")
    }

    fn header(&self, out: &mut impl Write, name: &str, value: HeaderValue<'_>) -> io::Result<()> {
        let shown = escape(&value.to_string()).into_owned();
        let shown = match (name, value) {
            (":event-type", _) => self.paint.paint(GOOD, shown),
            (":exception-type" | ":error-code", _) => self.paint.paint(BAD, shown),
            (_, HeaderValue::Timestamp(millis)) => format!("{shown} ({})", rfc3339(millis)),
            _ => shown,
        };
        writeln!(
            out,
            "    {} ({}): {shown}",
            self.paint.paint(NAME, escape(name)),
            crate::shape::type_name(value)
        )
    }

    /// The payload in the chosen format, its first `--max-payload` bytes.
    fn payload(&self, out: &mut impl Write, payload: &[u8]) -> io::Result<()> {
        let format = match self.args.payload {
            PayloadFormat::Auto if printable(payload).is_some() => PayloadFormat::Text,
            PayloadFormat::Auto => PayloadFormat::Hex,
            other => other,
        };
        let (label, shown) = match format {
            PayloadFormat::Text | PayloadFormat::Auto => ("text", self.shown(payload, true)),
            PayloadFormat::Hex => ("hex", self.shown(payload, false)),
            PayloadFormat::Base64 => ("base64", self.shown(payload, false)),
        };
        writeln!(out, "  payload ({} bytes, {label}):", payload.len())?;
        match format {
            PayloadFormat::Text | PayloadFormat::Auto => {
                for line in String::from_utf8_lossy(shown).lines() {
                    writeln!(out, "    {}", escape(line))?;
                }
            }
            PayloadFormat::Hex => write_hex(out, shown)?,
            PayloadFormat::Base64 => writeln!(
                out,
                "    {}",
                base64::engine::general_purpose::STANDARD.encode(shown)
            )?,
        }
        if shown.len() < payload.len() {
            writeln!(
                out,
                "    ... {} more bytes not shown (--max-payload 0 shows all)",
                payload.len() - shown.len()
            )?;
        }
        Ok(())
    }

    /// The first `--max-payload` bytes (all with 0); for text, cut where a
    /// character starts.
    fn shown<'p>(&self, payload: &'p [u8], text: bool) -> &'p [u8] {
        let max = self.args.max_payload;
        if max == 0 || payload.len() <= max {
            return payload;
        }
        let mut end = max;
        while text && end > 0 && payload[end] & 0xC0 == 0x80 {
            end -= 1;
        }
        &payload[..end]
    }
}

/// Rows of 16 bytes: offset, hex, and the printable ASCII.
fn write_hex(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    for (row, chunk) in bytes.chunks(16).enumerate() {
        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = chunk
            .iter()
            .map(|&b| match b.is_ascii_graphic() || b == b' ' {
                true => b as char,
                false => '.',
            })
            .collect();
        writeln!(out, "    {:08x}  {:<47}  {ascii}", row * 16, hex.join(" "))?;
    }
    Ok(())
}
