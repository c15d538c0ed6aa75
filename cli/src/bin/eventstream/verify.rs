//! `verify`: decode everything; report frames, bytes, the `exception` and
//! `error` frames among them, and throughput when there is enough to time.

use crate::cli::InputArgs;
use crate::input::{Failure, Frames, display_name};
use crate::style::{BAD, GOOD, Paint};
use eventstream::MessageKind;
use eventstream_cli::terminal::escape;
use std::collections::BTreeMap;
use std::time::Instant;

/// Below this, a throughput figure measures start-up, not decoding.
const TIMED_ABOVE: u64 = 64 * 1024;

pub(crate) fn run(args: &InputArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let mut frames = Frames::open(args)?;
    let (mut count, mut payload) = (0u64, 0u64);
    // `exception: ThrottlingException` and `error: InternalFailure`, counted.
    let mut failures: BTreeMap<String, u64> = BTreeMap::new();
    while let Some((_, _, message)) = frames.next()? {
        count += 1;
        payload += message.payload().len() as u64;
        let failure = match message.kind() {
            Ok(MessageKind::Exception { exception_type }) => format!("exception {exception_type}"),
            Ok(MessageKind::Error { code, .. }) => format!("error {code}"),
            _ => continue,
        };
        *failures.entry(escape(&failure).into_owned()).or_default() += 1;
    }
    let bytes = frames.position();
    let paint = Paint::stdout();
    let mut line = format!(
        "{}: {}: {count} frame{}, {bytes} bytes ({payload} of payload)",
        display_name(&args.file),
        paint.paint(GOOD, "ok"),
        plural(count)
    );
    if !failures.is_empty() {
        let total: u64 = failures.values().sum();
        let list: Vec<String> = failures
            .iter()
            .map(|(what, n)| match n {
                1 => what.clone(),
                n => format!("{what} ({n})"),
            })
            .collect();
        line += &paint.paint(
            BAD,
            format!(
                "; {total} exception/error frame{}: {}",
                plural(total),
                list.join(", ")
            ),
        );
    }
    if bytes > TIMED_ABOVE {
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        line += &format!(", {:.1} MB/s", bytes as f64 / seconds / 1e6);
    }
    println!("{line}");
    Ok(())
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
