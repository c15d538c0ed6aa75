//! What the end-to-end tests of the `eventstream` binary share: running it,
//! and finding files in `testdata/`.
#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_eventstream"))
}

pub(crate) fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(path)
}

pub(crate) fn files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(testdata(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

pub(crate) fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().unwrap();
    let _ = writer.join();
    output
}

pub(crate) fn assert_clean_failure(output: &Output, expect: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    for needle in expect {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr:?}");
    }
}

/// Every file in `testdata/` that is a whole, valid stream.
pub(crate) fn valid_streams() -> Vec<PathBuf> {
    let mut paths = files("encoded/positive");
    paths.extend(files("smithy-rs/test_data").into_iter().filter(|p| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("valid_")
    }));
    paths.extend(files("smithy-rs/recorded"));
    paths.extend(
        files("lambda")
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "bin") && !p.ends_with("truncated.bin")),
    );
    paths
}

/// Runs the binary on a terminal (a pseudo-terminal from `script`, which
/// Debian's essential packages include), with `env` set (colourless unless
/// `env` sets TERM); what the terminal showed.
pub(crate) fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let command: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_eventstream"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let output = Command::new("script")
        .args(["-qec", &command.join(" "), "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI") // colour is on for terminals on CI hosts
        .env("TERM", "dumb")
        .envs(env.iter().copied())
        .output()
        .expect("`script` (util-linux) runs commands on a terminal");
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}
