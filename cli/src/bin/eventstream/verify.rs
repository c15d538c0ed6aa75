//! `verify`: decode everything, report frames, bytes and throughput.

use crate::cli::InputArgs;
use crate::input::{Failure, Frames, display_name};
use std::time::Instant;

pub(crate) fn run(args: &InputArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let mut frames = Frames::open(&args.file)?;
    let mut count = 0u64;
    let mut payload = 0u64;
    while let Some((_, _, message)) = frames.next()? {
        count += 1;
        payload += message.payload().len() as u64;
    }
    let bytes = frames.position();
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{}: ok: {count} frames, {bytes} bytes ({payload} of payload), {:.1} MB/s",
        display_name(&args.file),
        bytes as f64 / seconds / 1e6
    );
    Ok(())
}
