//! Invokes a Lambda function with response streaming and prints each event
//! the SDK's `EventReceiver` yields, one per line, in a form that does not
//! depend on which aws-smithy-eventstream decoded it (errors are printed by
//! kind, with the text on a `detail:` line of its own).
//!
//!   lambda-client invoke URL FUNCTION [PAYLOAD]   against an endpoint (eventstream serve)
//!   lambda-client replay FILE                     FILE's bytes as the response body, from a local server
//!   lambda-client hostile right|wrong             a body whose first frame declares 2 GiB (prelude CRC right or wrong)

use aws_sdk_lambda::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_lambda::error::{DisplayErrorContext, SdkError};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvokeWithResponseStreamResponseEvent as Event, LogType};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["invoke", url, function] => invoke(url, function, None).await,
        ["invoke", url, function, payload] => invoke(url, function, Some(payload)).await,
        ["replay", file] => {
            let body = std::fs::read(file).expect("the file to replay");
            let url = serve_once(move |out| out.write_all(&body));
            invoke(&url, "replay", None).await
        }
        ["hostile", crc] => hostile(crc == "right").await,
        _ => {
            eprintln!("usage: lambda-client invoke URL FUNCTION [PAYLOAD] | replay FILE | hostile right|wrong");
            2
        }
    };
    std::process::exit(code);
}

fn client(url: &str) -> aws_sdk_lambda::Client {
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "test"))
        .build();
    aws_sdk_lambda::Client::from_conf(config)
}

/// Prints every event of one invocation; 0 when the stream ended cleanly.
async fn invoke(url: &str, function: &str, payload: Option<&str>) -> i32 {
    let request = client(url)
        .invoke_with_response_stream()
        .function_name(function)
        .log_type(LogType::Tail)
        .set_payload(payload.map(|p| Blob::new(p.as_bytes())));
    let mut output = match request.send().await {
        Ok(output) => output,
        Err(error) => return report(&error),
    };
    loop {
        match output.event_stream.recv().await {
            Ok(Some(Event::PayloadChunk(chunk))) => {
                let payload = chunk.payload().map(|p| p.as_ref()).unwrap_or_default();
                println!("chunk {}", escape(payload));
            }
            Ok(Some(Event::InvokeComplete(done))) => println!(
                "complete error_code={:?} error_details={:?} log_result={:?}",
                done.error_code(),
                done.error_details(),
                done.log_result()
            ),
            Ok(Some(other)) => println!("other {other:?}"),
            Ok(None) => {
                println!("end");
                return 0;
            }
            Err(error) => return report(&error),
        }
    }
}

/// An SDK error by kind (and, for a modelled error, its code and message),
/// its full text on a line of its own.
fn report<E: std::error::Error + aws_sdk_lambda::error::ProvideErrorMetadata + 'static, R: std::fmt::Debug>(
    error: &SdkError<E, R>,
) -> i32 {
    let kind = match error {
        SdkError::ServiceError(service) => format!(
            "service error {:?}: {:?}",
            service.err().code(),
            service.err().message()
        ),
        SdkError::ResponseError(_) => "response error".to_string(),
        SdkError::DispatchFailure(_) => "dispatch failure".to_string(),
        SdkError::TimeoutError(_) => "timeout".to_string(),
        _ => "other error".to_string(),
    };
    println!("error: {kind}");
    println!("detail: {}", DisplayErrorContext(error));
    1
}

fn escape(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}

/// A local server that answers one request with a 200 streaming response
/// whose body `write` writes, then closes; its URL.
fn serve_once(
    write: impl FnOnce(&mut std::net::TcpStream) -> std::io::Result<()> + Send + 'static,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut byte = [0u8; 1];
        while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            request.push(byte[0]);
        }
        let length = String::from_utf8_lossy(&request)
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        let _ = stream.read_exact(&mut body);
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\n\
                    x-amz-executed-version: $LATEST\r\nconnection: close\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).and_then(|()| write(&mut stream));
    });
    url
}

/// The peak resident memory of this process, in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().trim_end_matches(" kB").parse().unwrap_or(0))))
        .unwrap_or(0)
}

/// A first frame that declares 2 GiB, then junk for up to 20 s (8 MiB/s);
/// prints how long the client took to fail and how much memory it held.
async fn hostile(crc_right: bool) -> i32 {
    let url = serve_once(move |out| {
        let mut prelude = [0u8; 12];
        prelude[..4].copy_from_slice(&0x8000_0000u32.to_be_bytes());
        let crc = if crc_right { crc32(&prelude[..8]) } else { 0xdead_beef };
        prelude[8..].copy_from_slice(&crc.to_be_bytes());
        out.write_all(&prelude)?;
        let junk = vec![0x5a; 256 * 1024];
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            out.write_all(&junk)?;
            std::thread::sleep(Duration::from_millis(31));
        }
        Ok(())
    });
    let before = peak_rss_kib();
    let started = Instant::now();
    let code = invoke(&url, "hostile", None).await;
    println!(
        "after {} ms, peak memory grew by {} KiB",
        started.elapsed().as_millis(),
        peak_rss_kib().saturating_sub(before)
    );
    code
}

/// CRC-32 (IEEE) of a few bytes, bit by bit: only for the hostile prelude.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}
