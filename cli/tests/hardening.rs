//! `eventstream serve` and `eventstream invoke` against abusive clients,
//! hostile servers and their own processes, on loopback ports they pick,
//! with short timeouts so that each test takes seconds. Each test names the
//! point of the hardening issue it covers and prints what it measured.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_eventstream");
const PATH: &str = "/2021-11-15/functions";

/// A running `eventstream serve`, killed and reaped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Server {
    /// `eventstream serve` with short timeouts and `extra`, through `sh` so
    /// that `prefix` (an `ulimit`, an environment) applies to it.
    fn start(prefix: &str, extra: &[&str]) -> Server {
        let mut command = format!("{prefix} exec '{BIN}' serve --listen 127.0.0.1:0");
        for (flag, value) in [("--header-timeout", "2"), ("--body-timeout", "2")] {
            if !extra.contains(&flag) {
                command.push_str(&format!(" {flag} {value}"));
            }
        }
        for arg in extra {
            command.push_str(&format!(" '{}'", arg.replace('\'', "'\\''")));
        }
        let mut child = Command::new("sh")
            .args(["-c", &command])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let addr = first
            .trim()
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("first line {first:?}"))
            .parse()
            .unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Server {
            child,
            addr,
            stderr: Some(stderr),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A raw request: `head` lines after the request line, then `body`.
    fn request(&self, function: &str, head: &[&str], body: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut text =
            format!("POST {PATH}/{function}/response-streaming-invocations HTTP/1.1\r\n");
        if !head
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("host:"))
        {
            text.push_str("Host: 127.0.0.1\r\n");
        }
        for line in head {
            text.push_str(line);
            text.push_str("\r\n");
        }
        text.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        stream.write_all(text.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        response(&mut stream)
    }

    /// The server's peak resident memory so far, in MB.
    fn peak_rss_mb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        line.split_whitespace()
            .nth(1)
            .unwrap()
            .parse::<u64>()
            .unwrap()
            / 1024
    }

    /// Stops the server with SIGTERM; its standard error and how long it took.
    fn terminate(mut self) -> (String, Duration) {
        let started = Instant::now();
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let took = started.elapsed();
        let stderr = self.stderr.take().unwrap().join().unwrap();
        (stderr, took)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status and body of an HTTP/1.1 response read to its end.
fn response(stream: &mut TcpStream) -> (u16, String) {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Processes whose arguments begin with `command` (`sleep 62`): the
/// functions' own processes, not a shell or server that mentions them.
fn processes(command: &str) -> usize {
    let wanted: Vec<&str> = command.split(' ').collect();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .filter(|cmd| {
            let args: Vec<String> = cmd
                .split(|&b| b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            args.len() >= wanted.len() && args.iter().zip(&wanted).all(|(a, w)| a == w)
        })
        .count()
}

/// Waits up to `limit` for `condition`; how long it took, or `None`.
fn within(limit: Duration, condition: impl Fn() -> bool) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if condition() {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

fn invoke(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("invoke")
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Point 1: Out of file descriptors, the server logs accept errors, keeps
/// serving, and serves again once connections close.
#[test]
fn out_of_file_descriptors_the_server_keeps_serving() {
    let server = Server::start(
        "ulimit -n 64;",
        &["--function", "echo=cat", "--max-connections", "1000"],
    );
    let idle: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.child.id() > 0);
    drop(idle);
    let (status, _) = within_status(&server);
    assert_eq!(status, 200);
    let (stderr, _) = server.terminate();
    assert!(stderr.contains("accept failed"), "{stderr}");
    eprintln!("100 idle connections at ulimit -n 64: accept errors logged, served 200 after");

    // With the default kind of cap, connections beyond it wait, and idle
    // ones are closed by the header timeout.
    let server = Server::start("", &["--function", "echo=cat", "--max-connections", "20"]);
    let idle: Vec<TcpStream> = (0..40)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    let started = Instant::now();
    let (status, _) = server.request("echo", &[], b"{}");
    eprintln!(
        "40 idle connections over a cap of 20: the next request answered {status} after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(status, 200);
    drop(idle);
}

fn within_status(server: &Server) -> (u16, String) {
    for _ in 0..50 {
        if let Ok(mut stream) = TcpStream::connect(server.addr) {
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let request = format!(
                "POST {PATH}/echo/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                let answer = response(&mut stream);
                if answer.0 != 0 {
                    return answer;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (0, String::new())
}

/// Point 2: Slowloris headers are closed, a stalled body is answered 408, an
/// invocation times out with Sandbox.Timedout and its processes die, and a
/// slot is freed when the client goes away whatever the function does.
#[test]
fn nothing_waits_forever() {
    let server = Server::start(
        "",
        &[
            "--function",
            "echo=cat",
            "--function",
            "sleepy=sleep 31 | cat",
            "--function",
            "mute=exec >&-; sleep 32",
            "--function",
            "flood=exec head -c 50000000 /dev/zero",
            "--max-concurrency",
            "1",
            "--timeout",
            "2",
        ],
    );
    // Headers at one byte a second.
    let mut slow = TcpStream::connect(server.addr).unwrap();
    let started = Instant::now();
    let mut closed = None;
    for byte in b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" {
        if slow.write_all(&[*byte]).is_err() {
            closed = Some(started.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(1000));
        if started.elapsed() > Duration::from_secs(8) {
            break;
        }
    }
    let closed = closed.unwrap_or_else(|| {
        slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = slow.read(&mut [0; 64]);
        started.elapsed()
    });
    eprintln!(
        "slowloris headers: closed after {:.1} s (header timeout 2 s)",
        closed.as_secs_f64()
    );
    assert!(closed < Duration::from_secs(8));

    // A body declared and never sent.
    let mut stalled = TcpStream::connect(server.addr).unwrap();
    stalled
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST {PATH}/echo/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{{\"a\""
    );
    stalled.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let (status, _) = response(&mut stalled);
    eprintln!(
        "stalled body: {status} after {:.1} s (body timeout 2 s)",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(status, 408);

    // An invocation that runs too long: Lambda's answer, and no processes left.
    let (status, body) = server.request("sleepy", &[], b"{}");
    assert_eq!(status, 200);
    assert!(body.contains("Sandbox.Timedout"), "{body}");
    assert!(body.contains("Task timed out after 2.00 seconds"), "{body}");
    assert!(within(Duration::from_secs(3), || processes("sleep 31") == 0).is_some());

    // A function that closes stdout and sleeps: the client leaves, the slot frees.
    let mut mute = TcpStream::connect(server.addr).unwrap();
    let request = format!(
        "POST {PATH}/mute/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{{}}"
    );
    mute.write_all(request.as_bytes()).unwrap();
    assert!(within(Duration::from_secs(3), || processes("sleep 32") == 1).is_some());
    drop(mute);
    let freed = within(Duration::from_secs(3), || {
        processes("sleep 32") == 0 && server.request("echo", &[], b"{}").0 == 200
    });
    eprintln!("mute function, client gone: slot free and processes killed after {freed:?}");
    assert!(freed.is_some());

    // A client that stops reading: dropped after the body timeout, slot freed.
    let mut lazy = TcpStream::connect(server.addr).unwrap();
    let request = format!(
        "POST {PATH}/flood/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
    );
    lazy.write_all(request.as_bytes()).unwrap();
    let freed = within(Duration::from_secs(8), || {
        server.request("echo", &[], b"{}").0 == 200
    });
    eprintln!("client that stops reading: slot freed after {freed:?} (stall timeout 2 s)");
    assert!(freed.is_some());
    assert!(
        within(Duration::from_secs(2), || processes("head -c 50000000")
            == 0)
        .is_some()
    );
    drop(lazy);
}

/// Point 3: A declared body over 6 MB is refused unread; 200 clients sending
/// 6 MiB bodies at once keep the server's memory bounded, with and without
/// SigV4 (unauthenticated requests are refused before their body is read).
#[test]
fn memory_before_authentication_is_bounded() {
    let server = Server::start("", &["--function", "echo=cat"]);
    let mut huge = TcpStream::connect(server.addr).unwrap();
    huge.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let head = format!(
        "POST {PATH}/echo/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000000\r\n\r\n"
    );
    huge.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let (status, _) = response(&mut huge);
    eprintln!(
        "Content-Length 10 GB: {status} after {:.3} s, unread",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(status, 413);

    for (label, extra) in [
        ("without SigV4", vec![]),
        ("with SigV4", vec!["--verify-sigv4", "AKIDEXAMPLE:secret"]),
    ] {
        let mut args = vec!["--function", "echo=wc -c", "--body-timeout", "30"];
        args.extend(extra.iter().copied());
        let server = Server::start("", &args);
        let mut body = vec![b'x'; 6 * 1024 * 1024 - 2];
        body.insert(0, b'"');
        body.push(b'"');
        let statuses: Vec<u16> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..200)
                .map(|_| {
                    scope.spawn(|| {
                        let Ok(mut stream) = TcpStream::connect(server.addr) else {
                            return 0;
                        };
                        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                        let head = format!("POST {PATH}/echo/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                        let _ = stream.write_all(head.as_bytes());
                        for chunk in body.chunks(256 * 1024) {
                            if stream.write_all(chunk).is_err() {
                                break;
                            }
                        }
                        response(&mut stream).0
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let peak = server.peak_rss_mb();
        let count = |code| statuses.iter().filter(|&&s| s == code).count();
        eprintln!(
            "200 clients with 6 MiB bodies {label}: peak RSS {peak} MB; {} answered 200, {} 429, {} 403, {} other",
            count(200),
            count(429),
            count(403),
            statuses.len() - count(200) - count(429) - count(403)
        );
        assert!(peak < 256, "{peak} MB");
        assert!(
            statuses.iter().all(|s| [200, 403, 429].contains(s)),
            "{statuses:?}"
        );
    }
}

/// SigV4 headers for a request, signed by aws-sigv4 at `time` for
/// `region` and `service`, with `extra` headers signed too.
fn signed_headers(
    addr: SocketAddr,
    secret: &str,
    function: &str,
    body: &[u8],
    time: SystemTime,
    region: &str,
    service: &str,
) -> Vec<String> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let identity =
        aws_credential_types::Credentials::new("AKIDEXAMPLE", secret, None, None, "t").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let host = addr.to_string();
    let url = format!("http://{host}{PATH}/{function}/response-streaming-invocations");
    let headers = [("host", host.as_str())];
    let request =
        SignableRequest::new("POST", &url, headers.into_iter(), SignableBody::Bytes(body)).unwrap();
    let (instructions, _) = sign(request, &params).unwrap().into_parts();
    let mut lines = vec![format!("Host: {host}")];
    for (name, value) in instructions.headers() {
        lines.push(format!("{name}: {value}"));
    }
    lines
}

/// Point 4: Signatures out of their time, for another scope, leaving an x-amz-*
/// header unsigned, or with a nonsense date are refused 403 (never a dropped
/// connection); empty credentials are refused at start.
#[test]
fn sigv4_is_checked_as_the_service_checks_it() {
    let server = Server::start(
        "",
        &[
            "--verify-sigv4",
            "AKIDEXAMPLE:secret",
            "--function",
            "echo=cat",
        ],
    );
    let now = SystemTime::now();
    let day = Duration::from_secs(86_400);
    let cases = [
        ("fresh", now, "us-east-1", "lambda", 200),
        (
            "16 minutes old",
            now - Duration::from_secs(16 * 60),
            "us-east-1",
            "lambda",
            403,
        ),
        ("a day ahead", now + day, "us-east-1", "lambda", 403),
        (
            "3 years old",
            now - 3 * 365 * day,
            "us-east-1",
            "lambda",
            403,
        ),
        ("for s3", now, "us-east-1", "s3", 403),
        ("for another region", now, "eu-west-1", "lambda", 403),
    ];
    for (label, time, region, service, expected) in cases {
        let headers = signed_headers(server.addr, "secret", "echo", b"{}", time, region, service);
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let (status, body) = server.request("echo", &headers, b"{}");
        assert_eq!(status, expected, "{label}: {body}");
        if expected == 403 {
            assert!(
                body.contains("InvalidSignatureException"),
                "{label}: {body}"
            );
        }
    }
    let headers = signed_headers(
        server.addr,
        "secret",
        "echo",
        b"{}",
        now,
        "us-east-1",
        "lambda",
    );
    let mut with_unsigned: Vec<&str> = headers.iter().map(String::as_str).collect();
    with_unsigned.push("X-Amz-Invocation-Type: DryRun");
    let (status, body) = server.request("echo", &with_unsigned, b"{}");
    assert!(
        status == 403 && body.contains("is present but not signed"),
        "{status} {body}"
    );
    let mut nonsense: Vec<String> = headers
        .iter()
        .filter(|h| !h.to_ascii_lowercase().starts_with("x-amz-date"))
        .cloned()
        .collect();
    nonsense.push("X-Amz-Date: 99999999T999999Z".into());
    let nonsense: Vec<&str> = nonsense.iter().map(String::as_str).collect();
    let (status, body) = server.request("echo", &nonsense, b"{}");
    assert!(
        status == 403 && body.contains("InvalidSignatureException"),
        "{status} {body}"
    );

    let empty = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--demo",
            "--verify-sigv4",
            ":",
        ])
        .output()
        .unwrap();
    assert!(!empty.status.success());
    assert!(
        text(&empty.stderr).contains("must not be empty"),
        "{}",
        text(&empty.stderr)
    );
}

/// Point 5: With --verify-sigv4-env the secret is in no command line, and
/// functions see a clean environment: no credentials, Lambda's variables,
/// and --env.
#[test]
fn functions_never_see_the_servers_secrets() {
    let server = Server::start(
        "AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=hunter2secret SERVER_ONLY=1",
        &[
            "--verify-sigv4-env",
            "--env",
            "GREETING=hello",
            "--function",
            "peek=env; tr '\\0' ' ' < /proc/$PPID/cmdline",
        ],
    );
    let headers = signed_headers(
        server.addr,
        "hunter2secret",
        "peek",
        b"{}",
        SystemTime::now(),
        "us-east-1",
        "lambda",
    );
    let lines: Vec<&str> = headers.iter().map(String::as_str).collect();
    let (status, body) = server.request("peek", &lines, b"{}");
    assert_eq!(status, 200, "{body}");
    for secret in ["hunter2secret", "AKIDEXAMPLE", "SERVER_ONLY"] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    for variable in [
        "AWS_LAMBDA_FUNCTION_NAME=peek",
        "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
        "GREETING=hello",
        "PATH=",
    ] {
        assert!(body.contains(variable), "{variable} missing: {body}");
    }
}

/// Point 6: Without --allow-remote, a foreign Host (DNS rebinding) is 421 and an
/// Origin (a web page) 403, and the function never runs.
#[test]
fn browsers_cannot_trigger_functions() {
    let marker = std::env::temp_dir().join(format!("eventstream-ran-{}", std::process::id()));
    let function = format!("touch {}", marker.display());
    let server = Server::start("", &["--function", &format!("touch={function}")]);
    let (status, _) = server.request("touch", &["Host: attacker.example:9001"], b"{}");
    assert_eq!(status, 421);
    let (status, _) = server.request("touch", &["Origin: https://attacker.example"], b"{}");
    assert_eq!(status, 403);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!marker.exists(), "the function ran");
    for host in ["Host: localhost:1", "Host: [::1]", "Host: 127.0.0.1"] {
        assert_eq!(server.request("touch", &[host], b"{}").0, 200, "{host}");
    }
    let _ = std::fs::remove_file(&marker);
}

/// Point 7: Grandchildren die with the function: on disconnect, on timeout, and
/// when SIGTERM shuts the server down (within a few seconds).
#[test]
fn no_orphans_on_disconnect_timeout_or_shutdown() {
    let server = Server::start(
        "",
        &[
            "--function",
            "pipeline=sleep 62 | cat",
            "--function",
            "slow=sleep 63 | cat",
            "--timeout",
            "30",
        ],
    );
    let mut client = TcpStream::connect(server.addr).unwrap();
    let request = format!(
        "POST {PATH}/pipeline/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{{}}"
    );
    client.write_all(request.as_bytes()).unwrap();
    assert!(within(Duration::from_secs(3), || processes("sleep 62") == 1).is_some());
    drop(client);
    let gone = within(Duration::from_secs(3), || processes("sleep 62") == 0);
    eprintln!("disconnect: grandchild gone after {gone:?}");
    assert!(gone.is_some());

    let mut client = TcpStream::connect(server.addr).unwrap();
    let request = format!(
        "POST {PATH}/slow/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{{}}"
    );
    client.write_all(request.as_bytes()).unwrap();
    assert!(within(Duration::from_secs(3), || processes("sleep 63") == 1).is_some());
    let (stderr, took) = server.terminate();
    eprintln!(
        "SIGTERM during an invocation: stopped in {:.2} s",
        took.as_secs_f64()
    );
    assert!(took < Duration::from_secs(5));
    assert!(within(Duration::from_secs(2), || processes("sleep 63") == 0).is_some());
    assert!(
        stderr.contains("shutting down") && stderr.contains("stopped"),
        "{stderr}"
    );
    drop(client);
}

/// Points 8 and 9: A function that cannot start is the server's failure (5xx), not
/// the function's; every request is one log line; the first stdout line is the URL.
#[test]
fn capacity_failures_are_the_servers_and_every_request_is_logged() {
    let server = Server::start("PATH=/nonexistent", &["--function", "echo=cat"]);
    assert!(server.url().starts_with("http://127.0.0.1:"));
    let (status, body) = server.request("echo", &[], b"{}");
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("cannot start the function"), "{body}");
    let (stderr, _) = server.terminate();
    let line = stderr
        .lines()
        .find(|l| l.contains("/echo/"))
        .unwrap_or_else(|| panic!("no log line: {stderr}"));
    assert!(line.contains(" echo 500 ") && line.ends_with('s'), "{line}");
}

/// A local server that answers with `answer` (or, with `None`, reads the
/// request and then says nothing).
fn hostile_server(answer: Option<Vec<u8>>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                if let Some(answer) = answer {
                    let _ = stream.write_all(&answer);
                }
                std::thread::sleep(Duration::from_secs(30));
            });
        }
    });
    addr
}

/// Point 10: A stalling server: the read timeout fires, names itself and the URL;
/// the overall timeout likewise.
#[test]
fn invoke_times_out_against_a_stalling_server() {
    let silent = hostile_server(None);
    let started = Instant::now();
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{silent}"),
        "--read-timeout",
        "1",
    ]);
    let stderr = text(&out.stderr);
    eprintln!(
        "silent server: {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        stderr.trim()
    );
    assert!(!out.status.success());
    assert!(
        stderr.contains("read timeout") && stderr.contains(&silent.to_string()),
        "{stderr}"
    );

    let headers_only = hostile_server(Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
    ));
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{headers_only}"),
        "--read-timeout",
        "1",
    ]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("read timeout") && stderr.contains("sent nothing for 1 s"),
        "{stderr}"
    );

    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{headers_only}"),
        "--read-timeout",
        "20",
        "--timeout",
        "1",
    ]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("did not finish within 1 s (--timeout)"),
        "{stderr}"
    );
}

/// Points 11 and 12: A hostile server's escape sequences never reach the terminal
/// raw; a huge error body still gives its message; a body-less 500 says its
/// status; a refused connection names the URL and the cause.
#[test]
fn invoke_against_a_hostile_server() {
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let body = format!(
        "{{\"message\":\"{}\"}}",
        evil.replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007")
    );
    let answer = format!(
        "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: InvalidParameterValueException\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{}", hostile_server(Some(answer.into_bytes()))),
    ]);
    assert!(
        !out.stderr.contains(&0x1b),
        "raw ESC reached stderr: {:?}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("\\u{1b}]0;owned"),
        "{}",
        text(&out.stderr)
    );

    let mut flood = b"{\"message\":\"first things first\",\"padding\":\"".to_vec();
    flood.extend(vec![b'x'; 10 * 1024 * 1024]);
    flood.extend(b"\"}");
    let mut answer = format!(
        "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: InvalidRequestContentException\r\nContent-Length: {}\r\n\r\n",
        flood.len()
    )
    .into_bytes();
    answer.extend(flood);
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{}", hostile_server(Some(answer))),
    ]);
    assert!(
        text(&out.stderr).contains("InvalidRequestContentException (HTTP 400): first things first"),
        "{}",
        text(&out.stderr)
    );

    let bare = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".to_vec();
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{}", hostile_server(Some(bare))),
    ]);
    assert!(
        text(&out.stderr).contains("HTTP 500 Internal Server Error, with no message"),
        "{}",
        text(&out.stderr)
    );

    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = invoke(&["demo", "--endpoint", &format!("http://{closed}")]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&closed.to_string()) && stderr.to_lowercase().contains("refused"),
        "{stderr}"
    );

    // Event types and ErrorDetails with escape sequences, from a real stream.
    let events = [
        eventstream::encode_to_vec(
            &[eventstream::Header::new(
                ":event-type",
                eventstream::HeaderValue::String("Evil\u{1b}[31m"),
            )],
            b"",
        )
        .unwrap(),
        eventstream_cli::frames::invoke_complete(&eventstream::lambda::InvokeSummary {
            error_code: Some("Bad\u{1b}]8;;x\u{7}".into()),
            error_details: Some("details\u{1b}[2J".into()),
            log_result: None,
        })
        .unwrap(),
    ]
    .concat();
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\nContent-Length: {}\r\n\r\n",
        events.len()
    )
    .into_bytes();
    answer.extend(events);
    let out = invoke(&[
        "demo",
        "--endpoint",
        &format!("http://{}", hostile_server(Some(answer))),
    ]);
    assert!(!out.stderr.contains(&0x1b), "{:?}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Evil\\u{1b}[31m"),
        "{}",
        text(&out.stderr)
    );
}

/// Point 11, for the inspection commands: dump escapes control characters in
/// header names and values.
#[test]
fn dump_escapes_control_characters() {
    let frame = eventstream::encode_to_vec(
        &[eventstream::Header::new(
            "na\u{1b}me",
            eventstream::HeaderValue::String("va\u{9b}lue\u{7}"),
        )],
        b"text\x1b[2J".as_slice(),
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["dump", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&frame).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{9b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("na\\u{1b}me"), "{stdout}");
}

/// Point 13: Endpoints with credentials or a query are refused before anything is
/// sent; --payload-file - reads standard input; /dev/zero stops at 6 MB.
#[test]
fn invoke_refuses_bad_endpoints_and_bounds_its_payload() {
    for endpoint in ["http://user:pw@127.0.0.1:1", "http://127.0.0.1:1?x=1"] {
        let out = invoke(&["demo", "--endpoint", endpoint]);
        let stderr = text(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains("endpoint"),
            "{stderr}"
        );
    }
    let server = Server::start("", &["--function", "echo=cat"]);
    let mut child = Command::new(BIN)
        .args([
            "invoke",
            "echo",
            "--payload-file",
            "-",
            "--endpoint",
            &server.url(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"from\":\"stdin\"}")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.stdout, b"{\"from\":\"stdin\"}", "{}", text(&out.stderr));

    let out = invoke(&[
        "echo",
        "--payload-file",
        "/dev/zero",
        "--endpoint",
        &server.url(),
    ]);
    assert!(
        text(&out.stderr).contains("larger than 6291456 bytes"),
        "{}",
        text(&out.stderr)
    );
}

/// Point 14: encode of a 400 MB base64 value fails with its own message under a
/// 200 MB address-space limit: its memory is bounded by the largest frame.
#[test]
fn encode_memory_is_bounded_by_the_largest_frame() {
    let mut child = Command::new("sh")
        .args(["-c", &format!("ulimit -v 200000; exec '{BIN}' encode -")])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(b"{\"payload\":\"");
        let block = vec![b'A'; 1024 * 1024];
        for _ in 0..400 {
            if stdin.write_all(&block).is_err() {
                return;
            }
        }
        let _ = stdin.write_all(b"\"}");
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot be a frame"), "{stderr}");
}
