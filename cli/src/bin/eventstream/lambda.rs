//! `lambda`: the typed view of an `InvokeWithResponseStream` body. Payload
//! bytes go to standard output as they arrive; the summary goes to standard
//! error; the exit status says whether the function and the stream succeeded.

use crate::cli::{LambdaArgs, MessageType};
use crate::input::{Failure, describe, display_name, open_input};
use crate::output::Output;
use crate::style::{BAD, GOOD, Paint};
use eventstream::lambda::{
    HttpPart, HttpPreludeSplitter, InvokeSummary, ResponseEvent, ResponseReader,
};
use eventstream_cli::terminal::{escape, escape_bytes};
use std::collections::BTreeMap;

pub(crate) fn run(args: &LambdaArgs) -> Result<(), Failure> {
    let name = display_name(&args.input.file);
    let mut reader = ResponseReader::new(open_input(&args.input)?);
    let mut splitter = args
        .http_prelude
        .then(HttpPreludeSplitter::<{ 64 * 1024 }>::new);
    let mut output = Output::new();
    let mut summary = None;
    let mut unknown = UnknownEvents::default();
    let mut probe = (!args.http_prelude).then(PreludeProbe::default);
    for index in 0u64.. {
        let offset = reader.get_ref().position();
        let event = match reader.read_event() {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error) => {
                output.end_line()?;
                unknown.report();
                return Err(match error {
                    eventstream::Error::MissingInvokeComplete { .. } => {
                        Failure::new(format!("{name}: {}", escape(&error.to_string())))
                    }
                    eventstream::Error::Service(_) | eventstream::Error::MalformedEvent(_) => {
                        Failure::new(format!(
                            "{name}: frame {index} at byte {offset}: {}",
                            escape(&error.to_string())
                        ))
                    }
                    error => describe(&name, index, offset, error),
                });
            }
        };
        let shown = |event_type| args.filter.keeps_kind(MessageType::Event, Some(event_type));
        match event {
            ResponseEvent::PayloadChunk(_) if !shown("PayloadChunk") => {}
            ResponseEvent::PayloadChunk(chunk) => match &mut splitter {
                None => {
                    if probe.as_mut().is_some_and(|p| p.found_in(chunk.payload())) {
                        probe = None;
                        eprintln!(
                            "hint: the output starts with a function URL's HTTP prelude (its status \
                             and headers as JSON, then 8 NUL bytes): pass --http-prelude to split it off"
                        );
                    }
                    output.write_payload(chunk.payload())?
                }
                Some(splitter) => write_split(splitter, chunk.payload(), &mut output)
                    .map_err(|e| Failure::new(format!("{name}: frame {index}: {e}")))?,
            },
            ResponseEvent::InvokeComplete(done) => summary = Some(InvokeSummary::from(&done)),
            ResponseEvent::Unknown { event_type, .. } => unknown.saw(event_type),
        }
    }
    output.end_line()?;
    unknown.report();
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
    if args
        .filter
        .keeps_kind(MessageType::Event, Some("InvokeComplete"))
    {
        report(&summary);
    }
    match summary.error_code {
        Some(code) => Err(Failure::new(format!(
            "the function failed: {}",
            escape(&code)
        ))),
        None => Ok(()),
    }
}

/// Without `--http-prelude`: whether the function's output starts with a
/// function URL's HTTP prelude, judged by the splitter `--http-prelude`
/// uses, on at most the first 4 KiB.
#[derive(Default)]
struct PreludeProbe {
    splitter: HttpPreludeSplitter<4096>,
    gave_up: bool,
}

impl PreludeProbe {
    /// Whether the prelude ends in `payload`, the output's next chunk.
    fn found_in(&mut self, payload: &[u8]) -> bool {
        if self.gave_up || payload.is_empty() {
            return false;
        }
        match self.splitter.push(payload) {
            Ok((_, Some(HttpPart::Metadata(_)))) => true,
            Ok((_, None)) => false,
            Ok((_, Some(HttpPart::Body(_)))) | Err(_) => {
                self.gave_up = true;
                false
            }
        }
    }
}

/// Event types this tool does not know, counted, to say once at the end
/// (a Transcribe stream fed to `lambda` is 35 of them, not 35 notes).
#[derive(Default)]
pub(crate) struct UnknownEvents(BTreeMap<String, u64>);

impl UnknownEvents {
    pub(crate) fn saw(&mut self, event_type: &str) {
        *self.0.entry(event_type.to_string()).or_default() += 1;
    }

    pub(crate) fn report(&self) {
        if self.0.is_empty() {
            return;
        }
        let list: Vec<String> = self
            .0
            .iter()
            .map(|(event_type, count)| format!("{} ({count})", escape(event_type)))
            .collect();
        let total: u64 = self.0.values().sum();
        eprintln!(
            "note: skipped {total} event{} of types that are not Lambda's: {}",
            if total == 1 { "" } else { "s" },
            list.join(", ")
        );
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
                    eprintln!(
                        "{}: {}",
                        escape(&header.to_string()),
                        escape(&value.to_string())
                    );
                }
                for cookie in meta.cookies() {
                    eprintln!("set-cookie: {}", escape(&cookie.to_string()));
                }
                eprintln!();
            }
            HttpPart::Body(bytes) => output.write_payload(bytes).map_err(|e| e.to_string())?,
        }
    }
    Ok(())
}

/// The InvokeComplete summary, on standard error, its text escaped.
pub(crate) fn report(summary: &InvokeSummary) {
    let paint = Paint::stderr();
    match (&summary.error_code, &summary.error_details) {
        (None, _) => eprintln!("InvokeComplete: {}", paint.paint(GOOD, "success")),
        (Some(code), details) => eprintln!(
            "InvokeComplete: ErrorCode {}: {}",
            paint.paint(BAD, escape(code)),
            escape(details.as_deref().unwrap_or("(no details)"))
        ),
    }
    if let Some(log) = &summary.log_result {
        let mut buf = vec![0; log.len() / 4 * 3];
        match eventstream::lambda::decode_log(log.chars(), &mut buf) {
            // An empty log (a function that wrote nothing) is not shown.
            Ok(log) if log.trim_ascii().is_empty() => {}
            Ok(log) => eprintln!("LogResult:\n{}", escape_bytes(log.trim_ascii_end())),
            Err(error) => eprintln!("LogResult: {error}"),
        }
    }
}
