//! Reads the events of an HTTP response body with hyper 1.x: any
//! `http_body::Body` (hyper's `Incoming`, or here a body streamed from a
//! file in uneven pieces) becomes a `Stream` of `Bytes` with
//! http-body-util's `BodyExt::into_data_stream()`, which `MessageStream`
//! decodes as the chunks arrive.
//!
//! `cargo run -p eventstream --features stream --example hyper_body -- testdata/lambda/text_in_chunks.bin`

use bytes::Bytes;
use eventstream::MessageStream;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: hyper_body FILE")?;
    let bytes = Bytes::from(std::fs::read(&path)?);
    // A response body as hyper hands it out: data frames of any size.
    let pieces: Vec<Result<Frame<Bytes>, std::io::Error>> = (0..bytes.len())
        .step_by(700)
        .map(|at| Ok(Frame::data(bytes.slice(at..(at + 700).min(bytes.len())))))
        .collect();
    let body = StreamBody::new(stream_of(pieces));

    // What a hyper client does with `response.into_body()`.
    let mut messages = MessageStream::new(body.into_data_stream());
    while let Some(message) = messages.read_message().await? {
        let event_type = message.header(":event-type").and_then(|v| v.as_str());
        println!(
            "{}: {} bytes",
            event_type.unwrap_or("(none)"),
            message.payload().len()
        );
    }
    Ok(())
}

/// The pieces as a `Stream`, as a connection would yield them.
fn stream_of<T: Unpin>(items: Vec<T>) -> impl futures_core::Stream<Item = T> + Unpin {
    struct Iter<I>(I);
    impl<I: Iterator + Unpin> futures_core::Stream for Iter<I> {
        type Item = I::Item;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<I::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Iter(items.into_iter())
}
