//! Running a function for one invocation: a shell command in a process group
//! of its own, with a clean environment, its standard output streamed back as
//! `PayloadChunk` frames as it is written, then one `InvokeComplete`.
//!
//! Whatever the function does, the invocation ends, and with it its whole
//! process group is killed and its leader reaped, when the client goes away
//! or stops reading, when the invocation's time is up (`InvokeComplete` then
//! says `Sandbox.Timedout`, as Lambda does), or when the server shuts down.

use crate::frames;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use eventstream::lambda::InvokeSummary;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How much of standard error `LogResult` and `ErrorDetails` keep: the last 4 KB.
pub const LOG_TAIL: usize = 4 * 1024;
/// The memory size the functions report, Lambda's default.
const MEMORY_SIZE: &str = "128";

/// What a function is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Function {
    /// Runs this command with `sh -c`, payload on standard input.
    Command(String),
    /// Streams a short text, a word at a time, slowly: a demonstration that needs nothing installed.
    Demo,
}

/// What every invocation of a server's functions shares.
#[derive(Debug, Clone)]
pub struct Environment {
    /// How long an invocation may run before it is stopped.
    pub timeout: Duration,
    /// How long a client may leave a frame unread before it is given up.
    pub stall: Duration,
    /// The region the functions see as `AWS_REGION`.
    pub region: String,
    /// Variables given with `--env`, on top of the clean environment.
    pub variables: Vec<(String, String)>,
}

/// A frame of the response body, or the end of a response the client
/// stopped reading (the connection is then closed, not finished).
pub type BodyItem = Result<Bytes, Abandoned>;

/// The response was abandoned: the client stopped reading, or the server is shutting down.
#[derive(Debug)]
pub struct Abandoned;

impl std::fmt::Display for Abandoned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("response abandoned")
    }
}

impl std::error::Error for Abandoned {}

/// How an invocation ended, for the access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `InvokeComplete` was sent.
    Complete,
    /// The function ran out of time; `InvokeComplete` said so.
    TimedOut,
    /// The client went away.
    ClientGone,
    /// The client stopped reading.
    ClientStalled,
    /// The server is shutting down.
    Shutdown,
}

/// A started function: the process is running, nothing has been sent yet.
#[derive(Debug)]
pub struct Started {
    child: Option<Child>,
    group: Option<rustix::process::Pid>,
}

impl Started {
    /// Starts `function` named `name`. Called before the response begins,
    /// so that a function that cannot start is the server's failure (an
    /// error response), not the function's.
    pub fn start(
        function: &Function,
        name: &str,
        version: &str,
        environment: &Environment,
    ) -> std::io::Result<Started> {
        let Function::Command(command) = function else {
            return Ok(Started {
                child: None,
                group: None,
            });
        };
        let mut process = Command::new("sh");
        process
            .arg("-c")
            .arg(command)
            .env_clear()
            .envs(clean_environment(name, version, environment))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .kill_on_drop(true);
        let child = process.spawn()?;
        let group = child
            .id()
            .and_then(|id| rustix::process::Pid::from_raw(i32::try_from(id).ok()?));
        Ok(Started {
            child: Some(child),
            group,
        })
    }

    /// Runs the invocation to its end, sending frames into `frames`.
    pub async fn run(
        mut self,
        payload: Bytes,
        tail: bool,
        frames: mpsc::Sender<BodyItem>,
        environment: &Environment,
        shutdown: CancellationToken,
    ) -> (Ending, u64) {
        let deadline = Instant::now() + environment.timeout;
        let mut output = Output {
            frames,
            bytes: 0,
            stall: environment.stall,
        };
        let summary = match self.child.take() {
            None => demo(&mut output, deadline, &shutdown).await,
            Some(child) => {
                let group = self.group;
                let result = command(
                    child,
                    group,
                    payload,
                    tail,
                    &mut output,
                    deadline,
                    &shutdown,
                );
                let result = result.await;
                self.kill_group();
                result
            }
        };
        let summary = match summary {
            Ok(summary) => summary,
            Err(Ending::TimedOut) => InvokeSummary {
                error_code: Some("Sandbox.Timedout".into()),
                error_details: Some(format!(
                    "Task timed out after {:.2} seconds",
                    environment.timeout.as_secs_f64()
                )),
                log_result: None,
            },
            Err(ending) => {
                if matches!(ending, Ending::ClientStalled | Ending::Shutdown) {
                    let _ = output.frames.try_send(Err(Abandoned));
                }
                return (ending, output.bytes);
            }
        };
        let timed_out = summary.error_code.as_deref() == Some("Sandbox.Timedout");
        if let Ok(frame) = frames::invoke_complete(&summary) {
            let _ = output
                .send(Bytes::from(frame), deadline + environment.stall, &shutdown)
                .await;
        }
        let ending = if timed_out {
            Ending::TimedOut
        } else {
            Ending::Complete
        };
        (ending, output.bytes)
    }

    /// Kills the function's whole process group: the shell and everything it started.
    fn kill_group(&self) {
        kill_group(self.group);
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        // However the invocation ends, even by its task being dropped.
        self.kill_group();
    }
}

/// Kills a process group with SIGKILL; ESRCH, when all of it already
/// exited, is the expected answer.
fn kill_group(group: Option<rustix::process::Pid>) {
    if let Some(group) = group {
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
}

/// PATH, HOME and LANG from the server, Lambda's own variables, and `--env`:
/// never the server's credentials or anything else of its environment.
fn clean_environment(
    name: &str,
    version: &str,
    environment: &Environment,
) -> Vec<(String, String)> {
    let inherited = ["PATH", "HOME", "LANG"]
        .into_iter()
        .filter_map(|key| Some((key.to_string(), std::env::var(key).ok()?)));
    let lambda = [
        ("AWS_LAMBDA_FUNCTION_NAME", name),
        ("AWS_LAMBDA_FUNCTION_VERSION", version),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", MEMORY_SIZE),
        ("AWS_REGION", &environment.region),
        ("AWS_DEFAULT_REGION", &environment.region),
    ]
    .map(|(key, value)| (key.to_string(), value.to_string()));
    inherited
        .chain(lambda)
        .chain(environment.variables.iter().cloned())
        .collect()
}

/// The response body's sending end, with the bytes sent so far.
struct Output {
    frames: mpsc::Sender<BodyItem>,
    bytes: u64,
    stall: Duration,
}

impl Output {
    /// Sends a frame; a client that leaves it unread for `stall` is given up.
    async fn send(
        &mut self,
        frame: Bytes,
        deadline: Instant,
        shutdown: &CancellationToken,
    ) -> Result<(), Ending> {
        let len = frame.len() as u64;
        tokio::select! {
            sent = tokio::time::timeout(self.stall, self.frames.send(Ok(frame))) => match sent {
                Ok(Ok(())) => {
                    self.bytes += len;
                    Ok(())
                }
                Ok(Err(_)) => Err(Ending::ClientGone),
                Err(_) => Err(Ending::ClientStalled),
            },
            () = tokio::time::sleep_until(deadline) => Err(Ending::TimedOut),
            () = shutdown.cancelled() => Err(Ending::Shutdown),
        }
    }

    async fn send_chunk(
        &mut self,
        bytes: &[u8],
        deadline: Instant,
        shutdown: &CancellationToken,
    ) -> Result<(), Ending> {
        match frames::payload_chunk(bytes) {
            Ok(frame) => self.send(Bytes::from(frame), deadline, shutdown).await,
            Err(_) => Err(Ending::ClientGone), // a chunk is at most 64 KiB: it always encodes
        }
    }
}

async fn demo(
    output: &mut Output,
    deadline: Instant,
    shutdown: &CancellationToken,
) -> Result<InvokeSummary, Ending> {
    const TEXT: &str = "Hello from eventstream serve! This text arrives a word at a time, \
                        each word a PayloadChunk event, the way a streaming Lambda function sends it.\n";
    for word in TEXT.split_inclusive(' ') {
        output
            .send_chunk(word.as_bytes(), deadline, shutdown)
            .await?;
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(60)) => {}
            () = output.frames.closed() => return Err(Ending::ClientGone),
            () = tokio::time::sleep_until(deadline) => return Err(Ending::TimedOut),
            () = shutdown.cancelled() => return Err(Ending::Shutdown),
        }
    }
    Ok(InvokeSummary::default())
}

async fn command(
    mut child: Child,
    group: Option<rustix::process::Pid>,
    payload: Bytes,
    tail: bool,
    output: &mut Output,
    deadline: Instant,
    shutdown: &CancellationToken,
) -> Result<InvokeSummary, Ending> {
    if let Some(mut stdin) = child.stdin.take() {
        tokio::spawn(async move {
            let _ = stdin.write_all(&payload).await;
        });
    }
    let stderr = child
        .stderr
        .take()
        .map(|stderr| tokio::spawn(log_tail(stderr)));
    if let Some(mut stdout) = child.stdout.take() {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            // A quiet function must not keep a vanished client's slot:
            // watch the client, the clock and the server while reading.
            let read = tokio::select! {
                read = stdout.read(&mut buf) => read,
                () = output.frames.closed() => return Err(Ending::ClientGone),
                () = tokio::time::sleep_until(deadline) => return Err(Ending::TimedOut),
                () = shutdown.cancelled() => return Err(Ending::Shutdown),
            };
            match read {
                Ok(0) | Err(_) => break,
                Ok(n) => output.send_chunk(&buf[..n], deadline, shutdown).await?,
            }
        }
    }
    // Standard output is closed; the function may still be running.
    let status = tokio::select! {
        status = child.wait() => status.ok(),
        () = output.frames.closed() => return Err(Ending::ClientGone),
        () = tokio::time::sleep_until(deadline) => return Err(Ending::TimedOut),
        () = shutdown.cancelled() => return Err(Ending::Shutdown),
    };
    // Anything it left behind holds standard error open: end them first.
    kill_group(group);
    let log = match stderr {
        Some(task) => task.await.unwrap_or_default(),
        None => Vec::new(),
    };
    let failed = !status.is_some_and(|s| s.success());
    let details = String::from_utf8_lossy(&log).trim_end().to_string();
    Ok(InvokeSummary {
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

/// The last [`LOG_TAIL`] bytes of standard error.
async fn log_tail(mut stderr: tokio::process::ChildStderr) -> Vec<u8> {
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
}
