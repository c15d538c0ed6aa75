//! `json`: one JSON object per frame, readable by default or in the AWS
//! test vectors' shape (see `shape`).

use crate::cli::JsonArgs;
use crate::input::{Failure, Frames};
use crate::output::Output;
use crate::shape::to_json;
use std::io::Write;

pub(crate) fn run(args: &JsonArgs) -> Result<(), Failure> {
    let mut frames = Frames::open(&args.input)?;
    let mut output = Output::new();
    while let Some((_, _, message)) = frames.next()? {
        if !args.filter.keeps(message) {
            continue;
        }
        let value = to_json(message, args.format, args.json_payload);
        let out = output.writer();
        let written = if args.pretty {
            serde_json::to_writer_pretty(&mut *out, &value)
        } else {
            serde_json::to_writer(&mut *out, &value)
        };
        written.map_err(|e| Failure::output(e.into()))?;
        writeln!(out).map_err(Failure::output)?;
        output.frame_done()?;
    }
    Ok(())
}
