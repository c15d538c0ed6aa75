//! A local Lambda `InvokeWithResponseStream` endpoint, the engine of
//! `eventstream serve`: the real SDKs (boto3, the AWS SDK for Rust) accept
//! it, so streaming functions can be exercised offline. It is built to be
//! left running while other software talks to it:
//!
//! - **Connections** are capped ([`Config::max_connections`]); an accept
//!   error (out of file descriptors) is logged and retried, never fatal.
//! - **Time**: request headers must arrive within [`Config::header_timeout`],
//!   the body within [`Config::body_timeout`] (else 408); a client that
//!   leaves a frame unread that long is dropped; an invocation runs at most
//!   [`Config::invocation_timeout`].
//! - **Memory** before authentication is bounded: a declared body over 6 MB
//!   is refused unread (413); a body is read only after the request is
//!   admitted (a concurrency slot) and its signature's credential, scope and
//!   date checked; all bodies being read share [`Config::body_memory`].
//! - **Browsers** cannot reach it: unless remote access is allowed, a `Host`
//!   that is not a loopback name is answered 421 and any `Origin` 403.
//! - **Processes**: each function runs in its own process group, with a
//!   clean environment, and the whole group is killed when the client goes
//!   away, the invocation times out or the server shuts down (see
//!   [`function`](crate::function)).
//!
//! Each request is logged on standard error: time, peer, function, status,
//! bytes and duration.

use crate::function::{Abandoned, BodyItem, Ending, Environment, Started};
use crate::params::{self, MAX_PAYLOAD};
use crate::sigv4::Verifier;
use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body::Frame;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use crate::function::{Function, LOG_TAIL};

const PREFIX: &str = "/2021-11-15/functions/";
const SUFFIX: &str = "/response-streaming-invocations";
/// How long shutdown waits for connections and invocations to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// The unit of the body-memory budget.
const KIB: usize = 1024;

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
    /// Connections open at once; further ones wait in the listen backlog.
    pub max_connections: usize,
    /// When set, requests must carry a valid SigV4 signature made with its
    /// credentials for its region.
    pub verify_sigv4: Option<Verifier>,
    /// The region functions run in (and signatures are scoped to).
    pub region: String,
    /// Serve clients on other hosts: no `Host` or `Origin` checks.
    pub allow_remote: bool,
    /// Time to receive a request's headers.
    pub header_timeout: Duration,
    /// Time to receive a request's body; also how long a client may leave a
    /// response frame unread.
    pub body_timeout: Duration,
    /// Time an invocation may run before `Sandbox.Timedout`.
    pub invocation_timeout: Duration,
    /// Bytes of request bodies held at once, all connections together.
    pub body_memory: usize,
    /// Environment variables every function gets, beside the clean environment.
    pub env: Vec<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            functions: HashMap::new(),
            max_concurrency: 10,
            max_connections: 256,
            verify_sigv4: None,
            region: "us-east-1".into(),
            allow_remote: false,
            header_timeout: Duration::from_secs(20),
            body_timeout: Duration::from_secs(30),
            invocation_timeout: Duration::from_secs(60),
            body_memory: 64 * 1024 * 1024,
            env: Vec::new(),
        }
    }
}

struct State {
    config: Config,
    environment: Environment,
    running: Arc<Semaphore>,
    /// The body-memory budget, in KiB.
    body_memory: Arc<Semaphore>,
    requests: AtomicU64,
    listening: SocketAddr,
    invocations: TaskTracker,
    shutdown: CancellationToken,
}

/// Serves `InvokeWithResponseStream` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    serve_until(listener, config, std::future::pending()).await
}

/// Serves until `shutdown` completes, then stops accepting, ends the running
/// invocations (killing their processes) and lets connections finish, for
/// at most a few seconds.
pub async fn serve_until(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let listening = listener.local_addr()?;
    let state = Arc::new(State {
        running: Arc::new(Semaphore::new(config.max_concurrency.max(1))),
        body_memory: Arc::new(Semaphore::new(
            (config.body_memory / KIB).max(MAX_PAYLOAD / KIB + 1),
        )),
        requests: AtomicU64::new(0),
        environment: Environment {
            timeout: config.invocation_timeout,
            stall: config.body_timeout,
            region: config.region.clone(),
            variables: config.env.clone(),
        },
        listening,
        invocations: TaskTracker::new(),
        shutdown: CancellationToken::new(),
        config,
    });
    let connections = Arc::new(Semaphore::new(state.config.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: keep serving the others.
                eprintln!("{} accept failed: {error}; retrying", now());
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let header_timeout = state.config.header_timeout;
        let state = state.clone();
        let service =
            hyper::service::service_fn(move |request| handle(state.clone(), peer, request));
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await; // a client that hangs up is not an error worth reporting
            drop(permit);
        });
    }
    state.shutdown.cancel();
    state.invocations.close();
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        state.invocations.wait().await;
        graceful.shutdown().await;
    })
    .await;
    Ok(())
}

/// A response body fed frame by frame from a channel; an `Err` abandons
/// the response, and hyper closes the connection.
struct ChannelBody(mpsc::Receiver<BodyItem>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Abandoned;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Abandoned>>> {
        self.0
            .poll_recv(cx)
            .map(|item| item.map(|bytes| bytes.map(Frame::data)))
    }
}

type Body = http_body_util::combinators::BoxBody<Bytes, Abandoned>;

async fn handle(
    state: Arc<State>,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Body>, std::convert::Infallible> {
    let started = Instant::now();
    let id = state.requests.fetch_add(1, Ordering::Relaxed);
    let request_id = format!("{:08x}-0000-4000-8000-{:012x}", std::process::id(), id);
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let mut log = Log {
        peer,
        method,
        path,
        function: String::new(),
        started,
    };
    let mut response = match invoke(&state, request, &mut log).await {
        Ok(response) => response,
        Err(error) => {
            log.write(error.status.as_u16(), error.message.len() as u64, "");
            error.into_response()
        }
    };
    if let Ok(value) = request_id.parse() {
        response.headers_mut().insert("x-amzn-RequestId", value);
    }
    Ok(response)
}

/// One request's line in the access log.
#[derive(Clone)]
struct Log {
    peer: SocketAddr,
    method: Method,
    path: String,
    function: String,
    started: Instant,
}

impl Log {
    fn write(&self, status: u16, bytes: u64, note: &str) {
        let function = if self.function.is_empty() {
            "-"
        } else {
            &self.function
        };
        eprintln!(
            "{} {} {} {} {function} {status} {bytes}B {:.3}s{}{note}",
            now(),
            self.peer,
            self.method,
            crate::terminal::escape(&self.path),
            self.started.elapsed().as_secs_f64(),
            if note.is_empty() { "" } else { " " },
        );
    }
}

/// The time now, RFC 3339 in UTC, for the log.
fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    match time::OffsetDateTime::from_unix_timestamp(i64::try_from(seconds).unwrap_or_default()) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Err(_) => seconds.to_string(),
    }
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

    fn too_large() -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestTooLargeException",
            format!(
                "Request must be smaller than {MAX_PAYLOAD} bytes for the InvokeWithResponseStream operation"
            ),
        )
    }

    fn throttled(message: impl Into<String>) -> Self {
        ApiError {
            retry_after: Some(1),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequestsException",
                message,
            )
        }
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
    http_body_util::Full::new(Bytes::from(text))
        .map_err(|never| match never {})
        .boxed()
}

/// The request, checked in order of cost: where it comes from, what it
/// asks for, its declared size, its signature's headers, admission; only
/// then is the body read, and the signature checked over it.
async fn invoke(
    state: &Arc<State>,
    request: Request<Incoming>,
    log: &mut Log,
) -> Result<Response<Body>, ApiError> {
    let config = &state.config;
    if !config.allow_remote {
        check_local(request.headers(), state.listening)?;
    }
    let (name, query_qualifier) = operation(&request)?;
    let (function_name, arn_qualifier) = parse_function_name(&name)?;
    log.function = function_name.to_string();
    let qualifier = query_qualifier.or(arn_qualifier);
    if let Some(qualifier) = &qualifier {
        check_qualifier(qualifier)?;
    }
    let asked = Asked::from_headers(request.headers())?;
    let checked = match &config.verify_sigv4 {
        Some(verifier) => Some(
            verifier
                .check_headers(request.headers(), SystemTime::now())
                .map_err(forbidden)?,
        ),
        None => None,
    };
    let function = find_function(config, function_name)?;
    let permit = match asked.dry_run {
        true => None,
        false => Some(admit(state)?),
    };
    let (parts, body) = request.into_parts();
    let payload = read_body(state, body, asked.declared_len).await?;
    if let (Some(verifier), Some(checked)) = (&config.verify_sigv4, &checked) {
        verifier
            .check_signature(checked, &parts.method, &parts.uri, &parts.headers, &payload)
            .map_err(forbidden)?;
    }
    check_json(&payload)?;
    let version = qualifier.unwrap_or_else(|| "$LATEST".to_string());
    let Some(permit) = permit else {
        log.write(204, 0, "dry run");
        return Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header("X-Amz-Executed-Version", &version)
            .body(full(String::new()))
            .map_err(|e| internal(e.to_string()));
    };
    let started = Started::start(function, function_name, &version, &state.environment)
        .map_err(|error| cannot_start(&error))?;
    let body = run_in_background(state, started, permit, payload, asked.tail, log);
    Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/vnd.amazon.eventstream")
        .header("X-Amz-Executed-Version", version)
        .body(ChannelBody(body).boxed())
        .map_err(|e| internal(e.to_string()))
}

/// The function name (percent-decoded) a `POST .../invoke-with-response-stream`
/// names, and the `Qualifier` its query gives, if any.
fn operation(request: &Request<Incoming>) -> Result<(String, Option<String>), ApiError> {
    let path = request.uri().path();
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
    let qualifier = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("Qualifier="))
        .map(decode);
    Ok((name, qualifier))
}

/// A header with two allowed values, `[off, on]`: whether it is `on`
/// (absent is `off`); any other value is an error that names the parameter.
fn switch(
    headers: &HeaderMap,
    name: &str,
    parameter: &str,
    [off, on]: [&str; 2],
) -> Result<bool, ApiError> {
    match header(headers, name)? {
        None => Ok(false),
        Some(value) if value == off => Ok(false),
        Some(value) if value == on => Ok(true),
        Some(other) => Err(ApiError::invalid(format!(
            "{parameter} {other} is not {off} or {on}"
        ))),
    }
}

/// What the request's headers ask for, each checked as Lambda checks it.
struct Asked {
    /// `X-Amz-Invocation-Type: DryRun`.
    dry_run: bool,
    /// `X-Amz-Log-Type: Tail`.
    tail: bool,
    /// `Content-Length`, when given.
    declared_len: Option<usize>,
}

impl Asked {
    fn from_headers(headers: &HeaderMap) -> Result<Self, ApiError> {
        let dry_run = switch(
            headers,
            "X-Amz-Invocation-Type",
            "InvocationType",
            ["RequestResponse", "DryRun"],
        )?;
        let tail = switch(headers, "X-Amz-Log-Type", "LogType", ["None", "Tail"])?;
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
        let declared_len = match header(headers, "Content-Length")? {
            Some(length) => Some(length.parse::<usize>().map_err(|_| {
                ApiError::invalid(format!("Content-Length {length:?} is not a number"))
            })?),
            None => None,
        };
        if declared_len.is_some_and(|length| length > MAX_PAYLOAD) {
            return Err(ApiError::too_large());
        }
        Ok(Asked {
            dry_run,
            tail,
            declared_len,
        })
    }
}

fn find_function<'c>(config: &'c Config, name: &str) -> Result<&'c Function, ApiError> {
    config.functions.get(name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            format!(
                "Function not found: arn:aws:lambda:{}:000000000000:function:{name}",
                config.region
            ),
        )
    })
}

/// A running-invocation slot, or `TooManyRequestsException` when all are taken.
fn admit(state: &State) -> Result<OwnedSemaphorePermit, ApiError> {
    state
        .running
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::throttled("Rate Exceeded."))
}

/// Lambda's answer to a body that is not JSON (an empty one is allowed).
fn check_json(payload: &[u8]) -> Result<(), ApiError> {
    if !payload.is_empty() && serde_json::from_slice::<serde_json::Value>(payload).is_err() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContentException",
            "Could not parse request body into json",
        ));
    }
    Ok(())
}

/// Runs the started function as a task the server reaps, holding `permit`
/// until it ends; the frames it sends, for the response body.
fn run_in_background(
    state: &Arc<State>,
    started: Started,
    permit: OwnedSemaphorePermit,
    payload: Bytes,
    tail: bool,
    log: &Log,
) -> mpsc::Receiver<BodyItem> {
    let (frames, body) = mpsc::channel(2);
    let run_state = state.clone();
    let run_log = log.clone();
    state.invocations.spawn(async move {
        let (ending, bytes) = started
            .run(
                payload,
                tail,
                frames,
                &run_state.environment,
                run_state.shutdown.clone(),
            )
            .await;
        drop(permit); // the slot is free as soon as the invocation ends
        let note = match ending {
            Ending::Complete => "",
            Ending::TimedOut => "timed out",
            Ending::ClientGone => "client went away",
            Ending::ClientStalled => "client stopped reading",
            Ending::Shutdown => "shut down",
        };
        run_log.write(200, bytes, note);
    });
    body
}

/// Reads the body, within the body timeout and the body-memory budget,
/// refusing more than [`MAX_PAYLOAD`] bytes.
async fn read_body(
    state: &State,
    body: Incoming,
    declared: Option<usize>,
) -> Result<Bytes, ApiError> {
    let reserve = declared.unwrap_or(MAX_PAYLOAD).div_ceil(KIB).max(1);
    let budget = u32::try_from(reserve).unwrap_or(u32::MAX);
    let timeout = state.config.body_timeout;
    let read = async {
        // Held until the body is read: its bytes are what the budget counts.
        let _memory = state
            .body_memory
            .clone()
            .acquire_many_owned(budget)
            .await
            .map_err(|_| internal("shutting down"))?;
        http_body_util::Limited::new(body, MAX_PAYLOAD)
            .collect()
            .await
            .map(|collected| collected.to_bytes())
            .map_err(
                |error| match error.downcast_ref::<http_body_util::LengthLimitError>() {
                    Some(_) => ApiError::too_large(),
                    None => ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "InvalidRequestContentException",
                        format!("the request body could not be read: {error}"),
                    ),
                },
            )
    };
    tokio::time::timeout(timeout, read).await.map_err(|_| {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "RequestTimeoutException",
            format!(
                "the request body did not arrive within {} seconds",
                timeout.as_secs()
            ),
        )
    })?
}

/// Without `--allow-remote`, only this machine's own clients: a `Host`
/// that names it (a browser led there by DNS rebinding names the
/// attacker's host) and no `Origin` (a page's cross-site request).
fn check_local(headers: &HeaderMap, listening: SocketAddr) -> Result<(), ApiError> {
    if let Some(origin) = headers.get("origin") {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            format!(
                "requests from web pages (Origin {}) are refused; serve with --allow-remote to accept them",
                crate::terminal::escape(&String::from_utf8_lossy(origin.as_bytes()))
            ),
        ));
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let name = host
        .strip_prefix('[')
        .and_then(|h| h.split_once(']'))
        .map_or_else(
            || host.rsplit_once(':').map_or(host, |(n, _)| n),
            |(n, _)| n,
        );
    let local = name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip == listening.ip());
    if !local {
        return Err(ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "MisdirectedRequestException",
            format!(
                "Host {:?} is not this machine's loopback address; serve with --allow-remote to accept other names",
                crate::terminal::escape(host)
            ),
        ));
    }
    Ok(())
}

fn forbidden((error_type, message): crate::sigv4::Refusal) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, error_type, message)
}

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "ServiceException",
        message,
    )
}

/// A function that cannot start is the server's failure, never the
/// function's: out of processes or file descriptors is 429 (try again),
/// anything else 500.
fn cannot_start(error: &std::io::Error) -> ApiError {
    let message = format!("cannot start the function: {error}");
    let exhausted = matches!(
        error.raw_os_error(),
        Some(code) if code == rustix::io::Errno::MFILE.raw_os_error()
            || code == rustix::io::Errno::NFILE.raw_os_error()
            || code == rustix::io::Errno::AGAIN.raw_os_error()
            || code == rustix::io::Errno::NOMEM.raw_os_error()
    );
    match exhausted {
        true => ApiError::throttled(message),
        false => internal(message),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_that_cannot_start_is_the_servers_failure() {
        let exhausted = std::io::Error::from_raw_os_error(rustix::io::Errno::MFILE.raw_os_error());
        let error = cannot_start(&exhausted);
        assert_eq!(
            (error.status, error.retry_after),
            (StatusCode::TOO_MANY_REQUESTS, Some(1))
        );
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            cannot_start(&missing).status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn only_loopback_hosts_and_no_origin_without_allow_remote() {
        let listening: SocketAddr = "127.0.0.1:9001".parse().unwrap();
        let check = |pairs: &[(&str, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(
                    http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                    value.parse().unwrap(),
                );
            }
            check_local(&headers, listening).map_err(|e| e.status.as_u16())
        };
        for host in [
            "localhost",
            "LOCALHOST:80",
            "127.0.0.1:9001",
            "127.9.9.9",
            "[::1]:1",
        ] {
            assert_eq!(check(&[("host", host)]), Ok(()), "{host}");
        }
        for host in [
            "attacker.example",
            "attacker.example:9001",
            "10.0.0.1",
            "",
            "localhost.attacker.example",
        ] {
            assert_eq!(check(&[("host", host)]), Err(421), "{host}");
        }
        assert_eq!(
            check(&[("host", "localhost"), ("origin", "null")]),
            Err(403)
        );
    }
}
