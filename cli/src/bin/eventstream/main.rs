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

/// The tool's manual page, or a sub-command's (`eventstream-dump(1)`), in roff.
fn man(subcommand: Option<&str>) -> Result<(), input::Failure> {
    let mut command = cli::Cli::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|sub| sub.get_name().to_string())
                .filter(|sub| sub != "help")
                .collect();
            let sub = command.find_subcommand(name).cloned().ok_or_else(|| {
                input::Failure::new(format!(
                    "no sub-command {}: one of {}",
                    eventstream_cli::terminal::escape(name),
                    names.join(", ")
                ))
            })?;
            // clap names are `&'static str`; this process prints one page and ends.
            let title: &'static str = format!("eventstream-{name}").leak();
            sub.name(title)
        }
    };
    clap_mangen::Man::new(page)
        .render(&mut std::io::stdout())
        .map_err(input::Failure::output)
}

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
        cli::Command::Man { subcommand } => man(subcommand.as_deref()),
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
