//! Reads an S3 `SelectObjectContent` response: `Records` events carry the
//! selected rows, `Stats` and `Progress` carry XML, `Cont` keeps the
//! connection alive, and `End` says the result is complete (a stream without
//! it was cut short). Here the body is built with frames of the real shape.
//!
//! `cargo run -p eventstream --example s3_select`

use eventstream::{Events, Header, HeaderValue, Reader};

fn event(event_type: &str, content_type: Option<&str>, payload: &[u8]) -> Vec<u8> {
    let mut headers = vec![
        Header::new(":event-type", HeaderValue::String(event_type)),
        Header::new(":message-type", HeaderValue::String("event")),
    ];
    if let Some(content_type) = content_type {
        headers.push(Header::new(
            ":content-type",
            HeaderValue::String(content_type),
        ));
    }
    eventstream::encode_to_vec(&headers, payload).expect("a small frame")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let body = [
        event("Records", Some("application/octet-stream"), b"1,apple\n2,pear\n"),
        event("Cont", None, b""),
        event("Records", Some("application/octet-stream"), b"3,plum\n"),
        event(
            "Stats",
            Some("text/xml"),
            b"<Stats><BytesScanned>512</BytesScanned><BytesProcessed>512</BytesProcessed><BytesReturned>22</BytesReturned></Stats>",
        ),
        event("End", None, b""),
    ]
    .concat();

    let mut reader = Events::new(Reader::new(&body[..]));
    let (mut records, mut ended) = (Vec::new(), false);
    while let Some(event) = reader.read_event()? {
        match event.event_type {
            "Records" => records.extend_from_slice(event.message.payload()),
            "Stats" => println!(
                "stats: {}",
                String::from_utf8_lossy(event.message.payload())
            ),
            "End" => ended = true,
            _ => {} // Cont, Progress
        }
    }
    if !ended {
        return Err("the result was cut short: no End event".into());
    }
    print!("{}", String::from_utf8_lossy(&records));
    Ok(())
}
