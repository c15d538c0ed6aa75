//! `eventstream`: inspect, convert and verify AWS event streams
//! (`application/vnd.amazon.eventstream`) captured from Lambda, Bedrock,
//! Transcribe, S3 Select and other services.
//!
//! Every sub-command reads a file, or `-` for standard input, and streams:
//! memory is bounded by the largest frame, and output appears as frames arrive.

mod cli;
mod dump;
mod encode;
mod input;
mod invoke;
mod json;
mod lambda;
mod output;
mod salvage;
mod serve;
mod shape;
mod style;
mod verify;

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Dump(args) => dump::run(&args),
        cli::Command::Json(args) => json::run(&args),
        cli::Command::Encode(args) => encode::run(&args),
        cli::Command::Verify(args) => verify::run(&args),
        cli::Command::Lambda(args) => lambda::run(&args),
        cli::Command::Serve(args) => serve::run(&args),
        cli::Command::Invoke(args) => invoke::run(&args),
        cli::Command::Completions { shell } => {
            let mut command = cli::Cli::command();
            clap_complete::generate(shell, &mut command, "eventstream", &mut std::io::stdout());
            Ok(())
        }
        cli::Command::Man => clap_mangen::Man::new(cli::Cli::command())
            .render(&mut std::io::stdout())
            .map_err(input::Failure::output),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_closed_pipe() => ExitCode::SUCCESS,
        Err(failure) => {
            // Messages quote the wire and servers: nothing reaches the terminal raw.
            eprintln!(
                "eventstream: {} {}",
                style::Paint::stderr().paint(style::BAD, "error:"),
                eventstream_cli::terminal::escape(&failure.to_string())
            );
            ExitCode::FAILURE
        }
    }
}
