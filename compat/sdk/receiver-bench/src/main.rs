//! Nanoseconds per frame through `aws_smithy_http::event_stream::Receiver`
//! with an unmarshaller that only takes each message, for small (32-byte
//! payload, three headers), 1 KiB and 64 KiB frames: the median of 21
//! rounds, each over a 1 MiB body handed over in 16 KiB chunks.

use aws_smithy_eventstream::error::Error;
use aws_smithy_eventstream::frame::{UnmarshallMessage, UnmarshalledMessage, write_message_to};
use aws_smithy_http::event_stream::Receiver;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use std::time::Instant;

#[derive(Debug)]
struct TakeIt;

impl UnmarshallMessage for TakeIt {
    type Output = usize;
    type Error = ();
    fn unmarshall(&self, message: &Message) -> Result<UnmarshalledMessage<usize, ()>, Error> {
        Ok(UnmarshalledMessage::Event(message.payload().len()))
    }
}

fn body(payload: usize) -> (Bytes, usize) {
    let message = Message::new(vec![b'x'; payload])
        .add_header(Header::new(":message-type", HeaderValue::String("event".into())))
        .add_header(Header::new(":event-type", HeaderValue::String("PayloadChunk".into())))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String("application/octet-stream".into()),
        ));
    let mut frame = Vec::new();
    write_message_to(&message, &mut frame).unwrap();
    let frames = (1 << 20) / frame.len();
    (Bytes::from(frame.repeat(frames)), frames)
}

/// The body as 16 KiB chunks, as a connection hands them out.
fn chunked(stream: &Bytes) -> SdkBody {
    let chunks: Vec<Result<Bytes, std::io::Error>> = (0..stream.len())
        .step_by(16 * 1024)
        .map(|at| Ok(stream.slice(at..(at + 16 * 1024).min(stream.len()))))
        .collect();
    SdkBody::from_body_1_x(Chunks(chunks.into_iter()))
}

struct Chunks(std::vec::IntoIter<Result<Bytes, std::io::Error>>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        std::task::Poll::Ready(self.0.next().map(|chunk| chunk.map(http_body::Frame::data)))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    for (name, payload) in [("small_32B", 32), ("payload_1KiB", 1024), ("payload_64KiB", 64 * 1024)] {
        let (stream, frames) = body(payload);
        let mut rounds = Vec::new();
        for _ in 0..21 {
            let mut receiver = Receiver::new(TakeIt, chunked(&stream));
            let started = Instant::now();
            let mut received = 0;
            while let Some(len) = receiver.recv().await.unwrap() {
                received += len;
            }
            rounds.push(started.elapsed().as_nanos() as f64 / frames as f64);
            assert_eq!(received, payload * frames);
        }
        rounds.sort_by(f64::total_cmp);
        println!("{name} {:.1}", rounds[rounds.len() / 2]);
    }
}
