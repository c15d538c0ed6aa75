//! `invoke`: call Lambda's InvokeWithResponseStream (or `eventstream serve`)
//! and print the function's output as it streams in.

use crate::cli::InvokeArgs;
use crate::input::{Failure, display_name, open};
use crate::output::Output;
use bytes::Bytes;
use eventstream::lambda::OwnedEvent;
use eventstream_cli::client::{Client, InvocationType, InvokeInput, LogType, Timeouts};
use eventstream_cli::params::MAX_PAYLOAD;
use eventstream_cli::terminal::escape;
use futures_core::Stream;
use std::io::Read;
use std::pin::Pin;
use std::time::Duration;

pub(crate) fn run(args: &InvokeArgs) -> Result<(), Failure> {
    let payload = match (&args.payload, &args.payload_file) {
        (Some(text), None) => Bytes::from(text.clone().into_bytes()),
        (None, Some(path)) => read_payload(path)?,
        (None, None) => Bytes::new(),
        (Some(_), Some(_)) => {
            return Err(Failure::new("give --payload or --payload-file, not both"));
        }
    };
    let input = InvokeInput {
        function_name: args.function_name.clone(),
        invocation_type: if args.dry_run {
            InvocationType::DryRun
        } else {
            InvocationType::RequestResponse
        },
        log_type: if args.log_tail {
            LogType::Tail
        } else {
            LogType::None
        },
        client_context: args.client_context.clone(),
        qualifier: args.qualifier.clone(),
        tenant_id: args.tenant_id.clone(),
        payload,
    };
    let timeouts = Timeouts {
        connect: Duration::from_secs(args.connect_timeout.max(1)),
        read: Duration::from_secs(args.read_timeout.max(1)),
    };
    let overall = Duration::from_secs(args.timeout.max(1));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(format!("starting the runtime: {e}")))?;
    runtime.block_on(async {
        let client = Client::from_env_with_region(args.region.as_deref(), args.endpoint.as_deref())
            .and_then(|client| client.with_timeouts(timeouts))
            .map_err(|e| Failure::new(escape(&e.to_string())))?;
        let invocation = invoke(&client, &input);
        match tokio::time::timeout(overall, invocation).await {
            Ok(result) => result,
            Err(_) => Err(Failure::new(format!(
                "timeout: the invocation of {} did not finish within {} s (--timeout)",
                escape(&input.function_name),
                overall.as_secs()
            ))),
        }
    })
}

async fn invoke(client: &Client, input: &InvokeInput) -> Result<(), Failure> {
    let mut output = client
        .invoke_with_response_stream(input)
        .await
        .map_err(|e| Failure::new(escape(&e.to_string())))?;
    eprintln!("StatusCode: {}", output.status_code);
    if let Some(version) = &output.executed_version {
        eprintln!("ExecutedVersion: {}", escape(version));
    }
    if input.invocation_type == InvocationType::DryRun {
        return Ok(()); // 204: no event stream
    }
    let mut stdout = Output::new();
    let mut summary = None;
    let mut unknown = crate::lambda::UnknownEvents::default();
    while let Some(event) =
        std::future::poll_fn(|cx| Pin::new(&mut output.event_stream).poll_next(cx)).await
    {
        let event = event
            .map_err(|e| Failure::new(format!("response stream: {}", escape(&e.to_string()))))?;
        match event {
            OwnedEvent::PayloadChunk(bytes) => stdout.write_payload(&bytes)?,
            OwnedEvent::InvokeComplete(done) => summary = Some(done),
            OwnedEvent::Unknown { event_type, .. } => unknown.saw(&event_type),
        }
    }
    stdout.end_line()?;
    unknown.report();
    let Some(summary) = summary else {
        return Err(Failure::new("the stream ended without InvokeComplete"));
    };
    crate::lambda::report(&summary);
    match summary.error_code {
        Some(code) => Err(Failure::new(format!(
            "the function failed: {}",
            escape(&code)
        ))),
        None => Ok(()),
    }
}

/// The payload from a file or standard input, refused past Lambda's 6 MB
/// as soon as it gets there (`/dev/zero` does not fill the memory).
fn read_payload(path: &std::path::Path) -> Result<Bytes, Failure> {
    let name = display_name(path);
    let mut payload = Vec::new();
    open(path)?
        .take(MAX_PAYLOAD as u64 + 1)
        .read_to_end(&mut payload)
        .map_err(|e| Failure::new(format!("{name}: {e}")))?;
    if payload.len() > MAX_PAYLOAD {
        return Err(Failure::new(format!(
            "{name}: the payload is larger than {MAX_PAYLOAD} bytes, the InvokeWithResponseStream limit"
        )));
    }
    Ok(Bytes::from(payload))
}
