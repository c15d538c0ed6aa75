//! `lambda`: the typed view of an `InvokeWithResponseStream` body. Payload
//! bytes go to standard output as they arrive; the summary goes to standard
//! error; the exit status says whether the function and the stream succeeded.

use crate::cli::LambdaArgs;
use crate::input::{Failure, display_name, open};
use crate::output::Output;
use eventstream::lambda::{
    HttpPart, HttpPreludeSplitter, InvokeSummary, ResponseEvent, ResponseReader,
};
use std::io::Write;

pub(crate) fn run(args: &LambdaArgs) -> Result<(), Failure> {
    let name = display_name(&args.input.file);
    let mut reader = ResponseReader::new(open(&args.input.file)?);
    let mut splitter = args
        .http_prelude
        .then(HttpPreludeSplitter::<{ 64 * 1024 }>::new);
    let mut output = Output::new();
    let mut summary = None;
    loop {
        let (index, offset) = (reader.get_ref().frames_read(), reader.get_ref().position());
        let event = match reader.read_event() {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error @ eventstream::lambda::Error::MissingInvokeComplete { .. }) => {
                return Err(Failure::new(format!("{name}: {error}")));
            }
            Err(error) => {
                return Err(Failure::new(format!(
                    "{name}: frame {index} at byte {offset}: {error}"
                )));
            }
        };
        match event {
            ResponseEvent::PayloadChunk(chunk) => {
                let body = match &mut splitter {
                    None => chunk.payload(),
                    Some(splitter) => {
                        write_split(splitter, chunk.payload(), &mut output)
                            .map_err(|e| Failure::new(format!("{name}: frame {index}: {e}")))?;
                        &[]
                    }
                };
                output.writer().write_all(body).map_err(Failure::output)?;
                output.frame_done()?;
            }
            ResponseEvent::InvokeComplete(done) => summary = Some(InvokeSummary::from_view(&done)),
            ResponseEvent::Unknown { event_type, .. } => {
                eprintln!("note: frame {index}: skipped an event of unknown type {event_type}")
            }
        }
    }
    if let Some(splitter) = &splitter {
        splitter
            .finish()
            .map_err(|e| Failure::new(format!("{name}: {e}")))?;
    }
    let Some(summary) = summary else {
        return Err(Failure::new(format!(
            "{name}: the stream ended without InvokeComplete"
        )));
    };
    report(&summary);
    match summary.error_code {
        Some(code) => Err(Failure::new(format!("the function failed: {code}"))),
        None => Ok(()),
    }
}

/// Feeds one payload chunk to the HTTP-prelude splitter: metadata to stderr, body to stdout.
fn write_split<const N: usize>(
    splitter: &mut HttpPreludeSplitter<N>,
    payload: &[u8],
    output: &mut Output,
) -> Result<(), String> {
    let mut rest = payload;
    while let (used, Some(part)) = splitter.push(rest).map_err(|e| e.to_string())? {
        rest = rest.get(used..).unwrap_or_default();
        match part {
            HttpPart::Metadata(meta) => {
                let status = meta
                    .status_code()
                    .map_or("(no status code)".to_string(), |s| s.to_string());
                eprintln!("HTTP {status}");
                for (header, value) in meta.headers() {
                    eprintln!("{header}: {value}");
                }
                for cookie in meta.cookies() {
                    eprintln!("set-cookie: {cookie}");
                }
                eprintln!();
            }
            HttpPart::Body(bytes) => output
                .writer()
                .write_all(bytes)
                .map_err(|e| e.to_string())?,
        }
    }
    Ok(())
}

/// The InvokeComplete summary, on standard error.
pub(crate) fn report(summary: &InvokeSummary) {
    match (&summary.error_code, &summary.error_details) {
        (None, _) => eprintln!("InvokeComplete: success"),
        (Some(code), details) => eprintln!(
            "InvokeComplete: ErrorCode {code}: {}",
            details.as_deref().unwrap_or("(no details)")
        ),
    }
    if summary.log_result.is_some() {
        match summary.decoded_log() {
            Ok(log) => eprintln!("LogResult:\n{}", String::from_utf8_lossy(&log).trim_end()),
            Err(error) => eprintln!("LogResult: {error}"),
        }
    }
}
