//! Writes an event stream with tokio_util's `FramedWrite` and our codec,
//! then reads it back with `FramedRead`: no turbofish needed.
//!
//! `cargo run -p eventstream --features tokio --example framed_write`
//!
//! `send` takes any of the codec's encodable items: a borrowed
//! `(&[Header], &[u8])` pair (the headers as a slice: `&headers[..]`), a
//! decoded `MessageRef` or an owned `Message` to forward unchanged. Each
//! `send` flushes; the writer is then taken back with `into_inner` and shut
//! down as usual (`close()` on a sink that encodes several item types must
//! be told which, so it is not used here).

use eventstream::{EventStreamCodec, Header, HeaderValue};
use futures_util::{SinkExt, StreamExt};
use tokio::io::AsyncWriteExt;
use tokio_util::codec::{FramedRead, FramedWrite};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), eventstream::Error> {
    let mut sink = FramedWrite::new(Vec::new(), EventStreamCodec::new());
    for word in ["Hello", "event", "stream"] {
        let headers = [
            Header::new(":message-type", HeaderValue::String("event")),
            Header::new(":event-type", HeaderValue::String("Word")),
        ];
        sink.send((&headers[..], word.as_bytes())).await?;
    }
    let mut bytes = sink.into_inner();
    bytes.shutdown().await?;

    let mut frames = FramedRead::new(&bytes[..], EventStreamCodec::new());
    let mut words = Vec::new();
    while let Some(message) = frames.next().await {
        let message = message?;
        words.push(String::from_utf8_lossy(&message.payload()).into_owned());
    }
    assert_eq!(words, ["Hello", "event", "stream"]);
    println!(
        "{} bytes, {} frames: {}",
        bytes.len(),
        words.len(),
        words.join(" ")
    );
    Ok(())
}
