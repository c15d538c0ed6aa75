//! End-to-end tests of the `eventstream` binary: every file in `testdata/`,
//! round trips through `json | encode`, bad input, and a 1-byte-at-a-time pipe.

mod common;

use common::{assert_clean_failure, bin, files, run, testdata, valid_streams};
use std::io::Write;
use std::process::Stdio;

#[test]
fn json_matches_every_decoded_vector() {
    for path in files("encoded/positive") {
        let output = run(
            &["json", "--format", "vectors", path.to_str().unwrap()],
            None,
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let expected: serde_json::Value = serde_json::from_slice(
            &std::fs::read(testdata("decoded/positive").join(path.file_name().unwrap())).unwrap(),
        )
        .unwrap();
        assert_eq!(got, expected, "{}", path.display());
    }
}

#[test]
fn json_then_encode_reproduces_every_valid_file_byte_for_byte() {
    let paths = valid_streams();
    assert_eq!(paths.len(), 17);
    for path in paths {
        // Every mode `json` writes, JSON Lines and one array alike.
        for shape in [
            &["--format", "readable"][..],
            &["--format", "vectors"],
            &["--json-payload"],
            &["--pretty"],
            &["--array"],
            &["--array", "--format", "vectors"],
            &["--array", "--json-payload", "--pretty"],
        ] {
            let mut args = vec!["json"];
            args.extend_from_slice(shape);
            args.push(path.to_str().unwrap());
            let json = run(&args, None);
            assert!(json.status.success());
            let encoded = run(&["encode", "--strict", "-"], Some(&json.stdout));
            assert!(
                encoded.status.success(),
                "{} {shape:?}: {}",
                path.display(),
                String::from_utf8_lossy(&encoded.stderr)
            );
            assert_eq!(
                encoded.stdout,
                std::fs::read(&path).unwrap(),
                "{} {shape:?}",
                path.display()
            );
        }
    }
}

#[test]
fn encode_accepts_the_pretty_decoded_vectors_and_strict_catches_a_wrong_crc() {
    let decoded = std::fs::read(testdata("decoded/positive/all_headers")).unwrap();
    let output = run(&["encode", "--strict", "-"], Some(&decoded));
    assert_eq!(
        output.stdout,
        std::fs::read(testdata("encoded/positive/all_headers")).unwrap()
    );

    let tampered = String::from_utf8(decoded)
        .unwrap()
        .replace("-1415188212", "12345");
    assert_clean_failure(
        &run(&["encode", "--strict", "-"], Some(tampered.as_bytes())),
        &["<stdin>: object 0 (line 1): message_crc is 12345"],
    );
    assert!(
        run(&["encode", "-"], Some(tampered.as_bytes()))
            .status
            .success(),
        "without --strict the CRC is recomputed"
    );
}

#[test]
fn dump_and_verify_describe_every_valid_file() {
    for path in files("encoded/positive")
        .into_iter()
        .chain(files("smithy-rs/recorded"))
    {
        let dump = run(&["dump", path.to_str().unwrap()], None);
        assert!(dump.status.success());
        let text = String::from_utf8(dump.stdout).unwrap();
        assert!(
            text.starts_with("frame 0 at byte 0\n  total length:"),
            "{text}"
        );
        let verify = run(&["verify", path.to_str().unwrap()], None);
        assert!(String::from_utf8_lossy(&verify.stdout).contains(": ok: "));
    }
    let dump = run(
        &[
            "dump",
            testdata("encoded/positive/all_headers").to_str().unwrap(),
        ],
        None,
    );
    let text = String::from_utf8(dump.stdout).unwrap();
    for line in [
        "    content-type (string): application/json",
        "    uuid (uuid): 01020304-0506-0708-090a-0b0c0d0e0f10",
        "    {'foo':'bar'}",
    ] {
        assert!(text.contains(line), "{line:?} missing from\n{text}");
    }
    let verify = run(
        &[
            "verify",
            testdata("smithy-rs/recorded/transcribestreaming_success.response.bin")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&verify.stdout).contains("ok: 35 frames, 26858 bytes"));
}

#[test]
fn bad_input_is_a_clear_error_naming_file_frame_and_offset() {
    let dir = std::env::temp_dir().join(format!("eventstream-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let recorded = std::fs::read(testdata(
        "smithy-rs/recorded/transcribestreaming_success.response.bin",
    ))
    .unwrap();

    let truncated = dir.join("truncated.bin");
    std::fs::write(&truncated, &recorded[..recorded.len() - 100]).unwrap();
    assert_clean_failure(
        &run(&["verify", truncated.to_str().unwrap()], None),
        &[
            "truncated.bin: frame 34 at byte",
            "stream ended inside a frame",
        ],
    );

    let mut corrupted = recorded.clone();
    corrupted[1000] ^= 0x01;
    let corrupted_path = dir.join("corrupted.bin");
    std::fs::write(&corrupted_path, &corrupted).unwrap();
    assert_clean_failure(
        &run(&["dump", corrupted_path.to_str().unwrap()], None),
        &["corrupted.bin: frame 4: message checksum mismatch at byte 1455: computed"],
    );

    let not_eventstream = dir.join("notes.txt");
    std::fs::write(
        &not_eventstream,
        "this is a text file, not an event stream\n",
    )
    .unwrap();
    assert_clean_failure(
        &run(&["json", not_eventstream.to_str().unwrap()], None),
        &["notes.txt: frame 0 at byte 0", "prelude checksum mismatch"],
    );

    let empty = dir.join("empty.bin");
    std::fs::write(&empty, b"").unwrap();
    assert_clean_failure(
        &run(&["verify", empty.to_str().unwrap()], None),
        &["empty.bin: empty input"],
    );

    assert_clean_failure(
        &run(&["dump", dir.join("missing.bin").to_str().unwrap()], None),
        &["missing.bin"],
    );
    let usage = run(&["dump"], None);
    assert_eq!(usage.status.code(), Some(2), "usage errors exit 2");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pipe_delivering_one_byte_at_a_time_gives_the_same_output() {
    let path = testdata("smithy-rs/recorded/transcribestreaming_success.response.bin");
    let bytes = std::fs::read(&path).unwrap();
    let expected = run(&["json", path.to_str().unwrap()], None).stdout;

    let mut child = bin()
        .args(["json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for byte in bytes {
            stdin.write_all(&[byte]).unwrap();
            stdin.flush().unwrap();
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success());
    assert_eq!(output.stdout, expected);
}

#[test]
fn lambda_prints_the_functions_output_and_the_summary() {
    let run_lambda = |name: &str, extra: &[&str]| {
        let path = testdata("lambda").join(format!("{name}.bin"));
        let mut args = vec!["lambda"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        run(&args, None)
    };
    let text = run_lambda("text_in_chunks", &[]);
    assert!(text.status.success());
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .starts_with("Streaming responses let a function send its output")
    );
    assert!(String::from_utf8_lossy(&text.stderr).contains("InvokeComplete: success"));

    let failed = run_lambda("function_error", &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(failed.stdout, b"partial output\n");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("ErrorCode Unhandled: {\"errorType\":\"Error\",\"errorMessage\":\"boom\"}"),
        "{stderr}"
    );
    assert!(
        stderr.contains("LogResult:\nSTART RequestId: 6d1a7e1c"),
        "{stderr}"
    );

    let http = run_lambda("http_integration_prelude", &["--http-prelude"]);
    assert!(http.status.success());
    assert_eq!(http.stdout, b"Hello from a function URL");
    let stderr = String::from_utf8_lossy(&http.stderr);
    assert!(
        stderr.contains(
            "HTTP 201\ncontent-type: text/plain\nx-custom: yes\nset-cookie: session=abc; Secure"
        ),
        "{stderr}"
    );
    let raw = run_lambda("http_integration_prelude", &[]);
    assert!(
        raw.stdout.starts_with(b"{\"statusCode\":201"),
        "without the flag the prelude is payload"
    );

    assert_clean_failure(
        &run_lambda("exception_mid_stream", &[]),
        &[
            "frame 1 at byte",
            "ServiceException: Lambda was unable to complete the stream",
        ],
    );
    assert_clean_failure(
        &run_lambda("error_mid_stream", &[]),
        &["InternalFailure: An internal error occurred"],
    );
    assert_clean_failure(
        &run_lambda("truncated", &[]),
        &["frame 2 at byte", "stream ended inside a frame"],
    );
    let unknown = run_lambda("unknown_event_type", &[]);
    assert!(unknown.status.success());
    assert_eq!(unknown.stdout, b"before after");
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("skipped 1 event of types that are not Lambda's: FutureEvent (1)"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
}

#[test]
fn help_reads_well() {
    let help = run(&["--help"], None);
    let text = String::from_utf8(help.stdout).unwrap();
    for needle in [
        "application/vnd.amazon.eventstream",
        "dump",
        "json",
        "encode",
        "verify",
    ] {
        assert!(
            text.contains(needle),
            "{needle} missing from --help:\n{text}"
        );
    }
    for sub in ["dump", "json", "encode", "verify", "lambda"] {
        let help = run(&[sub, "--help"], None);
        assert!(
            help.status.success() && String::from_utf8_lossy(&help.stdout).contains("FILE"),
            "{sub} --help"
        );
    }
}

#[test]
fn lambda_streams_output_before_the_input_ends() {
    use std::io::Read;
    let bytes = std::fs::read(testdata("lambda/text_in_chunks.bin")).unwrap();
    let first_len = u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
    let mut child = bin()
        .args(["lambda", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdin.write_all(&bytes[..first_len]).unwrap();
    stdin.flush().unwrap();
    // The first chunk ("Streami") must come out while the rest has not been sent.
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut first = [0u8; 7];
        stdout.read_exact(&mut first).unwrap();
        tx.send(first).unwrap();
        let mut rest = Vec::new();
        stdout.read_to_end(&mut rest).unwrap();
        rest
    });
    let first = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("no output before the input ended");
    assert_eq!(&first, b"Streami");
    stdin.write_all(&bytes[first_len..]).unwrap();
    drop(stdin);
    let rest = reader.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert!(String::from_utf8_lossy(&rest).ends_with("long before the last are written. "));
}

#[test]
fn every_test_file_gets_a_clean_answer_from_every_command() {
    let mut all = Vec::new();
    for dir in [
        "encoded/positive",
        "encoded/negative",
        "smithy-rs/test_data",
        "smithy-rs/recorded",
        "lambda",
    ] {
        all.extend(
            files(dir)
                .into_iter()
                .filter(|p| p.extension().is_none_or(|e| e == "bin")),
        );
    }
    assert_eq!(all.len(), 30);
    for path in all {
        for command in ["dump", "json", "verify"] {
            let output = run(&[command, path.to_str().unwrap()], None);
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => assert!(stderr.is_empty(), "{command} {}: {stderr}", path.display()),
                Some(1) => assert!(
                    stderr.contains(path.file_name().unwrap().to_str().unwrap())
                        && stderr.contains("frame "),
                    "{command} {}: {stderr}",
                    path.display()
                ),
                other => panic!("{command} {}: exit {other:?}: {stderr}", path.display()),
            }
        }
    }
}

#[test]
fn lambda_on_every_lambda_stream_prints_the_expected_payload_and_status() {
    use base64::Engine;
    for path in files("lambda")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
    {
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path.with_extension("json")).unwrap()).unwrap();
        let mut payload = Vec::new();
        let mut function_failed = false;
        for event in expected["events"].as_array().unwrap() {
            if let Some(chunk) = event["PayloadChunk"]["Payload"].as_str() {
                payload.extend(
                    base64::engine::general_purpose::STANDARD
                        .decode(chunk)
                        .unwrap(),
                );
            }
            function_failed |= event["InvokeComplete"]["ErrorCode"].is_string();
        }
        let output = run(&["lambda", path.to_str().unwrap()], None);
        assert_eq!(output.stdout, payload, "{}", path.display());
        let clean = expected["end"]["kind"] == "complete" && !function_failed;
        assert_eq!(
            output.status.code(),
            Some(if clean { 0 } else { 1 }),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
