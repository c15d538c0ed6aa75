//! The blocking Reader and Writer: every test file through reads of 1, 7 and
//! random sizes with injected `Interrupted` errors; EOF, I/O faults and
//! decode errors; and a round trip through partial vectored writes.

use eventstream::{Error, Header, HeaderValue, OwnedMessage, Reader, Writer};
use eventstream_core::{Decoder, Status};
use proptest::prelude::*;
use std::io::{self, Read, Write};
use std::path::Path;

/// A source that hands out its bytes in the given read sizes (cycled), with an
/// `Interrupted` error before every `interrupt_every`-th read, and an optional
/// one-time I/O error at a byte offset.
struct Trickle<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    reads: usize,
    interrupt_every: usize,
    fail_at: Option<usize>,
    offset: usize,
}

impl<'a> Trickle<'a> {
    fn new(data: &'a [u8], sizes: &[usize]) -> Self {
        Trickle {
            data,
            sizes: sizes.to_vec(),
            reads: 0,
            interrupt_every: 0,
            fail_at: None,
            offset: 0,
        }
    }
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reads += 1;
        if self.interrupt_every > 0 && self.reads % self.interrupt_every == 0 {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        if self.fail_at.is_some_and(|at| self.offset >= at) {
            self.fail_at = None;
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "injected fault",
            ));
        }
        let size = self.sizes[self.reads % self.sizes.len()].max(1);
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.offset += n;
        Ok(n)
    }
}

fn testdata_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata");
    let mut files = Vec::new();
    for dir in [
        "encoded/positive",
        "encoded/negative",
        "smithy-rs/test_data",
        "smithy-rs/recorded",
    ] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            files.push((
                format!("{dir}/{}", path.file_name().unwrap().to_string_lossy()),
                std::fs::read(&path).unwrap(),
            ));
        }
    }
    files
}

/// The reference: the core decoder's frames and first error over the whole input.
fn reference(bytes: &[u8]) -> (Vec<OwnedMessage>, Option<eventstream_core::Error>, bool) {
    let (mut frames, mut decoder, mut rest) = (Vec::new(), Decoder::new(), bytes);
    while !rest.is_empty() {
        match decoder.decode(rest) {
            Ok(Status::Complete(message)) => {
                rest = &rest[message.len()..];
                frames.push(OwnedMessage::from(message));
            }
            Ok(Status::Incomplete { .. }) => return (frames, None, true),
            Err(error) => return (frames, Some(error), false),
        }
    }
    (frames, None, false)
}

/// Reads everything; returns frames, the decode error, and whether the stream ended inside a frame.
fn read_all(
    reader: &mut Reader<impl Read>,
) -> (Vec<OwnedMessage>, Option<eventstream_core::Error>, bool) {
    let mut frames = Vec::new();
    loop {
        match reader.read_message() {
            Ok(Some(message)) => frames.push(OwnedMessage::from(message)),
            Ok(None) => return (frames, None, false),
            Err(Error::Decode(error)) => {
                assert!(
                    reader.read_message().unwrap().is_none(),
                    "a failed reader must stay finished"
                );
                return (frames, Some(error), false);
            }
            Err(Error::UnexpectedEof { .. }) => return (frames, None, true),
            Err(other) => panic!("unexpected error {other}"),
        }
    }
}

#[test]
fn every_test_file_reads_the_same_in_1_7_and_random_sized_reads_with_interruptions() {
    for (name, bytes) in testdata_files() {
        let expected = reference(&bytes);
        for sizes in [vec![1], vec![7], vec![3, 1000, 1, 64, 17, 5000, 2]] {
            let mut source = Trickle::new(&bytes, &sizes);
            source.interrupt_every = 3;
            let got = read_all(&mut Reader::new(source));
            assert_eq!(got, expected, "{name} with read sizes {sizes:?}");
        }
    }
}

#[test]
fn owned_messages_equal_the_borrowed_ones() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/smithy-rs/recorded/transcribestreaming_success.response.bin"),
    )
    .unwrap();
    let owned: Vec<OwnedMessage> = Reader::new(Trickle::new(&bytes, &[1000]))
        .map(|m| {
            let m = m.unwrap();
            assert_eq!(m.payload(), m.as_ref().payload());
            OwnedMessage::from(m.as_ref())
        })
        .collect();
    assert_eq!(owned, reference(&bytes).0);
    assert_eq!(owned.len(), 35);
}

#[test]
fn clean_eof_between_frames_is_none_and_inside_a_frame_says_what_was_missing() {
    let frame = eventstream::encode_to_vec(&[], b"0123456789").unwrap();
    let mut reader = Reader::new(&frame[..]);
    assert!(reader.read_message().unwrap().is_some());
    assert!(reader.read_message().unwrap().is_none());
    assert!(reader.read_message().unwrap().is_none());

    for cut in [1, 11, 12, 20, frame.len() - 1] {
        let mut reader = Reader::new(&frame[..cut]);
        match reader.read_message() {
            Err(Error::UnexpectedEof { buffered, needed }) => {
                assert_eq!(buffered, cut);
                assert_eq!(
                    needed,
                    if cut < 12 {
                        12 - cut
                    } else {
                        frame.len() - cut
                    }
                );
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    let io: io::Error = Error::UnexpectedEof {
        buffered: 1,
        needed: 2,
    }
    .into();
    assert_eq!(io.kind(), io::ErrorKind::UnexpectedEof);
}

#[test]
fn an_io_error_mid_frame_is_returned_and_reading_continues_when_the_source_recovers() {
    let mut stream = eventstream::encode_to_vec(&[], b"first").unwrap();
    stream.extend(eventstream::encode_to_vec(&[], b"second").unwrap());
    let mut source = Trickle::new(&stream, &[5]);
    source.fail_at = Some(25); // inside the second frame
    let mut reader = Reader::new(source);
    assert_eq!(reader.read_message().unwrap().unwrap().payload(), b"first");
    match reader.read_message() {
        Err(Error::Io(error)) => assert_eq!(error.kind(), io::ErrorKind::ConnectionReset),
        other => panic!("expected the injected fault, got {other:?}"),
    }
    assert_eq!(reader.read_message().unwrap().unwrap().payload(), b"second");
    assert!(reader.read_message().unwrap().is_none());
}

#[test]
fn a_decode_error_is_returned_once_and_then_the_reader_is_finished() {
    let mut stream = eventstream::encode_to_vec(&[], b"good").unwrap();
    let mut bad = eventstream::encode_to_vec(&[], b"bad!").unwrap();
    bad[14] ^= 1;
    stream.extend(&bad);
    stream.extend(eventstream::encode_to_vec(&[], b"never read").unwrap());
    let mut reader = Reader::new(&stream[..]);
    assert_eq!(reader.read_message().unwrap().unwrap().payload(), b"good");
    let error = reader.read_message().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Decode(eventstream_core::Error::MessageChecksum { .. })
        ),
        "{error}"
    );
    assert_eq!(
        reader.position(),
        20,
        "position points at the frame that failed"
    );
    assert!(reader.read_message().unwrap().is_none());
    let io: io::Error = error.into();
    assert_eq!(io.kind(), io::ErrorKind::InvalidData);
}

/// Accepts at most `n` bytes per write, and sometimes `Interrupted`.
struct Narrow {
    out: Vec<u8>,
    n: usize,
    calls: usize,
}

impl Write for Narrow {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls % 4 == 0 {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        let n = buf.len().min(self.n);
        self.out.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn writer_survives_partial_and_interrupted_writes() {
    let headers = [
        Header::new(":message-type", HeaderValue::String("event")),
        Header::new("n", HeaderValue::Int64(9)),
    ];
    let mut writer = Writer::new(Narrow {
        out: Vec::new(),
        n: 3,
        calls: 0,
    });
    writer
        .write_message(&headers, b"payload that spans many writes")
        .unwrap();
    writer.write_message(&[], b"").unwrap();
    writer.flush().unwrap();
    let out = writer.into_inner().out;
    let expected = [
        eventstream::encode_to_vec(&headers, b"payload that spans many writes").unwrap(),
        eventstream::encode_to_vec(&[], b"").unwrap(),
    ]
    .concat();
    assert_eq!(out, expected);
}

#[test]
fn writer_reports_a_writer_that_accepts_nothing_and_encoder_errors() {
    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Ok(0)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    match Writer::new(Full).write_message(&[], b"x") {
        Err(Error::Io(error)) => assert_eq!(error.kind(), io::ErrorKind::WriteZero),
        other => panic!("{other:?}"),
    }
    let error = Writer::new(Vec::new())
        .write_message(&[Header::new("", HeaderValue::Bool(true))], b"")
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Encode(eventstream::EncodeError::HeaderNameEmpty { index: 0 })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn anything_written_reads_back_identically_whatever_the_read_sizes(
        payloads in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..20_000), 1..6),
        sizes in proptest::collection::vec(1usize..5000, 1..6),
    ) {
        let mut writer = Writer::new(Vec::new());
        for (i, payload) in payloads.iter().enumerate() {
            writer.write_message(&[Header::new("i", HeaderValue::Int32(i as i32))], payload).unwrap();
        }
        let bytes = writer.into_inner();
        let mut reader = Reader::new(Trickle::new(&bytes, &sizes));
        for (i, payload) in payloads.iter().enumerate() {
            let message = reader.read_message().unwrap().unwrap();
            prop_assert_eq!(message.header("i"), Some(HeaderValue::Int32(i as i32)));
            prop_assert_eq!(message.payload(), &payload[..]);
        }
        prop_assert!(reader.read_message().unwrap().is_none());
    }
}

/// An HTTP error body (or a capture with its headers, or base64) fed to a
/// reader gets an error that says what it looks like, not only a checksum
/// mismatch; an event stream that is merely corrupt does not.
#[test]
fn text_instead_of_an_event_stream_is_named() {
    use eventstream::LooksLike;
    let cases: [(&[u8], LooksLike, &str); 6] = [
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\n\r\n",
            LooksLike::HttpResponse,
            "curl without -i",
        ),
        (
            b"{\"message\":\"The security token included in the request is invalid.\"}",
            LooksLike::Json,
            "HTTP status",
        ),
        (
            b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
            LooksLike::Html,
            "HTML page",
        ),
        (
            b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>",
            LooksLike::Xml,
            "XML document",
        ),
        (
            b"AAAAPQAAACCJu6aXB2NvbnRlbnQtdHlwZQcAEGFwcGxpY2F0aW9uL2pzb24=\n",
            LooksLike::Base64,
            "base64 -d",
        ),
        (b"plain words, not frames", LooksLike::Text, "text"),
    ];
    for (input, looks, advice) in cases {
        let error = Reader::new(input).read_message().unwrap_err();
        match &error {
            Error::NotEventStream { looks_like, .. } => assert_eq!(*looks_like, looks),
            other => panic!("{looks:?}: {other}"),
        }
        let message = error.to_string();
        assert!(message.contains(advice), "{message}");
        assert!(
            message.starts_with("not an event stream: it starts with \""),
            "{message}"
        );
    }
    // A corrupt frame is still a plain decode error.
    let mut frame = eventstream::encode_to_vec(&[], b"x").unwrap();
    frame[9] ^= 1;
    assert!(matches!(
        Reader::new(&frame[..]).read_message(),
        Err(Error::Decode(_))
    ));
    // Text after good frames is a decode error at its offset, not a guess.
    let mut stream = eventstream::encode_to_vec(&[], b"x").unwrap();
    stream.extend_from_slice(b"HTTP/1.1 500 oops\r\n");
    let mut reader = Reader::new(&stream[..]);
    reader.read_message().unwrap();
    assert!(matches!(reader.read_message(), Err(Error::Decode(_))));
}

/// `Error` prints its cause once: in `Display`, with no `source()` to print again.
#[test]
fn errors_print_their_cause_once() {
    use std::error::Error as _;
    let error = Reader::new(&[0u8, 0, 0, 16, 0, 0, 0, 0, 1, 2, 3, 4][..])
        .read_message()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("prelude checksum mismatch at byte 8")
    );
    assert!(error.source().is_none());
}
