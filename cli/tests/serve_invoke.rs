//! `eventstream invoke` against `eventstream serve`, both as built binaries,
//! through every status the endpoint answers; and the client library's typed
//! errors against the server library in one process.

use std::io::BufRead;
use std::process::{Child, Command, Output, Stdio};

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0", "--demo"];
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_eventstream"))
            .args(&args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The first line is the URL alone.
        let url = first.trim_end().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server { child, url }
    }

    fn invoke(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_eventstream"))
            .arg("invoke")
            .args(args)
            .args(["--endpoint", &self.url])
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .output()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn invoke_against_serve_through_every_status() {
    let server = Server::start(&[
        "--function",
        "echo=cat",
        "--function",
        "fail=printf partial; echo broke >&2; exit 2",
        "--function",
        "slow=sleep 2; printf done",
    ]);

    let demo = server.invoke(&["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(String::from_utf8_lossy(&demo.stdout).starts_with("Hello from eventstream serve!"));
    assert!(stderr(&demo).contains("StatusCode: 200\nExecutedVersion: $LATEST"));

    let echo = server.invoke(&["echo", "--payload", r#"{"k": [1, 2]}"#, "--qualifier", "v3"]);
    assert_eq!(echo.stdout, br#"{"k": [1, 2]}"#);
    assert!(stderr(&echo).contains("ExecutedVersion: v3"));

    let fail = server.invoke(&["fail", "--log-tail"]);
    assert_eq!(
        (fail.status.code(), &fail.stdout[..]),
        (Some(1), &b"partial"[..])
    );
    assert!(
        stderr(&fail).contains("ErrorCode Unhandled: broke")
            && stderr(&fail).contains("LogResult:\nbroke"),
        "{}",
        stderr(&fail)
    );

    // A function that wrote nothing to stderr has an empty log: no
    // `LogResult:` line with nothing under it.
    let quiet = server.invoke(&["echo", "--payload", "1", "--log-tail"]);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert!(!stderr(&quiet).contains("LogResult"), "{}", stderr(&quiet));

    let dry = server.invoke(&["echo", "--dry-run"]);
    assert!(dry.status.success() && stderr(&dry).contains("StatusCode: 204"));

    let missing = server.invoke(&["nope"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("ResourceNotFoundException (HTTP 404)"),
        "{}",
        stderr(&missing)
    );

    let not_json = server.invoke(&["echo", "--payload", "not json"]);
    assert!(
        stderr(&not_json).contains("InvalidRequestContentException (HTTP 400)"),
        "{}",
        stderr(&not_json)
    );

    let big = std::env::temp_dir().join(format!("eventstream-big-{}.json", std::process::id()));
    std::fs::write(
        &big,
        [&b"\""[..], &vec![b'x'; 6 * 1024 * 1024], b"\""].concat(),
    )
    .unwrap();
    let too_large = server.invoke(&["echo", "--payload-file", big.to_str().unwrap()]);
    std::fs::remove_file(&big).unwrap();
    // Refused by the client before sending (the server's own 413 is tested
    // with a raw client in `hardening.rs`).
    assert!(
        stderr(&too_large).contains("the payload is larger than 6291456 bytes"),
        "{}",
        stderr(&too_large)
    );

    // Parameters the service model forbids are refused before sending anything.
    for (args, what) in [
        (vec!["echo", "--qualifier", "bad!"], "Qualifier"),
        (vec!["echo", "--client-context", "***"], "base64"),
        (vec!["echo", "--tenant-id", "no#hash"], "TenantId"),
        (vec!["bad name"], "FunctionName"),
    ] {
        let refused = server.invoke(&args);
        assert_eq!(refused.status.code(), Some(1));
        assert!(
            stderr(&refused).contains("invalid input") && stderr(&refused).contains(what),
            "{}",
            stderr(&refused)
        );
    }
}

#[test]
fn over_max_concurrency_is_too_many_requests_with_retry_after() {
    let server = Server::start(&[
        "--max-concurrency",
        "1",
        "--function",
        "slow=sleep 2; printf done",
    ]);
    let url = server.url.clone();
    let first = std::thread::spawn(move || {
        Command::new(env!("CARGO_BIN_EXE_eventstream"))
            .args(["invoke", "slow", "--endpoint", &url])
            .output()
            .unwrap()
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let second = server.invoke(&["slow"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second).contains("TooManyRequestsException (HTTP 429)")
            && stderr(&second).contains("retry after 1 s"),
        "{}",
        stderr(&second)
    );
    assert_eq!(first.join().unwrap().stdout, b"done");
}

#[tokio::test(flavor = "multi_thread")]
async fn client_library_against_server_library() {
    use eventstream::lambda::OwnedEvent;
    use eventstream_cli::client::{Client, ClientError, Exception, InvokeInput};
    use eventstream_cli::server::{Config, Function, serve};
    use futures_core::Stream;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::default();
    config
        .functions
        .insert("upper".into(), Function::Command("tr a-z A-Z".into()));
    tokio::spawn(serve(listener, config));

    let client = Client::new("us-east-1", Some(&url), None).unwrap();
    let input = InvokeInput {
        payload: bytes::Bytes::from_static(b"\"hello\""),
        ..InvokeInput::new("upper")
    };
    let mut output = client.invoke_with_response_stream(&input).await.unwrap();
    assert_eq!(
        (output.status_code, output.executed_version.as_deref()),
        (200, Some("$LATEST"))
    );
    assert_eq!(
        output.response_stream_content_type.as_deref(),
        Some("application/vnd.amazon.eventstream")
    );
    let mut text = Vec::new();
    let mut completed = false;
    while let Some(event) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut output.event_stream).poll_next(cx)).await
    {
        match event.unwrap() {
            OwnedEvent::PayloadChunk(bytes) => text.extend_from_slice(&bytes),
            OwnedEvent::InvokeComplete(done) => completed = done.error_code.is_none(),
            OwnedEvent::Unknown { .. } => {}
        }
    }
    assert_eq!((text, completed), (b"\"HELLO\"".to_vec(), true));

    match client
        .invoke_with_response_stream(&InvokeInput::new(
            "arn:aws:lambda:us-east-1:123456789012:function:missing",
        ))
        .await
    {
        Err(ClientError::Service {
            exception: Exception::ResourceNotFoundException,
            status: 404,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(
        Exception::from_type("KMSAccessDeniedException:http://internal.amazon.com/"),
        Exception::KMSAccessDeniedException
    );
    assert_eq!(Exception::from_type("SomethingNew").name(), "SomethingNew");
}

#[test]
fn verify_sigv4_checks_our_clients_signatures() {
    let server = Server::start(&[
        "--verify-sigv4",
        "AKIDEXAMPLE:secret",
        "--function",
        "echo=cat",
    ]);
    let signed = server.invoke(&["echo", "--payload", "{}"]);
    assert!(signed.status.success(), "{}", stderr(&signed));

    let run = |envs: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_eventstream"));
        command
            .args(["invoke", "echo", "--endpoint", &server.url])
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY");
        for (key, value) in envs {
            command.env(key, value);
        }
        command.output().unwrap()
    };
    let wrong = run(&[
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "wrong"),
    ]);
    assert!(
        stderr(&wrong).contains("InvalidSignatureException (HTTP 403)"),
        "{}",
        stderr(&wrong)
    );
    let unknown = run(&[
        ("AWS_ACCESS_KEY_ID", "AKIDOTHER"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
    ]);
    assert!(
        stderr(&unknown).contains("UnrecognizedClientException (HTTP 403)"),
        "{}",
        stderr(&unknown)
    );
    let unsigned = run(&[]);
    assert!(
        stderr(&unsigned).contains("MissingAuthenticationTokenException (HTTP 403)"),
        "{}",
        stderr(&unsigned)
    );
}
