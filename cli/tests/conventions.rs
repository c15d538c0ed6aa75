//! The tool's conventions with input that is not quite right: `encode`
//! never invents a frame, filters that match nothing fail as grep's do,
//! binary never goes to a terminal, and errors and hints say one thing,
//! once. Each test runs the built binary.

mod common;

use common::{assert_clean_failure, on_terminal, run, testdata};
use std::path::Path;

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `encode -` on `input`: it must fail, write nothing, and say `expect`.
fn refused(input: &str, expect: &[&str]) {
    let output = run(&["encode", "-"], Some(input.as_bytes()));
    assert_clean_failure(&output, expect);
    assert!(
        output.stdout.is_empty(),
        "{input}: wrote {} bytes",
        output.stdout.len()
    );
}

#[test]
fn encode_refuses_what_is_not_a_frame_with_its_line() {
    // An array is frames, one per element (as `json --array` writes them).
    refused("[1,2]", &["object 0 (line 1): a number is not a frame"]);
    refused("[[]]", &["object 0 (line 1): an array is not a frame"]);
    refused("[\n {\"x\":1}]", &["object 0 (line 2): unknown key \"x\""]);
    refused(
        "{}",
        &["object 0 (line 1): neither \"headers\" nor a payload"],
    );
    refused(
        r#"{"message":"Internal error"}"#,
        &["unknown key \"message\": a frame's keys are headers, payload"],
    );
    refused(
        r#"{"headers":[],"paylod":"x"}"#,
        &["unknown key \"paylod\""],
    );
    refused(
        r#"{"headers":[{"name":"a","type":"string","value":"b","vlaue":1}]}"#,
        &["header 0: unknown key \"vlaue\": a header's keys are name, type, value, time"],
    );
    refused(
        r#"{"headers":[{"name":"a","type":"int16","value":1}]}"#,
        &[
            "unknown header type \"int16\": one of boolean, byte, short, integer, long, byte_array, string, timestamp, uuid",
        ],
    );
    refused(
        r#"{"headers":[{"name":"a","type":0,"value":false}]}"#,
        &["value false does not fit type 0"],
    );
    // An object that fits both shapes, differently, names both.
    refused(
        r#"{"payload":"aGVsbG8="}"#,
        &[
            "fits both shapes, differently",
            "--format readable or --format vectors",
        ],
    );
    // The line is the object's first, in a stream of several objects.
    let output = run(
        &["encode", "-"],
        Some(b"{\"headers\":[]}\n\n  {\"headers\": [],\n   \"x\": 1}\n"),
    );
    assert_clean_failure(&output, &["<stdin>: object 1 (line 3): unknown key \"x\""]);
    assert_eq!(
        output.stdout.len(),
        16,
        "the frame before it is written, not the bad one"
    );
}

#[test]
fn encode_reads_each_objects_shape_from_what_fits() {
    // Text that is not base64 is readable's payload, with no --format.
    let output = run(
        &["encode", "-"],
        Some(br#"{"headers":[],"payload":"hello"}"#),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(&output.stdout[12..17], b"hello");
    // --format settles an object that fits both.
    let output = run(
        &["encode", "--format", "vectors", "-"],
        Some(br#"{"payload":"aGVsbG8="}"#),
    );
    assert_eq!(&output.stdout[12..17], b"hello");
    // The AWS vectors' files and `json`'s output still need no --format.
    let vectors = std::fs::read(testdata("decoded/positive/all_headers")).unwrap();
    let output = run(&["encode", "--strict", "-"], Some(&vectors));
    assert_eq!(
        output.stdout,
        std::fs::read(testdata("encoded/positive/all_headers")).unwrap()
    );
}

#[test]
fn encode_writes_no_binary_to_a_terminal_but_does_to_a_file() {
    let json = testdata("decoded/positive/all_headers");
    let shown = on_terminal(&["encode", path(&json)], &[]);
    assert!(
        shown.contains("standard output is a terminal") && shown.contains("-o FILE"),
        "{shown:?}"
    );
    let out = std::env::temp_dir().join(format!("eventstream-encode-{}.bin", std::process::id()));
    let shown = on_terminal(&["encode", "-o", path(&out), path(&json)], &[]);
    assert_eq!(shown, "");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(testdata("encoded/positive/all_headers")).unwrap()
    );
    std::fs::remove_file(out).unwrap();
}

#[test]
fn a_filter_that_matches_nothing_exits_1_and_says_so() {
    let file = testdata("lambda/text_in_chunks.bin");
    for sub in ["dump", "json"] {
        let output = run(&[sub, "--event-type", "NoSuch", path(&file)], None);
        assert_clean_failure(
            &output,
            &["no frame matched --event-type NoSuch (11 frames read)"],
        );
        assert!(output.stdout.is_empty(), "{sub}");
        // A filter that matches is no error.
        assert!(
            run(&[sub, "--event-type", "InvokeComplete", path(&file)], None)
                .status
                .success()
        );
    }
    let output = run(
        &[
            "dump",
            "--keep-going",
            "--message-type",
            "error",
            path(&file),
        ],
        None,
    );
    assert_clean_failure(
        &output,
        &["no frame matched --message-type error (11 frames read)"],
    );
}

#[test]
fn json_array_is_one_document() {
    let file = testdata("lambda/text_in_chunks.bin");
    for extra in [&[][..], &["--pretty"][..]] {
        let mut args = vec!["json", "--array"];
        args.extend_from_slice(extra);
        args.push(path(&file));
        let output = run(&args, None);
        assert!(output.status.success());
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(document.as_array().unwrap().len(), 11);
    }
    let help = String::from_utf8(run(&["json", "--help"], None).stdout).unwrap();
    assert!(
        help.contains("JSON Lines") && help.contains("--array"),
        "{help}"
    );
}

#[test]
fn a_directory_is_named_as_one() {
    let output = run(&["verify", path(&testdata("lambda"))], None);
    assert_clean_failure(
        &output,
        &["lambda: is a directory: give a file, or - for standard input"],
    );
}

#[test]
fn a_corrupt_frame_is_named_by_index_and_one_stream_offset() {
    let mut bytes = std::fs::read(testdata("lambda/text_in_chunks.bin")).unwrap();
    let at = bytes.len() - 200;
    bytes[at] ^= 1;
    let output = run(&["dump", "-"], Some(&bytes));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_clean_failure(
        &output,
        &["<stdin>: frame 9: message checksum mismatch at byte 1193: computed"],
    );
    assert_eq!(stderr.matches("byte").count(), 1, "{stderr}");
}

#[test]
fn a_curl_i_capture_gets_one_sentence_of_advice() {
    let mut capture = b"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\nx-amzn-requestid: 1234\r\n\r\n".to_vec();
    capture.extend(std::fs::read(testdata("lambda/text_in_chunks.bin")).unwrap());
    let output = run(&["dump", "-"], Some(&capture));
    assert_clean_failure(
        &output,
        &[
            "an HTTP response with its status line and headers; pass --skip-http-headers, or capture it without curl's -i (",
        ],
    );
    assert!(
        run(&["dump", "--skip-http-headers", "-"], Some(&capture))
            .status
            .success()
    );
}

#[test]
fn lambda_hints_the_http_prelude_flag_for_a_function_url_body() {
    let file = testdata("lambda/http_integration_prelude.bin");
    let output = run(&["lambda", path(&file)], None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("hint: the output starts with a function URL's HTTP prelude"),
        "{stderr}"
    );
    assert!(stderr.contains("pass --http-prelude"), "{stderr}");
    // With the flag, or for a plain body, no hint.
    let split = run(&["lambda", "--http-prelude", path(&file)], None);
    assert!(!String::from_utf8_lossy(&split.stderr).contains("hint:"));
    assert!(!split.stdout.contains(&0));
    let plain = run(
        &["lambda", path(&testdata("lambda/text_in_chunks.bin"))],
        None,
    );
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("hint:"));
}

#[test]
fn every_subcommand_has_a_manual_page_with_its_options_and_an_example() {
    for (sub, option) in [
        ("dump", "keep\\-going"),
        ("json", "array"),
        ("encode", "output"),
        ("verify", "skip\\-http\\-headers"),
        ("lambda", "http\\-prelude"),
        ("serve", "max\\-connections"),
        ("invoke", "read\\-timeout"),
    ] {
        let page = String::from_utf8(run(&["man", sub], None).stdout).unwrap();
        assert!(
            page.contains(&format!(".TH eventstream-{sub} 1")),
            "{sub}: {page}"
        );
        assert!(
            page.contains(".SH OPTIONS") && page.contains(option),
            "{sub}: {page}"
        );
        assert!(page.contains("Example:"), "{sub}");
    }
    let main = String::from_utf8(run(&["man"], None).stdout).unwrap();
    assert!(main.contains("eventstream\\-dump(1)"), "{main}");
    assert_clean_failure(
        &run(&["man", "nope"], None),
        &["no sub-command nope: one of dump, json"],
    );
}
