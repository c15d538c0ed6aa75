//! The public API the SDK relies on, behaving as the real crate's does:
//! what `MessageFrameDecoder` consumes from a `Buf`, segmented or not, and
//! when it says `Incomplete`; what a reused decoder does after an error;
//! what the encoder refuses; the signers and the header parsing.

use aws_smithy_eventstream::error::Error;
use aws_smithy_eventstream::frame::{
    DecodedFrame, DeferredSigner, MessageFrameDecoder, NoOpSigner, SignMessage, read_message_from,
    write_headers_to, write_message_to,
};
use aws_smithy_eventstream::smithy::parse_response_headers;
use aws_smithy_types::DateTime;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::{Buf, Bytes, BytesMut};
use bytes_utils::SegmentedBuf;

fn event(payload: &[u8]) -> (Message, Vec<u8>) {
    let message = Message::new(Bytes::copy_from_slice(payload))
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("event".into()),
        ))
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String("Chunk".into()),
        ));
    let mut frame = Vec::new();
    write_message_to(&message, &mut frame).unwrap();
    (message, frame)
}

#[test]
fn the_decoder_consumes_the_prelude_at_twelve_bytes_and_the_rest_when_all_of_it_is_in() {
    let (message, frame) = event(b"hello");
    let mut decoder = MessageFrameDecoder::new();
    let mut buffer = BytesMut::from(&frame[..11]);
    assert!(matches!(
        decoder.decode_frame(&mut buffer),
        Ok(DecodedFrame::Incomplete)
    ));
    assert_eq!(
        buffer.len(),
        11,
        "nothing consumed before the prelude is in"
    );
    buffer.extend_from_slice(&frame[11..frame.len() - 1]);
    assert!(matches!(
        decoder.decode_frame(&mut buffer),
        Ok(DecodedFrame::Incomplete)
    ));
    assert_eq!(
        buffer.len(),
        frame.len() - 1 - 12,
        "the prelude is consumed, the rest waits"
    );
    buffer.extend_from_slice(&frame[frame.len() - 1..]);
    match decoder.decode_frame(&mut buffer) {
        Ok(DecodedFrame::Complete(decoded)) => assert_eq!(decoded, message),
        other => panic!("{other:?}"),
    }
    assert!(buffer.is_empty());
}

#[test]
fn a_segmented_buffer_fed_a_byte_at_a_time_gives_each_frame_once() {
    let frames: Vec<_> = [&b"one"[..], b"", &[7; 3000]]
        .iter()
        .map(|p| event(p))
        .collect();
    let stream: Vec<u8> = frames.iter().flat_map(|(_, f)| f.clone()).collect();
    for piece in [1, 2, 11, 13, 500] {
        let mut decoder = MessageFrameDecoder::new();
        let mut buffer = SegmentedBuf::new();
        let mut decoded = Vec::new();
        for chunk in stream.chunks(piece) {
            buffer.push(Bytes::copy_from_slice(chunk));
            while let DecodedFrame::Complete(message) = decoder.decode_frame(&mut buffer).unwrap() {
                decoded.push(message);
            }
        }
        let expected: Vec<_> = frames.iter().map(|(m, _)| m.clone()).collect();
        assert_eq!(decoded, expected, "pieces of {piece}");
        assert_eq!(buffer.remaining(), 0);
    }
}

#[test]
fn after_an_error_a_reused_decoder_starts_afresh_where_the_buffer_is() {
    let (first, good) = event(b"first");
    let (second, next) = event(b"second");
    // A wrong message CRC: the whole frame is consumed, as by the real crate.
    let mut bad = good.clone();
    *bad.last_mut().unwrap() ^= 1;
    let mut buffer = Bytes::from([&bad[..], &next[..]].concat());
    let mut decoder = MessageFrameDecoder::new();
    let error = decoder.decode_frame(&mut buffer).unwrap_err();
    assert!(
        error.to_string().contains("message checksum mismatch"),
        "{error}"
    );
    assert_eq!(buffer.len(), next.len());
    assert!(
        matches!(decoder.decode_frame(&mut buffer), Ok(DecodedFrame::Complete(m)) if m == second)
    );
    // A wrong prelude CRC: its 12 bytes are consumed, at once.
    let mut bad = good.clone();
    bad[9] ^= 1;
    let mut buffer = Bytes::from([&bad[..], &good[..]].concat());
    assert!(
        decoder
            .decode_frame(&mut buffer)
            .unwrap_err()
            .to_string()
            .contains("prelude")
    );
    assert_eq!(buffer.len(), bad.len() - 12 + good.len());
    buffer.advance(bad.len() - 12);
    assert!(
        matches!(decoder.decode_frame(&mut buffer), Ok(DecodedFrame::Complete(m)) if m == first)
    );
}

#[test]
fn read_message_from_reads_one_frame_and_leaves_the_rest() {
    let (first, one) = event(b"a");
    let (_, two) = event(b"b");
    let mut buffer = Bytes::from([&one[..], &two[..]].concat());
    assert_eq!(read_message_from(&mut buffer).unwrap(), first);
    assert_eq!(buffer.len(), two.len());
    let error = read_message_from(&two[..two.len() - 1]).unwrap_err();
    assert!(
        error.to_string().contains("invalid message length"),
        "{error}"
    );
    assert!(!error.is_invalid_message());
}

#[test]
fn decoded_text_and_bytes_share_the_input_when_it_is_bytes() {
    let message = Message::new(&b"payload"[..]).add_header(Header::new(
        "custom-name",
        HeaderValue::ByteArray(Bytes::from_static(b"\x01\x02")),
    ));
    let mut frame = Vec::new();
    write_message_to(&message, &mut frame).unwrap();
    let input = Bytes::from(frame);
    let range = input.as_ptr() as usize..input.as_ptr() as usize + input.len();
    let decoded = read_message_from(input.clone()).unwrap();
    let inside = |bytes: &Bytes| range.contains(&(bytes.as_ptr() as usize));
    assert!(inside(decoded.payload()));
    assert!(inside(decoded.headers()[0].name().as_bytes()));
    assert!(inside(
        decoded.headers()[0].value().as_byte_array().unwrap()
    ));
}

#[test]
fn the_encoder_refuses_what_the_format_cannot_carry() {
    let too_long_name =
        Message::new(&b""[..]).add_header(Header::new("n".repeat(256), HeaderValue::Bool(true)));
    let too_long_value = Message::new(&b""[..]).add_header(Header::new(
        "v",
        HeaderValue::String("x".repeat(32768).into()),
    ));
    let far_future = Message::new(&b""[..]).add_header(Header::new(
        "t",
        HeaderValue::Timestamp(DateTime::from_secs(i64::MAX)),
    ));
    for message in [too_long_name, too_long_value, far_future] {
        let mut out = Vec::new();
        let error: Error = write_message_to(&message, &mut out).unwrap_err();
        assert!(error.is_invalid_message(), "{error}");
        assert!(out.is_empty(), "nothing written");
        assert!(write_headers_to(message.headers(), &mut out).is_err());
        assert!(out.is_empty());
    }
    // The longest value the format allows still encodes, and decodes as one header.
    let longest = Message::new(&b""[..]).add_header(Header::new(
        "v",
        HeaderValue::String("x".repeat(32767).into()),
    ));
    let mut out = Vec::new();
    write_message_to(&longest, &mut out).unwrap();
    assert_eq!(read_message_from(&out[..]).unwrap(), longest);
}

#[test]
fn a_deferred_signer_signs_with_what_it_was_sent_or_passes_through() {
    #[derive(Debug)]
    struct Counting(i32);
    impl SignMessage for Counting {
        fn sign(
            &mut self,
            message: Message,
        ) -> Result<Message, aws_smithy_types::event_stream::SignMessageError> {
            self.0 += 1;
            Ok(message.add_header(Header::new("n", HeaderValue::Int32(self.0))))
        }
        fn sign_empty(
            &mut self,
        ) -> Option<Result<Message, aws_smithy_types::event_stream::SignMessageError>> {
            None
        }
    }
    let (mut signer, sender) = DeferredSigner::new();
    sender
        .send(Box::new(Counting(0)) as Box<dyn SignMessage + Send + Sync>)
        .unwrap();
    for n in 1..=2 {
        let signed = signer.sign(Message::new(&b""[..])).unwrap();
        assert_eq!(signed.headers()[0].value().as_int32(), Ok(n));
    }
    let (mut unsent, _sender) = DeferredSigner::new();
    assert_eq!(
        unsent.sign(Message::new(&b"x"[..])).unwrap(),
        Message::new(&b"x"[..])
    );
    assert!(unsent.sign_empty().is_none() && NoOpSigner {}.sign_empty().is_none());
}

#[test]
fn response_headers_say_what_is_missing_or_of_the_wrong_type() {
    let base = || {
        Message::new(&b""[..]).add_header(Header::new(
            ":message-type",
            HeaderValue::String("exception".into()),
        ))
    };
    let error = parse_response_headers(&base()).unwrap_err().to_string();
    assert_eq!(
        error,
        "failed to unmarshall message: expected response to include :exception-type header, but it was missing"
    );
    let wrong = base()
        .add_header(Header::new(
            ":exception-type",
            HeaderValue::String("Throttled".into()),
        ))
        .add_header(Header::new(":content-type", HeaderValue::Int32(16)));
    assert_eq!(
        parse_response_headers(&wrong).unwrap_err().to_string(),
        "failed to unmarshall message: expected response :content-type header to be string, received Int32(16)"
    );
    let error_frame = Message::new(&b""[..]).add_header(Header::new(
        ":message-type",
        HeaderValue::String("error".into()),
    ));
    assert!(
        parse_response_headers(&error_frame)
            .unwrap_err()
            .to_string()
            .contains("unrecognized")
    );
}
