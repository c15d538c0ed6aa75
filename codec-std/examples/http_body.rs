//! Decodes an event stream delivered as HTTP body chunks, the way hyper's
//! bodies (through `BodyExt::into_data_stream()`, see `hyper_body.rs`) or
//! reqwest's `bytes_stream()` deliver it, without an SDK.
//! Here the "body" is a file cut into odd-sized chunks.
//!
//! `cargo run -p eventstream --features stream --example http_body -- testdata/smithy-rs/recorded/transcribestreaming_success.response.bin`

use bytes::Bytes;
use eventstream::MessageStream;
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A body that yields chunks of 1000 bytes, like a network read loop would.
struct ChunkedBody {
    data: Bytes,
}

impl Stream for ChunkedBody {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.data.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.data.len().min(1000);
        Poll::Ready(Some(Ok(self.data.split_to(n))))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: http_body FILE")?;
    let body = ChunkedBody {
        data: Bytes::from(std::fs::read(&path)?),
    };
    let mut messages = MessageStream::new(body);
    while let Some(message) = std::future::poll_fn(|cx| Pin::new(&mut messages).poll_next(cx)).await
    {
        let message = message?;
        println!(
            "{:?}: {}",
            message.as_ref().header(":message-type"),
            String::from_utf8_lossy(&message.payload())
        );
    }
    Ok(())
}
