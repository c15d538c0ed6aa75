//! `invoke`: call Lambda's InvokeWithResponseStream (or `eventstream serve`)
//! and print the function's output as it streams in.

use crate::cli::InvokeArgs;
use crate::input::Failure;
use crate::output::Output;
use bytes::Bytes;
use eventstream::lambda::OwnedEvent;
use eventstream_cli::client::{Client, InvocationType, InvokeInput, LogType};
use futures_core::Stream;
use std::io::Write;
use std::pin::Pin;

pub(crate) fn run(args: &InvokeArgs) -> Result<(), Failure> {
    let payload = match (&args.payload, &args.payload_file) {
        (Some(text), None) => Bytes::from(text.clone().into_bytes()),
        (None, Some(path)) => Bytes::from(
            std::fs::read(path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?,
        ),
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(format!("starting the runtime: {e}")))?;
    runtime.block_on(async {
        let client = Client::from_env_with_region(args.region.as_deref(), args.endpoint.as_deref())
            .map_err(|e| Failure::new(e.to_string()))?;
        let mut output = client
            .invoke_with_response_stream(&input)
            .await
            .map_err(|e| Failure::new(e.to_string()))?;
        eprintln!("StatusCode: {}", output.status_code);
        if let Some(version) = &output.executed_version {
            eprintln!("ExecutedVersion: {version}");
        }
        if input.invocation_type == InvocationType::DryRun {
            return Ok(()); // 204: no event stream
        }
        let mut stdout = Output::new();
        let mut summary = None;
        while let Some(event) =
            std::future::poll_fn(|cx| Pin::new(&mut output.event_stream).poll_next(cx)).await
        {
            match event.map_err(|e| Failure::new(format!("response stream: {e}")))? {
                OwnedEvent::PayloadChunk(bytes) => {
                    stdout.writer().write_all(&bytes).map_err(Failure::output)?;
                    stdout.frame_done()?;
                }
                OwnedEvent::InvokeComplete(done) => summary = Some(done),
                OwnedEvent::Unknown { event_type, .. } => {
                    eprintln!("note: skipped an event of unknown type {event_type}")
                }
            }
        }
        let Some(summary) = summary else {
            return Err(Failure::new("the stream ended without InvokeComplete"));
        };
        crate::lambda::report(&summary);
        match summary.error_code {
            Some(code) => Err(Failure::new(format!("the function failed: {code}"))),
            None => Ok(()),
        }
    })
}
