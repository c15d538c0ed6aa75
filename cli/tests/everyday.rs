//! The tool as people debugging streams use it: readable JSON, filters,
//! `--keep-going`, hints for wrong inputs, big payloads and files, help,
//! colour and terminals. Each test runs the built binary.

mod common;

use common::{assert_clean_failure, on_terminal, run, testdata, valid_streams};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json_lines(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::Deserializer::from_slice(&output.stdout)
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eventstream-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A stream made with `encode` from readable JSON objects.
fn encoded(objects: &[Value]) -> Vec<u8> {
    let text: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let output = run(&["encode", "-"], Some(text.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    output.stdout
}

fn event(event_type: &str, payload: &str) -> Value {
    json!({"headers": [
        {"name": ":event-type", "type": "string", "value": event_type},
        {"name": ":message-type", "type": "string", "value": "event"},
    ], "payload": payload})
}

#[test]
fn readable_json_shows_strings_as_text_and_payloads_as_text_json_or_base64() {
    let all_headers = json_lines(&run(
        &["json", path(&testdata("encoded/positive/all_headers"))],
        None,
    ));
    assert_eq!(
        all_headers[0],
        json!({
            "total_length": 204, "headers_length": 175, "prelude_crc": "0x0fae64ca",
            "headers": [
                {"name": "event-type", "type": "integer", "value": 40972},
                {"name": "content-type", "type": "string", "value": "application/json"},
                {"name": "bool false", "type": "boolean", "value": false},
                {"name": "bool true", "type": "boolean", "value": true},
                {"name": "byte", "type": "byte", "value": -49},
                {"name": "byte buf", "type": "byte_array", "value": "SSdtIGEgbGl0dGxlIHRlYXBvdCE="},
                {"name": "timestamp", "type": "timestamp", "value": 8675309, "time": "1970-01-01T02:24:35.309Z"},
                {"name": "int16", "type": "short", "value": 42},
                {"name": "int64", "type": "long", "value": 42424242},
                {"name": "uuid", "type": "uuid", "value": "01020304-0506-0708-090a-0b0c0d0e0f10"},
            ],
            "payload": "{'foo':'bar'}",
            "message_crc": "0xaba5f10c",
        })
    );
    let lambda = testdata("lambda/function_error.bin");
    let embedded = json_lines(&run(&["json", "--json-payload", path(&lambda)], None));
    assert_eq!(embedded[0]["payload"], "partial output\n");
    assert_eq!(embedded[1]["payload_json"]["ErrorCode"], "Unhandled");
    let binary = json_lines(&run(
        &["json", path(&testdata("lambda/binary_payload.bin"))],
        None,
    ));
    assert!(
        binary
            .iter()
            .any(|frame| frame["payload_base64"].is_string())
    );
    // A JSON payload that would not come back byte for byte stays text.
    let pretty = encoded(&[event("Doc", "{ \"a\": 1 }")]);
    let frame = &json_lines(&run(&["json", "--json-payload", "-"], Some(&pretty)))[0];
    assert_eq!(frame["payload"], "{ \"a\": 1 }");
}

/// The frames a filter should keep, judged from the unfiltered readable JSON.
fn expected_frames(frames: &[Value], filter: &[&str]) -> Vec<usize> {
    let header = |frame: &Value, name: &str| -> Option<String> {
        frame["headers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name && h["type"] == "string")
            .map(|h| h["value"].as_str().unwrap().to_string())
    };
    (0..frames.len())
        .filter(|&i| {
            let message_type = header(&frames[i], ":message-type").unwrap_or("event".into());
            let event_type = header(&frames[i], ":event-type");
            match filter {
                ["--event-type", wanted] => {
                    message_type == "event" && event_type.as_deref() == Some(*wanted)
                }
                ["--message-type", wanted] => message_type == *wanted,
                _ => unreachable!(),
            }
        })
        .collect()
}

#[test]
fn filters_pick_the_same_frames_in_dump_and_json_on_every_file() {
    let mut checked = 0;
    for file in valid_streams() {
        let frames = json_lines(&run(&["json", path(&file)], None));
        let mut filters: Vec<Vec<String>> = ["event", "exception", "error"]
            .iter()
            .map(|t| vec!["--message-type".into(), t.to_string()])
            .collect();
        let mut event_types: Vec<String> = frames
            .iter()
            .flat_map(|f| f["headers"].as_array().unwrap().clone())
            .filter(|h| h["name"] == ":event-type")
            .filter_map(|h| h["value"].as_str().map(str::to_string))
            .collect();
        event_types.push("NoSuchEvent".into());
        event_types.sort();
        event_types.dedup();
        filters.extend(
            event_types
                .into_iter()
                .map(|t| vec!["--event-type".into(), t]),
        );
        for filter in filters {
            let filter: Vec<&str> = filter.iter().map(String::as_str).collect();
            let expected = expected_frames(&frames, &filter);
            let mut args = vec!["json"];
            args.extend(&filter);
            args.push(path(&file));
            let json = run(&args, None);
            // A filter that matches nothing fails, as grep's does.
            let status = if expected.is_empty() {
                Some(1)
            } else {
                Some(0)
            };
            assert_eq!(
                json.status.code(),
                status,
                "json {filter:?} {}",
                file.display()
            );
            let kept: Vec<Value> = serde_json::Deserializer::from_slice(&json.stdout)
                .into_iter()
                .map(Result::unwrap)
                .collect();
            let wanted: Vec<&Value> = expected.iter().map(|&i| &frames[i]).collect();
            assert_eq!(
                kept.iter().collect::<Vec<_>>(),
                wanted,
                "json {filter:?} {}",
                file.display()
            );
            args[0] = "dump";
            let dump = run(&args, None);
            assert_eq!(dump.status.code(), status, "{}", stderr(&dump));
            let shown: Vec<usize> = stdout(&dump)
                .lines()
                .filter_map(|line| line.strip_prefix("frame "))
                .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
                .collect();
            assert_eq!(shown, expected, "dump {filter:?} {}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 80, "{checked} filters checked");
}

#[test]
fn lambda_filters_choose_the_output_or_the_summary() {
    let file = testdata("lambda/text_in_chunks.bin");
    let all = run(&["lambda", path(&file)], None);
    let only_summary = run(
        &["lambda", "--event-type", "InvokeComplete", path(&file)],
        None,
    );
    assert!(only_summary.status.success());
    assert!(only_summary.stdout.is_empty());
    assert_eq!(stderr(&only_summary), "InvokeComplete: success\n");
    let only_output = run(
        &["lambda", "--event-type", "PayloadChunk", path(&file)],
        None,
    );
    assert_eq!(only_output.stdout, all.stdout);
    assert!(stderr(&only_output).is_empty(), "{}", stderr(&only_output));
    // The exit status still says how the function ended.
    let failed = testdata("lambda/function_error.bin");
    let quiet = run(
        &["lambda", "--event-type", "PayloadChunk", path(&failed)],
        None,
    );
    assert_clean_failure(&quiet, &["the function failed: Unhandled"]);
    assert_eq!(quiet.stdout, b"partial output\n");
}

#[test]
fn keep_going_shows_every_frame_around_a_corrupt_one() {
    let dir = scratch("keep-going");
    let recorded = std::fs::read(testdata(
        "smithy-rs/recorded/transcribestreaming_success.response.bin",
    ))
    .unwrap();
    let frames = json_lines(&run(
        &[
            "json",
            path(&testdata(
                "smithy-rs/recorded/transcribestreaming_success.response.bin",
            )),
        ],
        None,
    ));
    assert_eq!(frames.len(), 35);
    // Frame 4 starts at byte 870: one payload byte flipped, so only its CRC is wrong.
    let mut corrupted = recorded.clone();
    corrupted[1000] ^= 0x01;
    let file = dir.join("one-bad-crc.bin");
    std::fs::write(&file, &corrupted).unwrap();

    let plain = run(&["dump", path(&file)], None);
    assert_clean_failure(
        &plain,
        &["frame 4: message checksum mismatch at byte 1455:"],
    );
    assert_eq!(
        stdout(&plain).matches("\nframe ").count() + 1,
        4,
        "stops at frame 4"
    );

    let kept = run(&["dump", "--keep-going", path(&file)], None);
    assert_clean_failure(&kept, &["one-bad-crc.bin: corrupt frames: 1 of 35"]);
    let text = stdout(&kept);
    let titles: Vec<&str> = text.lines().filter(|l| l.starts_with("frame ")).collect();
    assert_eq!(titles.len(), 35, "every frame shown");
    for (index, title) in titles.iter().enumerate() {
        assert!(
            title.starts_with(&format!("frame {index} at byte ")),
            "{title}"
        );
        assert_eq!(title.contains("CORRUPT"), index == 4, "{title}");
    }
    // Each fact once: where the frame starts, where the fault is (in the
    // stream), the CRC the bytes give and the one on the wire.
    assert!(
        titles[4].contains("CORRUPT: message checksum mismatch at byte 1455: computed 0x")
            && titles[4].matches("byte").count() == 2
            && !titles[4].contains("of the stream"),
        "{}",
        titles[4]
    );
    let on_wire = u32::from_be_bytes(recorded[1455..1459].try_into().unwrap());
    assert!(
        titles[4].contains(&format!("on the wire {on_wire:#010x}")),
        "{}",
        titles[4]
    );
    // The corrupt frame's headers still read, and the frames after it are intact.
    let corrupt_block = text.split("frame 4 at byte").nth(1).unwrap();
    assert!(corrupt_block.contains(":event-type (string): TranscriptEvent"));
    assert!(
        corrupt_block.contains(&format!("message crc:    {on_wire:#010x}\n")),
        "the frame's message crc is the one on the wire: {corrupt_block}"
    );
    let dump_of_original = stdout(&run(
        &[
            "dump",
            path(&testdata(
                "smithy-rs/recorded/transcribestreaming_success.response.bin",
            )),
        ],
        None,
    ));
    let after = |text: &str| text.split("frame 5 at byte").nth(1).unwrap().to_string();
    assert_eq!(after(&text), after(&dump_of_original));

    // A broken header block: shown as hex, and reading goes on.
    let mut bad_header = recorded.clone();
    bad_header[870 + 12 + 1] = 0xff;
    let file = dir.join("bad-header.bin");
    std::fs::write(&file, &bad_header).unwrap();
    let kept = run(&["dump", "--keep-going", path(&file)], None);
    assert_clean_failure(&kept, &["corrupt frames: 1 of 35"]);
    let text = stdout(&kept);
    assert!(
        text.contains("headers (unreadable, hex):\n    00000000  0b ff"),
        "{text}"
    );
    assert_eq!(text.lines().filter(|l| l.starts_with("frame ")).count(), 35);

    // A broken prelude leaves no frame boundary to go on from.
    let mut bad_prelude = recorded;
    bad_prelude[870 + 2] ^= 0x01;
    let file = dir.join("bad-prelude.bin");
    std::fs::write(&file, &bad_prelude).unwrap();
    let kept = run(&["dump", "--keep-going", path(&file)], None);
    assert_clean_failure(&kept, &["frame 4: prelude checksum mismatch at byte 878:"]);
    assert_eq!(
        stdout(&kept)
            .lines()
            .filter(|l| l.starts_with("frame "))
            .count(),
        4
    );

    // A sound stream: the same output as without the flag.
    for file in valid_streams() {
        let with = run(&["dump", "--keep-going", path(&file)], None);
        assert!(with.status.success(), "{}", stderr(&with));
        assert_eq!(with.stdout, run(&["dump", path(&file)], None).stdout);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wrong_inputs_say_what_they_look_like() {
    let dir = scratch("wrong-inputs");
    let stream = std::fs::read(testdata("lambda/text_in_chunks.bin")).unwrap();
    let mut capture = b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    capture.extend(&stream);
    let mut continued = b"HTTP/1.1 100 Continue\r\n\r\n".to_vec();
    continued.extend(&capture);
    use base64::Engine;
    let wrong: [(&str, Vec<u8>, &[&str]); 6] = [
        (
            "curl-i.bin",
            capture.clone(),
            &[
                "starts with \"HTTP/1.1 200 OK",
                "without curl's -i",
                "--skip-http-headers",
            ],
        ),
        (
            "base64.txt",
            base64::engine::general_purpose::STANDARD
                .encode(&stream)
                .into_bytes(),
            &["base64 -d"],
        ),
        (
            "error.json",
            br#"{"message":"The security token included in the request is invalid."}"#.to_vec(),
            &["JSON document", "check the HTTP status"],
        ),
        (
            "error.html",
            b"<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n".to_vec(),
            &["HTML page"],
        ),
        (
            "error.xml",
            b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>".to_vec(),
            &["XML document"],
        ),
        (
            "notes.txt",
            b"just some notes about the stream\n".to_vec(),
            &["text: check the HTTP status"],
        ),
    ];
    for (name, bytes, expect) in &wrong {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        for command in [
            &["dump"][..],
            &["dump", "--keep-going"],
            &["json"],
            &["verify"],
            &["lambda"],
        ] {
            let mut args = command.to_vec();
            args.push(path(&file));
            let output = run(&args, None);
            let mut needles = vec![*name, ": not an event stream"];
            needles.extend(*expect);
            assert_clean_failure(&output, &needles);
        }
    }
    // A `curl -i` capture reads with --skip-http-headers, after a 100 Continue too.
    for capture in [&capture, &continued] {
        let file = dir.join("capture.bin");
        std::fs::write(&file, capture).unwrap();
        let plain = dir.join("plain.bin");
        std::fs::write(&plain, &stream).unwrap();
        for command in ["dump", "json", "verify", "lambda"] {
            let skipped = run(&[command, "--skip-http-headers", path(&file)], None);
            assert!(skipped.status.success(), "{command}: {}", stderr(&skipped));
            let direct = run(&[command, path(&plain)], None);
            let without_name =
                |o: &Output| stdout(o).replace(path(&file), "").replace(path(&plain), "");
            assert_eq!(without_name(&skipped), without_name(&direct), "{command}");
        }
    }
    assert_clean_failure(
        &run(
            &[
                "dump",
                "--skip-http-headers",
                path(&testdata("lambda/text_in_chunks.bin")),
            ],
            None,
        ),
        &["does not start with an HTTP status line"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dump_shows_timestamps_as_rfc3339_and_cuts_big_payloads() {
    let all_headers = run(
        &["dump", path(&testdata("encoded/positive/all_headers"))],
        None,
    );
    assert!(
        stdout(&all_headers)
            .contains("    timestamp (timestamp): 8675309 (1970-01-01T02:24:35.309Z)\n"),
        "{}",
        stdout(&all_headers)
    );
    let big = "é".repeat(10_000); // 20,000 bytes; 4,096 is inside a character
    let stream = encoded(&[event("Big", &big)]);
    let text = stdout(&run(&["dump", "-"], Some(&stream)));
    assert!(text.contains("  payload (20000 bytes, text):\n"), "{text}");
    assert!(text.contains(&format!("    {}\n", "é".repeat(2048))));
    assert!(text.contains("    ... 15904 more bytes not shown (--max-payload 0 shows all)\n"));
    let all = stdout(&run(&["dump", "--max-payload", "0", "-"], Some(&stream)));
    assert!(all.contains(&big) && !all.contains("not shown"));
    let hex = stdout(&run(
        &["dump", "--payload", "hex", "--max-payload", "32", "-"],
        Some(&stream),
    ));
    assert_eq!(
        hex.lines().filter(|l| l.starts_with("    000000")).count(),
        2
    );
    assert!(hex.contains("... 19968 more bytes not shown"));
    let small = run(
        &[
            "dump",
            "--max-payload",
            "100",
            path(&testdata("lambda/text_in_chunks.bin")),
        ],
        None,
    );
    assert!(!stdout(&small).contains("not shown"));
}

#[test]
fn verify_counts_exception_and_error_frames_and_times_only_big_inputs() {
    let verify = |file: &str| stdout(&run(&["verify", path(&testdata(file))], None));
    assert_eq!(
        verify("lambda/exception_mid_stream.bin"),
        format!(
            "{}: ok: 2 frames, 280 bytes (64 of payload); 1 exception/error frame: exception ServiceException\n",
            path(&testdata("lambda/exception_mid_stream.bin"))
        )
    );
    assert!(
        verify("lambda/error_mid_stream.bin")
            .ends_with("; 1 exception/error frame: error InternalFailure\n")
    );
    assert!(
        verify("encoded/positive/all_headers")
            .contains(": ok: 1 frame, 204 bytes (13 of payload)\n")
    );
    let exceptions = encoded(&[
        json!({"headers": [
            {"name": ":message-type", "type": "string", "value": "exception"},
            {"name": ":exception-type", "type": "string", "value": "ThrottlingException"},
        ], "payload": "{}"}),
        json!({"headers": [
            {"name": ":message-type", "type": "string", "value": "exception"},
            {"name": ":exception-type", "type": "string", "value": "ThrottlingException"},
        ], "payload": "{}"}),
    ]);
    let text = stdout(&run(&["verify", "-"], Some(&exceptions)));
    assert!(
        text.ends_with("; 2 exception/error frames: exception ThrottlingException (2)\n"),
        "{text}"
    );
    assert!(!text.contains("MB/s"), "too small to time: {text}");
    let big = encoded(&[event("Big", &"x".repeat(100_000))]);
    assert!(stdout(&run(&["verify", "-"], Some(&big))).ends_with(" MB/s\n"));
}

#[test]
fn help_has_examples_and_completions_and_a_man_page_are_there() {
    let short = stdout(&run(&["-h"], None));
    assert!(
        short.starts_with("Inspect, convert and verify AWS event streams"),
        "{short}"
    );
    for sub in [
        "dump",
        "json",
        "encode",
        "verify",
        "lambda",
        "serve",
        "invoke",
        "completions",
        "man",
    ] {
        let help = run(&[sub, "--help"], None);
        assert!(help.status.success());
        let text = stdout(&help);
        let example = text
            .split("Example:\n  ")
            .nth(1)
            .unwrap_or_else(|| panic!("{sub}: {text}"));
        assert!(
            example.starts_with(&format!("eventstream {sub}"))
                || example.contains(&format!("| eventstream {sub}")),
            "{sub}: {example}"
        );
    }
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef eventstream"),
        ("fish", "complete -c eventstream"),
    ] {
        let script = run(&["completions", shell], None);
        assert!(script.status.success());
        let text = stdout(&script);
        assert!(
            text.contains(marker) && text.contains("keep-going"),
            "{shell}"
        );
    }
    let man = stdout(&run(&["man"], None));
    assert!(
        man.starts_with(".ie") || man.contains(".TH eventstream"),
        "{man}"
    );
    assert!(man.contains("dump") && man.contains("completions"));
}

#[test]
fn colour_only_on_a_terminal_and_never_in_payload_bytes() {
    let file = testdata("lambda/exception_mid_stream.bin");
    let piped = run(&["dump", path(&file)], None);
    assert!(!piped.stdout.contains(&0x1b), "no colour into a pipe");
    let tty = on_terminal(&["dump", path(&file)], &[("TERM", "xterm-256color")]);
    assert!(tty.contains("\x1b[36m:event-type\x1b[0m"), "{tty:?}");
    assert!(
        tty.contains("\x1b[1m\x1b[31mServiceException\x1b[0m"),
        "{tty:?}"
    );
    let no_color = on_terminal(
        &["dump", path(&file)],
        &[("TERM", "xterm-256color"), ("NO_COLOR", "1")],
    );
    assert!(
        !no_color.contains('\x1b') && no_color.contains(":event-type (string)"),
        "{no_color:?}"
    );
    let error = on_terminal(&["dump", "/no/such/file"], &[("TERM", "xterm-256color")]);
    assert!(
        error.contains("\x1b[1m\x1b[31merror:\x1b[0m /no/such/file"),
        "{error:?}"
    );
    // Forced colour never touches what a function wrote.
    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_eventstream"))
        .args(["lambda", path(&testdata("lambda/binary_payload.bin"))])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let plain = run(
        &["lambda", path(&testdata("lambda/binary_payload.bin"))],
        None,
    );
    assert_eq!(forced.stdout, plain.stdout);
}

#[test]
fn on_a_terminal_the_summary_gets_its_own_line_and_big_files_show_progress() {
    let dir = scratch("terminal");
    let unended = dir.join("unended.bin");
    let mut stream = encoded(&[event("PayloadChunk", "no newline at the end")]);
    stream.extend(encoded(&[event("InvokeComplete", "{}")]));
    std::fs::write(&unended, &stream).unwrap();
    let shown = on_terminal(&["lambda", path(&unended)], &[]);
    assert_eq!(shown, "no newline at the end\nInvokeComplete: success\n");
    // Into a file the output stays exactly what the function wrote.
    assert_eq!(
        run(&["lambda", path(&unended)], None).stdout,
        b"no newline at the end"
    );

    // 101 MB of 1 MB frames: progress on the terminal, none into a pipe.
    let frame = encoded(&[event("Block", &"p".repeat(1_000_000))]);
    let big = dir.join("big.bin");
    std::fs::write(&big, frame.repeat(101)).unwrap();
    for command in [&["verify"][..], &["dump", "--event-type", "Nothing"]] {
        let mut args = command.to_vec();
        args.push(path(&big));
        let shown = on_terminal(&args, &[]);
        assert!(shown.contains(" of 101 MB ("), "{command:?}: {shown:?}");
        let piped = run(&args, None);
        assert!(!stderr(&piped).contains(" MB ("));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_stream_of_another_service_fed_to_lambda_is_said_once() {
    let transcribe = testdata("smithy-rs/recorded/transcribestreaming_success.response.bin");
    let output = run(&["lambda", path(&transcribe)], None);
    assert_clean_failure(
        &output,
        &[
            "skipped 35 events of types that are not Lambda's: TranscriptEvent (35)",
            "without InvokeComplete",
        ],
    );
    assert_eq!(stderr(&output).matches("skipped").count(), 1);
}
