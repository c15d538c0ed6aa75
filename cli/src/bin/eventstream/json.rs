//! `json`: one JSON object per frame, readable by default or in the AWS
//! test vectors' shape (see `shape`): JSON Lines, or with `--array` one
//! JSON document, for tools that read a whole document. Either way frames
//! are written as they arrive.

use crate::cli::JsonArgs;
use crate::input::{Failure, Frames, display_name};
use crate::output::Output;
use crate::shape::to_json;
use std::io::Write;

pub(crate) fn run(args: &JsonArgs) -> Result<(), Failure> {
    let mut frames = Frames::open(&args.input)?;
    let mut output = Output::new();
    let (mut read, mut shown) = (0, 0);
    if args.array {
        write!(output.writer(), "[").map_err(Failure::output)?;
    }
    while let Some((_, _, message)) = frames.next()? {
        read += 1;
        if !args.filter.keeps(message) {
            continue;
        }
        let value = to_json(message, args.format, args.json_payload);
        let out = output.writer();
        if args.array && shown > 0 {
            write!(out, ",").map_err(Failure::output)?;
        }
        shown += 1;
        let written = if args.pretty {
            serde_json::to_writer_pretty(&mut *out, &value)
        } else {
            serde_json::to_writer(&mut *out, &value)
        };
        written.map_err(|e| Failure::output(e.into()))?;
        writeln!(out).map_err(Failure::output)?;
        output.frame_done()?;
    }
    // A stream that broke ends above, the array left open: the document is
    // as incomplete as the stream, and a JSON tool says so.
    if args.array {
        writeln!(output.writer(), "]").map_err(Failure::output)?;
        output.frame_done()?;
    }
    args.filter
        .check_matched(&display_name(&args.input.file), read, shown)
}
