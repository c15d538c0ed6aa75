//! `serve`: a local Lambda `InvokeWithResponseStream` endpoint.

use crate::cli::ServeArgs;
use crate::input::Failure;
use eventstream_cli::server::{self, Config, Function};
use std::io::Write;

pub(crate) fn run(args: &ServeArgs) -> Result<(), Failure> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(Failure::new(format!(
            "refusing to listen on {}, which is not a loopback address: this endpoint runs commands for anyone who can reach it (use --allow-remote to insist)",
            args.listen
        )));
    }
    let mut config = Config {
        max_concurrency: args.max_concurrency.max(1),
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
    if let Some(credentials) = &args.verify_sigv4 {
        let Some((key, secret)) = credentials.split_once(':') else {
            return Err(Failure::new("--verify-sigv4: expected ACCESS_KEY:SECRET"));
        };
        config.verify_sigv4 = Some((key.to_string(), secret.to_string()));
    }
    if args.demo {
        config.functions.insert("demo".to_string(), Function::Demo);
    }
    if config.functions.is_empty() {
        return Err(Failure::new(
            "no functions: give --function NAME=COMMAND or --demo",
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(format!("starting the runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen).await.map_err(|e| Failure::new(format!("listening on {}: {e}", args.listen)))?;
        let address = listener.local_addr().map_err(|e| Failure::new(e.to_string()))?;
        let mut names: Vec<&String> = config.functions.keys().collect();
        names.sort();
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "eventstream serve: listening on http://{address} (functions: {})", names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", "));
        let _ = writeln!(stdout, "try: aws lambda invoke-with-response-stream --endpoint-url http://{address} --function-name {} out.txt", names[0]);
        let _ = stdout.flush();
        server::serve(listener, config).await.map_err(|e| Failure::new(format!("serving: {e}")))
    })
}
