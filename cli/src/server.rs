//! A local Lambda `InvokeWithResponseStream` endpoint (feature `server`), the
//! engine of `eventstream serve`: the real SDKs (boto3, the AWS SDK for Rust)
//! accept it, so streaming functions can be exercised offline.
//!
//! Functions are shell commands: each invocation runs the command with
//! `sh -c`, the request payload on its standard input. Its standard output is
//! streamed back as `PayloadChunk` events as soon as it is written, through a
//! small channel, so a slow client's backpressure reaches the process through
//! its pipe. Then one `InvokeComplete`: on a non-zero exit, `ErrorCode`
//! `Unhandled` with standard error as `ErrorDetails`; with `X-Amz-Log-Type:
//! Tail`, `LogResult` is the base64 of the last 4 KB of standard error. A
//! client that goes away gets its process killed and reaped.
//!
//! Signatures are accepted unverified unless [`Config::verify_sigv4`] holds
//! the only credentials to accept: then each request's SigV4 signature is
//! recomputed with `aws-sigv4` and a mismatch is answered 403.

use crate::params::{self, MAX_PAYLOAD};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use eventstream::lambda::{
    InvokeCompleteFields, InvokeSummary, encode_invoke_complete_to_vec, encode_payload_chunk_to_vec,
};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body::Frame;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use std::collections::HashMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

/// How much of standard error `LogResult` and `ErrorDetails` keep: the last 4 KB.
pub const LOG_TAIL: usize = 4 * 1024;
const PREFIX: &str = "/2021-11-15/functions/";
const SUFFIX: &str = "/response-streaming-invocations";

/// What a function does when invoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Function {
    /// Runs this command with `sh -c`, payload on standard input.
    Command(String),
    /// Streams a short text, a word at a time, slowly: a demonstration that needs nothing installed.
    Demo,
}

/// The endpoint's functions and limits.
///
/// ```
/// use eventstream_cli::server::{Config, Function};
/// let mut config = Config::default();
/// config.functions.insert("echo".into(), Function::Command("cat".into()));
/// assert_eq!(config.max_concurrency, 10);
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    /// Functions by name.
    pub functions: HashMap<String, Function>,
    /// Invocations running at once before `TooManyRequestsException`.
    pub max_concurrency: usize,
    /// When set, `(access key id, secret key)`: requests must carry a valid
    /// SigV4 signature made with them.
    pub verify_sigv4: Option<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            functions: HashMap::new(),
            max_concurrency: 10,
            verify_sigv4: None,
        }
    }
}

struct State {
    config: Config,
    running: Arc<Semaphore>,
    requests: AtomicU64,
}

/// Serves `InvokeWithResponseStream` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    let state = Arc::new(State {
        running: Arc::new(Semaphore::new(config.max_concurrency)),
        config,
        requests: AtomicU64::new(0),
    });
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| handle(state.clone(), request));
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A client that hangs up mid-stream is not an error worth reporting.
            let _ = connection.await;
        });
    }
}

/// A response body fed frame by frame from a channel.
struct ChannelBody(mpsc::Receiver<Bytes>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|frame| frame.map(|bytes| Ok(Frame::data(bytes))))
    }
}

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let id = state.requests.fetch_add(1, Ordering::Relaxed);
    let request_id = format!("{:08x}-0000-4000-8000-{:012x}", std::process::id(), id);
    let response = match invoke(&state, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    let mut response = response;
    if let Ok(value) = request_id.parse() {
        response.headers_mut().insert("x-amzn-RequestId", value);
    }
    Ok(response)
}

/// A rest-json error: `x-amzn-ErrorType` and a JSON body with `Type` and `message`.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    error_type: &'static str,
    message: String,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, error_type: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error_type,
            message: message.into(),
            retry_after: None,
        }
    }

    fn invalid(message: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidParameterValueException",
            message,
        )
    }

    fn into_response(self) -> Response<Body> {
        let body = serde_json::json!({ "Type": "User", "message": self.message }).to_string();
        let mut builder = Response::builder()
            .status(self.status)
            .header("x-amzn-ErrorType", self.error_type)
            .header("Content-Type", "application/json");
        if let Some(seconds) = self.retry_after {
            builder = builder.header("Retry-After", seconds);
        }
        builder
            .body(full(body))
            .unwrap_or_else(|_| Response::new(full(String::new())))
    }
}

fn full(text: String) -> Body {
    http_body_util::Full::new(Bytes::from(text)).boxed()
}

/// The request, checked as the service model says, then the invocation.
async fn invoke(state: &State, request: Request<Incoming>) -> Result<Response<Body>, ApiError> {
    let path = request.uri().path().to_string();
    let name = match (
        request.method(),
        path.strip_prefix(PREFIX)
            .and_then(|p| p.strip_suffix(SUFFIX)),
    ) {
        (&Method::POST, Some(name)) => decode(name),
        _ => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                format!("no such operation: {} {path}", request.method()),
            ));
        }
    };
    let query_qualifier = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("Qualifier="))
        .map(decode);
    let (function_name, arn_qualifier) = parse_function_name(&name)?;
    let qualifier = query_qualifier.or(arn_qualifier);
    if let Some(qualifier) = &qualifier {
        check_qualifier(qualifier)?;
    }
    let (method, uri, signed_headers) = (
        request.method().clone(),
        request.uri().clone(),
        request.headers().clone(),
    );
    let headers = request.headers();
    let dry_run = match header(headers, "X-Amz-Invocation-Type")? {
        None | Some("RequestResponse") => false,
        Some("DryRun") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "InvocationType {other} is not RequestResponse or DryRun"
            )));
        }
    };
    let tail = match header(headers, "X-Amz-Log-Type")? {
        None | Some("None") => false,
        Some("Tail") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "LogType {other} is not None or Tail"
            )));
        }
    };
    if let Some(context) = header(headers, "X-Amz-Client-Context")? {
        params::check_client_context(context).map_err(ApiError::invalid)?;
    }
    if let Some(tenant) =
        header(headers, "X-Amz-Tenant-Id")?.filter(|t| !params::valid_tenant_id(t))
    {
        return Err(ApiError::invalid(format!(
            "TenantId {tenant:?} must be 1 to 256 of [a-zA-Z0-9._:/=+\\-@ ]"
        )));
    }
    let payload = http_body_util::Limited::new(request.into_body(), MAX_PAYLOAD)
        .collect()
        .await
        .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "RequestTooLargeException", format!("Request must be smaller than {MAX_PAYLOAD} bytes for the InvokeWithResponseStream operation")))?
        .to_bytes();
    if let Some(credentials) = &state.config.verify_sigv4 {
        crate::sigv4::verify(credentials, &method, &uri, &signed_headers, &payload).map_err(
            |(error_type, message)| ApiError::new(StatusCode::FORBIDDEN, error_type, message),
        )?;
    }
    if !payload.is_empty() && serde_json::from_slice::<serde_json::Value>(&payload).is_err() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContentException",
            "Could not parse request body into json",
        ));
    }
    let function = state.config.functions.get(function_name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            format!(
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:{function_name}"
            ),
        )
    })?;
    let version = qualifier.unwrap_or_else(|| "$LATEST".to_string());
    if dry_run {
        return Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header("X-Amz-Executed-Version", version)
            .body(full(String::new()))
            .map_err(|e| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "ServiceException",
                    e.to_string(),
                )
            });
    }
    let permit = state
        .running
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError {
            retry_after: Some(1),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequestsException",
                "Rate Exceeded.",
            )
        })?;
    let (frames, body) = mpsc::channel(2);
    tokio::spawn(run(function.clone(), payload, tail, frames, permit));
    Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/vnd.amazon.eventstream")
        .header("X-Amz-Executed-Version", version)
        .body(ChannelBody(body).boxed())
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "ServiceException",
                e.to_string(),
            )
        })
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ApiError> {
    headers
        .get(name)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiError::invalid(format!("{name} is not ASCII")))
        })
        .transpose()
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The function's name and qualifier from any `FunctionName` form.
fn parse_function_name(name: &str) -> Result<(&str, Option<String>), ApiError> {
    params::split_function_name(name)
        .map(|(function, qualifier)| (function, qualifier.map(str::to_string)))
        .ok_or_else(|| ApiError::invalid(format!("1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint")))
}

fn check_qualifier(qualifier: &str) -> Result<(), ApiError> {
    if params::valid_qualifier(qualifier) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "1 validation error detected: Value '{qualifier}' at 'qualifier' failed to satisfy constraint"
        )))
    }
}

/// Runs one invocation, sending frames until it ends or the client goes away.
async fn run(
    function: Function,
    payload: Bytes,
    tail: bool,
    frames: mpsc::Sender<Bytes>,
    _permit: OwnedSemaphorePermit,
) {
    let summary = match function {
        Function::Demo => run_demo(&frames).await,
        Function::Command(command) => run_command(&command, payload, tail, &frames).await,
    };
    let Some(fields) = summary else { return }; // the client went away
    let fields = InvokeCompleteFields {
        error_code: fields.error_code.as_deref(),
        error_details: fields.error_details.as_deref(),
        log_result: fields.log_result.as_deref(),
    };
    if let Ok(frame) = encode_invoke_complete_to_vec(&fields) {
        let _ = frames.send(Bytes::from(frame)).await;
    }
}

async fn run_demo(frames: &mpsc::Sender<Bytes>) -> Option<InvokeSummary> {
    const TEXT: &str = "Hello from eventstream serve! This text arrives a word at a time, \
                        each word a PayloadChunk event, the way a streaming Lambda function sends it.\n";
    for word in TEXT.split_inclusive(' ') {
        send_chunk(frames, word.as_bytes()).await?;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    Some(InvokeSummary::default())
}

async fn send_chunk(frames: &mpsc::Sender<Bytes>, bytes: &[u8]) -> Option<()> {
    let frame = encode_payload_chunk_to_vec(bytes).ok()?;
    frames.send(Bytes::from(frame)).await.ok()
}

async fn run_command(
    command: &str,
    payload: Bytes,
    tail: bool,
    frames: &mpsc::Sender<Bytes>,
) -> Option<InvokeSummary> {
    let spawned = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            return Some(InvokeSummary {
                error_code: Some("Unhandled".into()),
                error_details: Some(format!("cannot start sh: {error}")),
                log_result: None,
            });
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        tokio::spawn(async move {
            let _ = stdin.write_all(&payload).await;
        });
    }
    let stderr = child.stderr.take().map(|mut stderr| {
        tokio::spawn(async move {
            let mut tail = Vec::new();
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = stderr.read(&mut buf).await {
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > 2 * LOG_TAIL {
                    tail.drain(..tail.len() - LOG_TAIL);
                }
            }
            let start = tail.len().saturating_sub(LOG_TAIL);
            tail.split_off(start)
        })
    });
    if let Some(mut stdout) = child.stdout.take() {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            // A quiet function must not keep a vanished client's process
            // alive: watch for the response body being dropped too.
            let read = tokio::select! {
                read = stdout.read(&mut buf) => read,
                () = frames.closed() => Err(std::io::ErrorKind::BrokenPipe.into()),
            };
            let delivered = match read {
                Ok(0) => break,
                Ok(n) => send_chunk(frames, &buf[..n]).await.is_some(),
                Err(_) => !frames.is_closed(),
            };
            if !delivered {
                // The client went away: stop the function and reap it.
                let _ = child.kill().await;
                return None;
            }
            if read.is_err() {
                break;
            }
        }
    }
    let status = child.wait().await.ok();
    let log = match stderr {
        Some(task) => task.await.unwrap_or_default(),
        None => Vec::new(),
    };
    let failed = !status.is_some_and(|s| s.success());
    let details = String::from_utf8_lossy(&log).trim_end().to_string();
    Some(InvokeSummary {
        error_code: failed.then(|| "Unhandled".to_string()),
        error_details: failed.then(|| {
            if details.is_empty() {
                status.map_or("killed by a signal".into(), |s| s.to_string())
            } else {
                details
            }
        }),
        log_result: tail.then(|| BASE64.encode(&log)),
    })
}
