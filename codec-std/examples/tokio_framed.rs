//! Consumes an event stream with tokio_util's `FramedRead` and our codec.
//!
//! `cargo run -p eventstream --features tokio --example tokio_framed -- testdata/smithy-rs/recorded/transcribestreaming_success.response.bin`

use eventstream::EventStreamCodec;
use futures_core::Stream;
use std::pin::Pin;
use tokio_util::codec::FramedRead;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tokio_framed FILE")?;
    let file = tokio::fs::File::open(&path).await?;
    let mut frames = FramedRead::new(file, EventStreamCodec::new());
    let mut count = 0;
    // `StreamExt::next` without pulling in futures-util.
    while let Some(message) = std::future::poll_fn(|cx| Pin::new(&mut frames).poll_next(cx)).await {
        let message = message?;
        println!(
            "{:?}: {} bytes",
            message.as_ref().header(":event-type"),
            message.payload().len()
        );
        count += 1;
    }
    println!("{count} frames");
    Ok(())
}
