//! The README's Rust blocks are as a user pastes them (no hidden lines):
//! each is the text of a file that is built (and the examples run by CI),
//! and this test holds the two together. The Decode block is built in a
//! `#![no_std]` crate (`ci/nostd-check`) and run here.

mod common;

use eventstream::{Header, HeaderValue};
use std::path::Path;

#[path = "../../ci/nostd-check/src/readme_decode.rs"]
#[allow(unreachable_pub)] // public in the README's crate
mod readme_decode;

/// The files the README's ```rust blocks are, in the README's order.
const BLOCK_FILES: [&str; 5] = [
    "ci/nostd-check/src/readme_decode.rs",
    "codec-std/examples/readme_encode.rs",
    "codec-std/examples/readme_io.rs",
    "codec-std/examples/readme_events.rs",
    "codec-std/examples/readme_lambda.rs",
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The text of each ```rust block of the README.
fn rust_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line == "```rust" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push(body.join("\n") + "\n");
        }
    }
    blocks
}

/// A file's text after its leading `//!` lines and the blank line after them.
fn without_file_docs(text: &str) -> String {
    let body: Vec<&str> = text.lines().skip_while(|l| l.starts_with("//!")).collect();
    body.join("\n").trim_start_matches('\n').to_string() + "\n"
}

#[test]
fn every_rust_block_of_the_readme_is_a_file_that_is_built() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = rust_blocks(&readme);
    assert_eq!(blocks.len(), BLOCK_FILES.len(), "README's ```rust blocks");
    for (block, file) in blocks.iter().zip(BLOCK_FILES) {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        assert_eq!(
            *block,
            without_file_docs(&text),
            "the README's block and {file} differ"
        );
        assert!(
            !block.lines().any(|l| l.starts_with("# ") || l == "#"),
            "{file}: a rustdoc hidden line in the README, which a user would paste"
        );
    }
}

#[test]
fn the_decode_block_gives_each_event_and_the_rest() {
    let event = |payload: &[u8]| {
        eventstream::encode_to_vec(
            &[Header::new(":message-type", HeaderValue::String("event"))],
            payload,
        )
        .unwrap()
    };
    let exception = common::exception("E", "m");
    let mut input = [event(b"one"), exception, event(b"two")].concat();
    let whole = input.len();
    input.extend_from_slice(&event(b"three")[..7]);
    let mut seen = Vec::new();
    let rest = readme_decode::for_each_event(&input, |payload| seen.push(payload)).unwrap();
    assert_eq!(seen, [&b"one"[..], b"two"]);
    assert_eq!(rest, &input[whole..]);
}
