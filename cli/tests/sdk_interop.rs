//! The official AWS SDK for Rust (`aws-sdk-lambda`) against our local
//! endpoint: the events its `EventReceiver` yields equal what the function
//! wrote, and its typed errors come out as for the real service.

use aws_sdk_lambda::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvokeWithResponseStreamResponseEvent as Event, LogType};
use base64::Engine;
use eventstream_cli::server::{Config, Function, serve};
use eventstream_cli::sigv4::Verifier;

async fn start() -> String {
    start_with(None).await
}

async fn start_with(verify_sigv4: Option<Verifier>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config {
        verify_sigv4,
        ..Config::default()
    };
    config
        .functions
        .insert("echo".into(), Function::Command("cat".into()));
    config.functions.insert(
        "chunks".into(),
        Function::Command("for i in 1 2 3; do printf \"part $i;\"; sleep 0.1; done".into()),
    );
    config.functions.insert(
        "fail".into(),
        Function::Command("echo 'log: failing now' >&2; exit 1".into()),
    );
    tokio::spawn(serve(listener, config));
    url
}

fn client(url: &str) -> aws_sdk_lambda::Client {
    client_with(url, "secret")
}

fn client_with(url: &str, secret: &str) -> aws_sdk_lambda::Client {
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", secret, None, None, "test"))
        .build();
    aws_sdk_lambda::Client::from_conf(config)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_rust_sdk_reads_our_stream() {
    let url = start().await;
    let lambda = client(&url);

    let mut output = lambda
        .invoke_with_response_stream()
        .function_name("chunks")
        .send()
        .await
        .unwrap();
    assert_eq!(output.executed_version(), Some("$LATEST"));
    let mut chunks = Vec::new();
    let mut complete = None;
    while let Some(event) = output.event_stream.recv().await.unwrap() {
        match event {
            Event::PayloadChunk(chunk) => {
                chunks.push(String::from_utf8(chunk.payload().unwrap().as_ref().to_vec()).unwrap())
            }
            Event::InvokeComplete(done) => complete = Some(done),
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert_eq!(chunks.concat(), "part 1;part 2;part 3;");
    assert!(
        chunks.len() >= 3,
        "each write arrived as its own chunk: {chunks:?}"
    );
    assert_eq!(complete.unwrap().error_code(), None);

    let mut output = lambda
        .invoke_with_response_stream()
        .function_name("echo")
        .payload(Blob::new(br#"{"n":42}"#.to_vec()))
        .send()
        .await
        .unwrap();
    let mut echoed = Vec::new();
    while let Some(event) = output.event_stream.recv().await.unwrap() {
        if let Event::PayloadChunk(chunk) = event {
            echoed.extend_from_slice(chunk.payload().unwrap().as_ref());
        }
    }
    assert_eq!(echoed, br#"{"n":42}"#);

    let mut output = lambda
        .invoke_with_response_stream()
        .function_name("fail")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    let mut complete = None;
    while let Some(event) = output.event_stream.recv().await.unwrap() {
        if let Event::InvokeComplete(done) = event {
            complete = Some(done);
        }
    }
    let complete = complete.unwrap();
    assert_eq!(complete.error_code(), Some("Unhandled"));
    let log = base64::engine::general_purpose::STANDARD
        .decode(complete.log_result().unwrap())
        .unwrap();
    assert!(String::from_utf8_lossy(&log).contains("log: failing now"));

    let missing = lambda
        .invoke_with_response_stream()
        .function_name("nope")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
    let bad_json = lambda
        .invoke_with_response_stream()
        .function_name("echo")
        .payload(Blob::new(b"nope".to_vec()))
        .send()
        .await
        .unwrap_err();
    assert!(
        bad_json
            .into_service_error()
            .is_invalid_request_content_exception()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn verify_sigv4_accepts_the_sdks_signatures_and_refuses_a_wrong_secret() {
    let verifier = Verifier::new("AKIDEXAMPLE", "secret", "us-east-1").unwrap();
    let url = start_with(Some(verifier)).await;
    let mut output = client(&url)
        .invoke_with_response_stream()
        .function_name("echo")
        .payload(Blob::new(b"{}".to_vec()))
        .send()
        .await
        .unwrap();
    while output.event_stream.recv().await.unwrap().is_some() {}

    let refused = client_with(&url, "wrong")
        .invoke_with_response_stream()
        .function_name("echo")
        .send()
        .await
        .unwrap_err();
    let raw = refused.raw_response().map(|r| {
        (
            r.status().as_u16(),
            r.headers().get("x-amzn-ErrorType").map(str::to_string),
        )
    });
    assert_eq!(
        raw,
        Some((403, Some("InvalidSignatureException".to_string())))
    );
}
