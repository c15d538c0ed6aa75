//! A Lambda `InvokeWithResponseStream` client (feature `client`), the engine
//! of `eventstream invoke`: requests signed with SigV4, HTTPS with rustls, the
//! response a stream of typed events decoded as they arrive.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use eventstream_cli::client::{Client, InvokeInput};
//! use eventstream::lambda::OwnedEvent;
//! use futures_core::Stream;
//!
//! let client = Client::from_env(Some("http://127.0.0.1:9001"))?; // None: the real service
//! let mut output = client.invoke_with_response_stream(&InvokeInput::new("demo")).await?;
//! while let Some(event) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut output.event_stream).poll_next(cx)).await {
//!     if let OwnedEvent::PayloadChunk(bytes) = event? {
//!         print!("{}", String::from_utf8_lossy(&bytes));
//!     }
//! }
//! # Ok(()) }
//! ```

use crate::params;
use aws_credential_types::Credentials;
use bytes::Bytes;
use eventstream::lambda::ResponseEventStream;
use http::{Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

/// Characters percent-encoded in a path segment or query value (all but RFC 3986 unreserved).
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// How to invoke: stream the response, or only check that the call would be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvocationType {
    /// Run the function and stream its response.
    #[default]
    RequestResponse,
    /// Validate parameters and permissions only (answers 204).
    DryRun,
}

/// Whether to return the tail of the execution log in `InvokeComplete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogType {
    /// No log.
    #[default]
    None,
    /// The last 4 KB of the log, base64, as `LogResult`.
    Tail,
}

/// Every parameter of `InvokeWithResponseStream`.
///
/// ```
/// use eventstream_cli::client::InvokeInput;
/// let input = InvokeInput { qualifier: Some("prod".into()), ..InvokeInput::new("my-function") };
/// assert!(input.validate().is_ok());
/// assert!(InvokeInput::new("a".repeat(65)).validate().is_err()); // a plain name is at most 64
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvokeInput {
    /// A function name, a full ARN or a partial ARN (`123456789012:function:name`), with an optional `:qualifier`.
    pub function_name: String,
    /// `RequestResponse` (default) or `DryRun`.
    pub invocation_type: InvocationType,
    /// `None` (default) or `Tail`.
    pub log_type: LogType,
    /// Base64 client context, up to 3583 bytes decoded.
    pub client_context: Option<String>,
    /// A version or alias.
    pub qualifier: Option<String>,
    /// The tenant, for tenant-isolated functions.
    pub tenant_id: Option<String>,
    /// The request payload (JSON).
    pub payload: Bytes,
}

impl InvokeInput {
    /// An invocation of `function_name` with no payload and default options.
    pub fn new(function_name: impl Into<String>) -> Self {
        InvokeInput {
            function_name: function_name.into(),
            ..InvokeInput::default()
        }
    }

    /// Checks the parameters against the service model's constraints.
    pub fn validate(&self) -> Result<(), ClientError> {
        let invalid = |what: String| Err(ClientError::InvalidInput(what));
        if params::split_function_name(&self.function_name).is_none() {
            return invalid(format!(
                "FunctionName {:?} is not a function name (1 to 64 of [a-zA-Z0-9-_.]), a full ARN or a partial ARN (at most 256 characters)",
                self.function_name
            ));
        }
        if let Some(qualifier) = self
            .qualifier
            .as_deref()
            .filter(|q| !params::valid_qualifier(q))
        {
            return invalid(format!(
                "Qualifier {qualifier:?} must be $LATEST or 1 to 128 of [a-zA-Z0-9-_$]"
            ));
        }
        if let Some(context) = &self.client_context {
            params::check_client_context(context).map_err(ClientError::InvalidInput)?;
        }
        if let Some(tenant) = self
            .tenant_id
            .as_deref()
            .filter(|t| !params::valid_tenant_id(t))
        {
            return invalid(format!(
                "TenantId {tenant:?} must be 1 to 256 of [a-zA-Z0-9._:/=+\\-@ ]"
            ));
        }
        Ok(())
    }
}

/// The response: status, version, content type and the events as they arrive.
pub struct InvokeOutput {
    /// 200 for a streamed response, 204 for `DryRun`.
    pub status_code: u16,
    /// `X-Amz-Executed-Version`: the version that ran.
    pub executed_version: Option<String>,
    /// The stream's content type (`application/vnd.amazon.eventstream`).
    pub response_stream_content_type: Option<String>,
    /// The typed events; `Stream<Item = Result<OwnedEvent, lambda::Error>>`.
    pub event_stream: ResponseEventStream<BodyChunks>,
}

impl fmt::Debug for InvokeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvokeOutput")
            .field("status_code", &self.status_code)
            .field("executed_version", &self.executed_version)
            .field(
                "response_stream_content_type",
                &self.response_stream_content_type,
            )
            .finish_non_exhaustive()
    }
}

/// The response body as a `Stream` of `Bytes` chunks; a body that sends
/// nothing for the read timeout ends with [`BodyError::ReadTimeout`].
pub struct BodyChunks {
    body: http_body_util::BodyDataStream<hyper::body::Incoming>,
    idle: Pin<Box<tokio::time::Sleep>>,
    read_timeout: Duration,
    url: String,
}

impl futures_core::Stream for BodyChunks {
    type Item = Result<Bytes, BodyError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.body).poll_next(cx) {
            Poll::Ready(item) => {
                let deadline = tokio::time::Instant::now() + this.read_timeout;
                this.idle.as_mut().reset(deadline);
                Poll::Ready(item.map(|chunk| chunk.map_err(|e| BodyError::Http(describe(&e)))))
            }
            Poll::Pending => match this.idle.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(BodyError::ReadTimeout {
                    after: this.read_timeout,
                    url: this.url.clone(),
                }))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

/// Why reading a response body failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The connection failed; the cause, in full.
    Http(String),
    /// Nothing arrived for the read timeout.
    ReadTimeout {
        /// The read timeout.
        after: Duration,
        /// The request's URL.
        url: String,
    },
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Http(cause) => write!(f, "reading the response: {cause}"),
            BodyError::ReadTimeout { after, url } => write!(
                f,
                "read timeout: {url} sent nothing for {} s",
                after.as_secs_f64()
            ),
        }
    }
}

impl std::error::Error for BodyError {}

/// An error and each of its causes, as `error: cause: cause`.
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

macro_rules! exceptions {
    ($($variant:ident),* $(,)?) => {
        /// The exceptions `InvokeWithResponseStream` declares, from `x-amzn-ErrorType`.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        #[allow(missing_docs)] // the service's own names
        pub enum Exception {
            $($variant,)*
            /// A type this client does not know.
            Unknown(String),
        }

        impl Exception {
            /// The exception for an `x-amzn-ErrorType` value (anything after `:` is ignored).
            pub fn from_type(error_type: &str) -> Exception {
                let name = error_type.split(':').next().unwrap_or_default();
                match name {
                    $(stringify!($variant) => Exception::$variant,)*
                    other => Exception::Unknown(other.to_string()),
                }
            }

            /// The service's name for it.
            pub fn name(&self) -> &str {
                match self {
                    $(Exception::$variant => stringify!($variant),)*
                    Exception::Unknown(name) => name,
                }
            }
        }
    };
}

exceptions!(
    ResourceNotFoundException,
    TooManyRequestsException,
    InvalidParameterValueException,
    InvalidRequestContentException,
    RequestTooLargeException,
    SerializedRequestEntityTooLargeException,
    UnsupportedMediaTypeException,
    ResourceConflictException,
    ResourceNotReadyException,
    ServiceException,
    InvalidRuntimeException,
    InvalidZipFileException,
    InvalidSecurityGroupIDException,
    InvalidSubnetIDException,
    SubnetIPAddressLimitReachedException,
    ENILimitReachedException,
    EC2AccessDeniedException,
    EC2ThrottledException,
    EC2UnexpectedException,
    EFSIOException,
    EFSMountConnectivityException,
    EFSMountFailureException,
    EFSMountTimeoutException,
    KMSAccessDeniedException,
    KMSDisabledException,
    KMSInvalidStateException,
    KMSNotFoundException,
    SnapStartException,
    SnapStartNotReadyException,
    SnapStartTimeoutException,
    RecursiveInvocationException,
    NoPublishedVersionException,
    S3FilesMountConnectivityException,
    S3FilesMountFailureException,
    S3FilesMountTimeoutException,
);

/// Why an invocation failed before its event stream began.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// A parameter breaks the service model's constraints (nothing was sent).
    InvalidInput(String),
    /// Configuration: endpoint, credentials or signing.
    Config(String),
    /// The connection failed: the URL and the cause, in full.
    Http(String),
    /// A timeout fired before the response began.
    Timeout {
        /// `connect` or `read`.
        which: &'static str,
        /// How long it was.
        after: Duration,
        /// The request's URL.
        url: String,
    },
    /// The service answered with an error.
    Service {
        /// Which exception.
        exception: Exception,
        /// The HTTP status.
        status: u16,
        /// The message.
        message: String,
        /// `Retry-After`, for throttling.
        retry_after: Option<String>,
    },
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::InvalidInput(what) => write!(f, "invalid input: {what}"),
            ClientError::Config(what) => write!(f, "configuration: {what}"),
            ClientError::Http(what) => write!(f, "HTTP: {what}"),
            ClientError::Timeout { which, after, url } => write!(
                f,
                "{which} timeout: no answer from {url} within {} s",
                after.as_secs_f64()
            ),
            ClientError::Service {
                exception,
                status,
                message,
                retry_after,
            } => {
                write!(f, "{} (HTTP {status}): {message}", exception.name())?;
                if let Some(seconds) = retry_after {
                    write!(f, " (retry after {seconds} s)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ClientError {}

/// How long a client waits: to connect, and for each next byte of a response.
///
/// ```
/// let timeouts = eventstream_cli::client::Timeouts::default();
/// assert_eq!(timeouts.connect.as_secs(), 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To open the connection (and the TLS session).
    pub connect: Duration,
    /// For the response to begin, and between its bytes after.
    pub read: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            read: Duration::from_secs(60),
        }
    }
}

/// An `InvokeWithResponseStream` client for one endpoint and region.
pub struct Client {
    http: HttpClient<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>,
    endpoint: String,
    region: String,
    credentials: Option<Credentials>,
    timeouts: Timeouts,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// What of an error body is read: enough for any message, not a whole flood.
const ERROR_PREFIX: usize = 64 * 1024;

/// The HTTPS (or plain HTTP) connection pool, with its connect timeout. The
/// TLS provider is given to this connector only: no process-wide state.
fn http_client(
    timeouts: Timeouts,
) -> Result<HttpClient<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>, ClientError> {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(timeouts.connect));
    tcp.enforce_http(false);
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| ClientError::Config(format!("TLS: {e}")))?
        .https_or_http()
        .enable_http1()
        .wrap_connector(tcp);
    Ok(HttpClient::builder(hyper_util::rt::TokioExecutor::new()).build(https))
}

/// An endpoint is `http(s)://host[:port][/path]`: credentials in it would
/// be sent and signed as part of the host, and a query would be glued
/// before the operation's path, so both are refused.
fn check_endpoint(endpoint: &str) -> Result<(), ClientError> {
    let refuse = |why: &str| {
        Err(ClientError::Config(format!(
            "endpoint {:?}: {why}",
            crate::terminal::escape(endpoint)
        )))
    };
    let Ok(uri) = endpoint.parse::<Uri>() else {
        return refuse("not a URL");
    };
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return refuse("not an http:// or https:// URL");
    }
    match uri.authority() {
        None => return refuse("no host"),
        Some(authority) if authority.as_str().contains('@') => {
            return refuse(
                "user names and passwords in the URL are not supported: credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            );
        }
        Some(_) => {}
    }
    if uri.query().is_some() || endpoint.contains('#') {
        return refuse("a query or fragment cannot come before the operation's path");
    }
    Ok(())
}

/// At most `limit` bytes of a body, within the read timeout for each.
/// The text of the response's header `name`, when it is there and visible ASCII.
fn header_text(response: &http::Response<hyper::body::Incoming>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The `ClientError::Service` a non-2xx response stands for: its exception
/// from `x-amzn-ErrorType` or the body's `__type`, and its message.
async fn service_error(
    response: http::Response<hyper::body::Incoming>,
    read: Duration,
) -> ClientError {
    let status = response.status().as_u16();
    let header = |name| header_text(&response, name);
    let error_type = header("x-amzn-ErrorType");
    let retry_after = header("Retry-After");
    let reason = response.status().canonical_reason().unwrap_or("error");
    let body = prefix(response.into_body(), ERROR_PREFIX, read).await;
    let exception = error_type.or_else(|| {
        json_string(&body, "__type").map(|t| t.rsplit('#').next().unwrap_or(&t).to_string())
    });
    let message = json_string(&body, "message")
        .or_else(|| json_string(&body, "Message"))
        .unwrap_or_else(|| match String::from_utf8_lossy(&body).trim() {
            "" => format!("HTTP {status} {reason}, with no message"),
            text => text.chars().take(500).collect(),
        });
    ClientError::Service {
        exception: Exception::from_type(exception.as_deref().unwrap_or("ServiceException")),
        status,
        message,
        retry_after,
    }
}

async fn prefix(mut body: hyper::body::Incoming, limit: usize, read: Duration) -> Vec<u8> {
    let mut bytes = Vec::new();
    while bytes.len() < limit {
        match tokio::time::timeout(read, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    let room = limit - bytes.len();
                    bytes.extend_from_slice(&data[..data.len().min(room)]);
                }
            }
            _ => break,
        }
    }
    bytes
}

/// The string member `key` of a JSON object, found in what may be only the
/// start of one (a truncated error body still names its message).
fn json_string(body: &[u8], key: &str) -> Option<String> {
    if let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(body) {
        return object.get(key)?.as_str().map(str::to_string);
    }
    let needle = format!("\"{key}\"");
    let at = body
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())?;
    let rest = body.get(at + needle.len()..)?;
    let colon = rest.iter().position(|&b| !b.is_ascii_whitespace())?;
    let value = rest.get(colon..)?.strip_prefix(b":")?;
    serde_json::Deserializer::from_slice(value)
        .into_iter::<String>()
        .next()?
        .ok()
}

impl Client {
    /// A client for `region`; `endpoint` overrides `https://lambda.{region}.amazonaws.com`
    /// (for a local server); without credentials requests go unsigned.
    pub fn new(
        region: &str,
        endpoint: Option<&str>,
        credentials: Option<Credentials>,
    ) -> Result<Client, ClientError> {
        let endpoint = endpoint.map_or_else(
            || format!("https://lambda.{region}.amazonaws.com"),
            |e| e.trim_end_matches('/').to_string(),
        );
        check_endpoint(&endpoint)?;
        let timeouts = Timeouts::default();
        Ok(Client {
            http: http_client(timeouts)?,
            endpoint,
            region: region.to_string(),
            credentials,
            timeouts,
        })
    }

    /// This client with other timeouts.
    ///
    /// ```
    /// use eventstream_cli::client::{Client, Timeouts};
    /// use std::time::Duration;
    /// let client = Client::new("us-east-1", Some("http://127.0.0.1:9001"), None).unwrap();
    /// let client = client.with_timeouts(Timeouts { connect: Duration::from_secs(1), read: Duration::from_secs(5) }).unwrap();
    /// # let _ = client;
    /// ```
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Result<Client, ClientError> {
        self.http = http_client(timeouts)?;
        self.timeouts = timeouts;
        Ok(self)
    }

    /// A client from the standard environment: `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`, else `us-east-1`), `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    pub fn from_env(endpoint: Option<&str>) -> Result<Client, ClientError> {
        Client::from_env_with_region(None, endpoint)
    }

    /// As [`from_env`](Self::from_env), with the region given instead of from the environment.
    pub fn from_env_with_region(
        region: Option<&str>,
        endpoint: Option<&str>,
    ) -> Result<Client, ClientError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let region = region
            .map(str::to_string)
            .or_else(|| var("AWS_REGION"))
            .or_else(|| var("AWS_DEFAULT_REGION"))
            .unwrap_or_else(|| "us-east-1".into());
        let credentials = match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (Some(key), Some(secret)) => Some(Credentials::new(
                key,
                secret,
                var("AWS_SESSION_TOKEN"),
                None,
                "environment",
            )),
            _ => None,
        };
        if credentials.is_none() && endpoint.is_none() {
            return Err(ClientError::Config(
                "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".into(),
            ));
        }
        Client::new(&region, endpoint, credentials)
    }

    /// Invokes the function and returns as soon as the response headers
    /// arrive; its events are read from `event_stream` as they come.
    pub async fn invoke_with_response_stream(
        &self,
        input: &InvokeInput,
    ) -> Result<InvokeOutput, ClientError> {
        input.validate()?;
        let mut request = self.request(input)?;
        if let Some(credentials) = &self.credentials {
            self.sign(&mut request, credentials, &input.payload)?;
        }
        let url = request.uri().to_string();
        let read = self.timeouts.read;
        let response = self.send(request, &url).await?;
        let status = response.status().as_u16();
        let header = |name| header_text(&response, name);
        if !(200..300).contains(&status) {
            return Err(service_error(response, read).await);
        }
        let executed_version = header("X-Amz-Executed-Version");
        let response_stream_content_type = header("Content-Type");
        Ok(InvokeOutput {
            status_code: status,
            executed_version,
            response_stream_content_type,
            event_stream: ResponseEventStream::new(BodyChunks {
                body: response.into_body().into_data_stream(),
                idle: Box::pin(tokio::time::sleep(read)),
                read_timeout: read,
                url,
            }),
        })
    }

    /// The unsigned HTTP request for `input`, with its `Host` header.
    fn request(&self, input: &InvokeInput) -> Result<Request<Full<Bytes>>, ClientError> {
        let mut uri = format!(
            "{}/2021-11-15/functions/{}/response-streaming-invocations",
            self.endpoint,
            utf8_percent_encode(&input.function_name, ENCODE)
        );
        if let Some(qualifier) = &input.qualifier {
            uri.push_str(&format!(
                "?Qualifier={}",
                utf8_percent_encode(qualifier, ENCODE)
            ));
        }
        let mut request = Request::post(&uri)
            .header("Content-Type", "application/octet-stream")
            .header(
                "X-Amz-Invocation-Type",
                match input.invocation_type {
                    InvocationType::RequestResponse => "RequestResponse",
                    InvocationType::DryRun => "DryRun",
                },
            )
            .header(
                "X-Amz-Log-Type",
                match input.log_type {
                    LogType::None => "None",
                    LogType::Tail => "Tail",
                },
            );
        if let Some(context) = &input.client_context {
            request = request.header("X-Amz-Client-Context", context);
        }
        if let Some(tenant) = &input.tenant_id {
            request = request.header("X-Amz-Tenant-Id", tenant);
        }
        let mut request = request
            .body(Full::new(input.payload.clone()))
            .map_err(|e| ClientError::InvalidInput(e.to_string()))?;
        if let Some(authority) = request.uri().authority().cloned()
            && let Ok(host) = authority.as_str().parse()
        {
            request.headers_mut().insert(http::header::HOST, host);
        }
        Ok(request)
    }

    /// Sends `request` and waits for the response's headers, within the
    /// connect and read timeouts.
    async fn send(
        &self,
        request: Request<Full<Bytes>>,
        url: &str,
    ) -> Result<http::Response<hyper::body::Incoming>, ClientError> {
        let read = self.timeouts.read;
        match tokio::time::timeout(read, self.http.request(request)).await {
            Err(_) => Err(ClientError::Timeout {
                which: "read",
                after: read,
                url: url.to_string(),
            }),
            Ok(Err(error)) if describe(&error).contains("connect timeout") => {
                Err(ClientError::Timeout {
                    which: "connect",
                    after: self.timeouts.connect,
                    url: url.to_string(),
                })
            }
            Ok(Err(error)) => Err(ClientError::Http(format!("{url}: {}", describe(&error)))),
            Ok(Ok(response)) => Ok(response),
        }
    }

    fn sign(
        &self,
        request: &mut Request<Full<Bytes>>,
        credentials: &Credentials,
        payload: &[u8],
    ) -> Result<(), ClientError> {
        use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
        let identity = credentials.clone().into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("lambda")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| ClientError::Config(format!("signing: {e}")))?
            .into();
        let headers: Vec<(&str, &str)> = request
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
            .collect();
        let uri = request.uri().to_string();
        let signable = SignableRequest::new(
            request.method().as_str(),
            &uri,
            headers.into_iter(),
            SignableBody::Bytes(payload),
        )
        .map_err(|e| ClientError::Config(format!("signing: {e}")))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| ClientError::Config(format!("signing: {e}")))?
            .into_parts();
        instructions.apply_to_request_http1x(request);
        Ok(())
    }
}
