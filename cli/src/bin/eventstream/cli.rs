//! The command line: sub-commands and their arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Inspect, convert and verify AWS event streams (application/vnd.amazon.eventstream).
///
/// The binary framing behind Lambda InvokeWithResponseStream, Bedrock,
/// Transcribe and S3 Select. Every command reads FILE, or standard input when
/// FILE is `-`, and prints frames as they arrive.
#[derive(Debug, Parser)]
#[command(name = "eventstream", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print each frame for humans: offset, lengths, CRCs, headers, payload.
    Dump(DumpArgs),
    /// Print each frame as one JSON object per line (the AWS test-vector shape).
    Json(JsonArgs),
    /// Turn JSON objects (as `json` prints them) back into frames on standard output.
    Encode(EncodeArgs),
    /// Decode everything; print frame count, bytes and throughput.
    Verify(InputArgs),
    /// Read a Lambda InvokeWithResponseStream body: the function's output to
    /// stdout as it arrives, the InvokeComplete summary (error, decoded log) to
    /// stderr. Exits non-zero when the function failed or the stream broke.
    Lambda(LambdaArgs),
    /// Serve Lambda's InvokeWithResponseStream locally: each --function runs a
    /// shell command whose output streams back as PayloadChunk events. The
    /// real SDKs (boto3, aws-sdk-lambda) accept it with an endpoint URL.
    Serve(ServeArgs),
    /// Call InvokeWithResponseStream (the real service, or `eventstream serve`
    /// with --endpoint): the function's output to stdout as it arrives, status,
    /// version and InvokeComplete to stderr. Signs with SigV4 from
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
    Invoke(InvokeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InvokeArgs {
    /// A function name, full ARN or partial ARN, with an optional :qualifier.
    #[arg(value_name = "FUNCTION")]
    pub(crate) function_name: String,
    /// The request payload (JSON).
    #[arg(long)]
    pub(crate) payload: Option<String>,
    /// Read the payload from a file, or `-` for standard input (at most 6 MB).
    #[arg(long, value_name = "FILE")]
    pub(crate) payload_file: Option<PathBuf>,
    /// Seconds to connect.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub(crate) connect_timeout: u64,
    /// Seconds to wait for the response to begin, and between its bytes.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub(crate) read_timeout: u64,
    /// Seconds for the whole invocation, streaming included (Lambda's maximum is 900).
    #[arg(long, value_name = "SECS", default_value_t = 960)]
    pub(crate) timeout: u64,
    /// Endpoint URL, e.g. http://127.0.0.1:9001 for `eventstream serve` (default: the real service).
    #[arg(long, value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).
    #[arg(long)]
    pub(crate) region: Option<String>,
    /// A version or alias to invoke.
    #[arg(long)]
    pub(crate) qualifier: Option<String>,
    /// Return the last 4 KB of the log (LogType Tail), printed decoded.
    #[arg(long)]
    pub(crate) log_tail: bool,
    /// Only check parameters and permissions (InvocationType DryRun).
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Base64 client context.
    #[arg(long, value_name = "BASE64")]
    pub(crate) client_context: Option<String>,
    /// Tenant id, for tenant-isolated functions.
    #[arg(long)]
    pub(crate) tenant_id: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on; port 0 picks a free port. The first line on
    /// standard output is the URL, alone, for scripts.
    #[arg(long, default_value = "127.0.0.1:9001")]
    pub(crate) listen: std::net::SocketAddr,
    /// A function: NAME=COMMAND, run with `sh -c` per invocation, the payload on its stdin. Repeatable.
    #[arg(long, value_name = "NAME=COMMAND")]
    pub(crate) function: Vec<String>,
    /// Add a built-in function `demo` that streams a short text slowly.
    #[arg(long)]
    pub(crate) demo: bool,
    /// An environment variable for every function, NAME=VALUE. Repeatable.
    /// Functions get PATH, HOME, LANG and Lambda's own variables, nothing else of the server's environment.
    #[arg(long, value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// Invocations at once before TooManyRequestsException.
    #[arg(long, default_value_t = 10)]
    pub(crate) max_concurrency: usize,
    /// Connections open at once; more wait until one closes.
    #[arg(long, default_value_t = 256)]
    pub(crate) max_connections: usize,
    /// Seconds an invocation may run; then InvokeComplete says Sandbox.Timedout and its processes are killed.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub(crate) timeout: u64,
    /// Seconds to receive a request's headers.
    #[arg(long, value_name = "SECS", default_value_t = 20)]
    pub(crate) header_timeout: u64,
    /// Seconds to receive a request's body (else 408), and for a client to read a response frame.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub(crate) body_timeout: u64,
    /// The region functions see, and signatures must be scoped to.
    #[arg(long, default_value = "us-east-1")]
    pub(crate) region: String,
    /// Listen on an address other than loopback, and accept any Host and Origin.
    #[arg(long)]
    pub(crate) allow_remote: bool,
    /// Check each request's SigV4 signature against these credentials; answer 403 otherwise.
    /// Visible to other users in the process list: prefer --verify-sigv4-env.
    #[arg(
        long,
        value_name = "ACCESS_KEY:SECRET",
        conflicts_with = "verify_sigv4_env"
    )]
    pub(crate) verify_sigv4: Option<String>,
    /// As --verify-sigv4, with the credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
    #[arg(long)]
    pub(crate) verify_sigv4_env: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LambdaArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Split off the HTTP-integration metadata (status, headers, cookies: to
    /// stderr) that function-URL responses put before the body.
    #[arg(long)]
    pub(crate) http_prelude: bool,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// The event stream to read, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct DumpArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// How to show payloads: `auto` prints printable UTF-8 as text and anything else as hex.
    #[arg(long, value_enum, default_value_t = PayloadFormat::Auto)]
    pub(crate) payload: PayloadFormat,
}

/// How `dump` shows a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PayloadFormat {
    /// Text when the payload is printable UTF-8, hex otherwise.
    Auto,
    /// Always as text (invalid UTF-8 replaced).
    Text,
    /// Always as a hex dump.
    Hex,
    /// Always as base64.
    Base64,
}

#[derive(Debug, Args)]
pub(crate) struct JsonArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Indent the JSON for humans (one object per frame, no longer one per line).
    #[arg(long)]
    pub(crate) pretty: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    /// JSON objects, one per frame, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Check `total_length`, `headers_length` and both CRCs where given, instead of ignoring them.
    #[arg(long)]
    pub(crate) strict: bool,
}
