//! The command line: sub-commands and their arguments.

use crate::shape::Shape;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Inspect, convert and verify AWS event streams (application/vnd.amazon.eventstream).
///
/// The binary framing behind Lambda InvokeWithResponseStream, Bedrock,
/// Transcribe and S3 Select. Every command reads FILE, or standard input when
/// FILE is `-`, and prints frames as they arrive.
#[derive(Debug, Parser)]
#[command(name = "eventstream", version)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print each frame for humans: offset, lengths, CRCs, headers, payload.
    #[command(
        after_help = "Example:\n  eventstream dump --event-type InvokeComplete testdata/lambda/function_error.bin"
    )]
    Dump(DumpArgs),
    /// Print each frame as one JSON object per line (JSON Lines).
    ///
    /// Readable by default, the AWS test vectors' shape with --format vectors;
    /// --array for one JSON document instead of lines.
    #[command(
        after_help = "Example:\n  eventstream json --event-type TranscriptEvent --json-payload capture.bin | jq .payload_json"
    )]
    Json(JsonArgs),
    /// Turn JSON objects (as `json` prints them, in either shape) back into frames.
    ///
    /// Frames go to standard output, which must be a file or a pipe, or to -o
    /// FILE. An object that is not a frame (an unknown key, an array, an AWS
    /// error body) stops it: exit status 1, its line named, nothing written
    /// for it.
    #[command(
        after_help = "Example:\n  eventstream json capture.bin | eventstream encode - > same.bin\n  eventstream encode -o frames.bin events.jsonl"
    )]
    Encode(EncodeArgs),
    /// Decode everything; print frames, bytes, exception and error frames, and throughput.
    #[command(after_help = "Example:\n  eventstream verify capture.bin")]
    Verify(InputArgs),
    /// Read a Lambda InvokeWithResponseStream body: the function's output to
    /// stdout as it arrives, the InvokeComplete summary (error, decoded log) to
    /// stderr. Exits non-zero when the function failed or the stream broke.
    #[command(after_help = "Example:\n  curl -s ... | eventstream lambda -")]
    Lambda(LambdaArgs),
    /// Serve Lambda's InvokeWithResponseStream locally: each --function runs a
    /// shell command whose output streams back as PayloadChunk events. The
    /// real SDKs (boto3, aws-sdk-lambda) accept it with an endpoint URL.
    #[command(after_help = "Example:\n  eventstream serve --demo --function 'shout=tr a-z A-Z'")]
    Serve(ServeArgs),
    /// Call InvokeWithResponseStream (the real service, or `eventstream serve`
    /// with --endpoint): the function's output to stdout as it arrives, status,
    /// version and InvokeComplete to stderr. Signs with SigV4 from
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
    #[command(after_help = "Example:\n  eventstream invoke demo --endpoint http://127.0.0.1:9001")]
    Invoke(InvokeArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  eventstream completions bash > ~/.local/share/bash-completion/completions/eventstream"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): the tool's, or a sub-command's with all its
    /// options and an example (eventstream-dump(1), ...).
    #[command(
        after_help = "Example:\n  eventstream man | man -l -\n  eventstream man dump | man -l -"
    )]
    Man {
        /// The sub-command whose page to print.
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Option<String>,
    },
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
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
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
    /// Skip the HTTP status line and headers before the stream, as `curl -i` captures them.
    #[arg(long)]
    pub(crate) skip_http_headers: bool,
}

/// Which frames a command shows. A filter that matches no frame is an
/// error (exit status 1, with the count of frames read), as grep's is.
#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Only events of this :event-type. Exit status 1 when no frame matches.
    #[arg(long, value_name = "NAME")]
    pub(crate) event_type: Option<String>,
    /// Only frames of this :message-type (a frame without one is an event).
    #[arg(long, value_enum, value_name = "TYPE")]
    pub(crate) message_type: Option<MessageType>,
}

/// A `:message-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageType {
    /// Events.
    Event,
    /// Modelled errors (`:exception-type`).
    Exception,
    /// Unmodelled errors (`:error-code`).
    Error,
}

#[derive(Debug, Args)]
pub(crate) struct DumpArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// How to show payloads: `auto` prints printable UTF-8 as text and anything else as hex.
    #[arg(long, value_enum, default_value_t = PayloadFormat::Auto)]
    pub(crate) payload: PayloadFormat,
    /// Show at most this many bytes of each payload (0: all of it).
    #[arg(long, value_name = "BYTES", default_value_t = 4096)]
    pub(crate) max_payload: usize,
    /// Show a frame whose CRC or headers are wrong, marked as corrupt, and go
    /// on with the next frame (as long as the frame's prelude is sound).
    #[arg(long)]
    pub(crate) keep_going: bool,
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
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// `readable`: strings as text, payloads as text when they are; `vectors`:
    /// the AWS test vectors' shape, base64 throughout, CRCs as signed integers.
    #[arg(long, value_enum, default_value_t = Shape::Readable)]
    pub(crate) format: Shape,
    /// Embed payloads that are compact JSON (as services send it) as JSON
    /// (`payload_json`) instead of text; others stay text, so that `encode`
    /// still reproduces the stream byte for byte.
    #[arg(long)]
    pub(crate) json_payload: bool,
    /// Indent the JSON for humans (one object per frame, no longer one per line).
    #[arg(long)]
    pub(crate) pretty: bool,
    /// One JSON document, an array of the frames, instead of JSON Lines: for
    /// tools that read a whole document (`python -m json.tool`).
    #[arg(long)]
    pub(crate) array: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    /// JSON objects, one per frame, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The shape of the objects; by default each object's own (see `json`).
    #[arg(long, value_enum)]
    pub(crate) format: Option<Shape>,
    /// Check `total_length`, `headers_length` and both CRCs where given, instead of ignoring them.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Write the frames to FILE. Without it they go to standard output,
    /// which must then be a file or a pipe: binary is not sent to a terminal.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}
