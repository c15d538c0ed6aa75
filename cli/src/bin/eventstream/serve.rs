//! `serve`: a local Lambda `InvokeWithResponseStream` endpoint, until
//! SIGTERM or SIGINT, then a graceful shutdown.

use crate::cli::ServeArgs;
use crate::input::Failure;
use eventstream_cli::server::{self, Config, Function};
use eventstream_cli::sigv4::Verifier;
use std::io::Write;
use std::time::Duration;

pub(crate) fn run(args: &ServeArgs) -> Result<(), Failure> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(Failure::new(format!(
            "refusing to listen on {}, which is not a loopback address: this endpoint runs commands for anyone who can reach it (use --allow-remote to insist)",
            args.listen
        )));
    }
    let config = config(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(format!("starting the runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| Failure::new(format!("listening on {}: {e}", args.listen)))?;
        let address = listener.local_addr().map_err(|e| Failure::new(e.to_string()))?;
        let mut names: Vec<&str> = config.functions.keys().map(String::as_str).collect();
        names.sort_unstable();
        // The URL alone first, for scripts; the rest is for people.
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "http://{address}");
        let _ = stdout.flush();
        eprintln!(
            "eventstream serve: listening on http://{address} (functions: {})",
            names.join(", ")
        );
        eprintln!(
            "try: aws lambda invoke-with-response-stream --endpoint-url http://{address} --function-name {} out.txt",
            names.first().copied().unwrap_or("NAME")
        );
        server::serve_until(listener, config, shutdown_signal())
            .await
            .map_err(|e| Failure::new(format!("serving: {e}")))?;
        eprintln!("eventstream serve: stopped");
        Ok(())
    })
}

/// The server's configuration from the command line (and, with
/// `--verify-sigv4-env`, the environment).
fn config(args: &ServeArgs) -> Result<Config, Failure> {
    let mut config = Config {
        max_concurrency: args.max_concurrency.max(1),
        max_connections: args.max_connections.max(1),
        region: args.region.clone(),
        allow_remote: args.allow_remote,
        invocation_timeout: Duration::from_secs(args.timeout.max(1)),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        body_timeout: Duration::from_secs(args.body_timeout.max(1)),
        ..Config::default()
    };
    for spec in &args.function {
        let Some((name, command)) = spec.split_once('=') else {
            return Err(Failure::new(format!(
                "--function {spec:?}: expected NAME=COMMAND"
            )));
        };
        config
            .functions
            .insert(name.to_string(), Function::Command(command.to_string()));
    }
    for spec in &args.env {
        let Some((name, value)) = spec.split_once('=').filter(|(n, _)| !n.is_empty()) else {
            return Err(Failure::new(format!("--env {spec:?}: expected NAME=VALUE")));
        };
        config.env.push((name.to_string(), value.to_string()));
    }
    let credentials = match (&args.verify_sigv4, args.verify_sigv4_env) {
        (Some(pair), _) => Some(
            pair.split_once(':')
                .map(|(key, secret)| (key.to_string(), secret.to_string()))
                .ok_or_else(|| Failure::new("--verify-sigv4: expected ACCESS_KEY:SECRET"))?,
        ),
        (None, true) => {
            let var = |name: &str| std::env::var(name).unwrap_or_default();
            Some((var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")))
        }
        (None, false) => None,
    };
    if let Some((key, secret)) = credentials {
        let verifier = Verifier::new(&key, &secret, &args.region)
            .map_err(|e| Failure::new(format!("--verify-sigv4: {e}")))?;
        config.verify_sigv4 = Some(verifier);
    }
    if args.demo {
        config.functions.insert("demo".to_string(), Function::Demo);
    }
    if config.functions.is_empty() {
        return Err(Failure::new(
            "no functions: give --function NAME=COMMAND or --demo",
        ));
    }
    Ok(config)
}

/// Completes at SIGTERM or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => std::future::pending().await,
    }
    eprintln!("eventstream serve: shutting down");
}
