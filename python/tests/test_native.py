"""The native API: a decoder fed bytes, zero-copy payload views, encode,
Lambda's typed events, and bad input reported, never a panic."""

import pytest

import eventstream
from conftest import TESTDATA, stream_files


def test_feed_in_any_pieces_gives_the_frames_and_finish_checks_the_end():
    data = (TESTDATA / "smithy-rs" / "recorded" / "transcribestreaming_success.response.bin").read_bytes()
    whole = eventstream.Decoder().feed(data)
    assert len(whole) > 10
    for size in (1, 7, 1000):
        decoder = eventstream.Decoder()
        pieces = []
        for at in range(0, len(data), size):
            pieces += decoder.feed(data[at : at + size])
        decoder.finish()
        assert [(m.headers, m.payload) for m in pieces] == [(m.headers, m.payload) for m in whole]


def test_a_truncated_stream_is_reported():
    data = (TESTDATA / "lambda" / "truncated.bin").read_bytes()
    decoder = eventstream.Decoder()
    decoder.feed(data)
    assert decoder.buffered > 0
    with pytest.raises(eventstream.TruncatedError, match="ended inside a frame"):
        decoder.finish()


def test_a_hostile_length_fails_at_twelve_bytes_without_buffering():
    prelude = bytes.fromhex("fffffff000000000") + (0xBA0F4E05).to_bytes(4, "big")
    decoder = eventstream.Decoder()
    with pytest.raises(eventstream.DecodeError, match="prelude checksum|exceeds the limit"):
        decoder.feed(prelude)
    import struct, zlib
    head = struct.pack("!II", 0xFFFFFFF0, 0)
    valid_crc = head + struct.pack("!I", zlib.crc32(head))
    with pytest.raises(eventstream.DecodeError, match="exceeds the limit"):
        eventstream.Decoder().feed(valid_crc)


def test_payload_views_are_slices_of_the_bytes_fed():
    frame = eventstream.encode({":event-type": "chunk"}, b"zero copy")
    chunk = frame + frame
    messages = eventstream.Decoder().feed(chunk)
    view = messages[1].payload_view()
    assert view.obj is chunk
    assert bytes(view) == b"zero copy" and messages[1].payload == b"zero copy"


def test_encode_round_trips_every_header_type():
    headers = {
        "t": True,
        "f": False,
        "byte": ("byte", -3),
        "short": ("short", 300),
        "integer": ("integer", 70000),
        "long": 1 << 40,
        "bytes": b"\x00\x01",
        "string": "héllo",
        "timestamp": ("timestamp", 1_700_000_000_000),
        "uuid": ("uuid", bytes(range(16))),
    }
    frame = eventstream.encode(headers, b"payload")
    (message,) = eventstream.Decoder().feed(frame)
    assert message.headers == {
        "t": True, "f": False, "byte": -3, "short": 300, "integer": 70000, "long": 1 << 40,
        "bytes": b"\x00\x01", "string": "héllo", "timestamp": 1_700_000_000_000,
        "uuid": bytes(range(16)),
    }
    assert message.frame_bytes == frame and len(message) == len(frame)
    with pytest.raises(TypeError):
        eventstream.encode({"x": 1.5}, b"")
    with pytest.raises(ValueError):
        eventstream.encode({"": True}, b"")


def test_errors_name_their_own_module_and_encode_names_the_types():
    for error in (eventstream.DecodeError, eventstream.TruncatedError, eventstream.ServiceError):
        assert error.__module__ == "eventstream", error
    with pytest.raises(eventstream.DecodeError) as caught:
        eventstream.Decoder().feed(b"\x00\x00\x00\x10" + bytes(12))
    assert caught.type.__module__ == "eventstream"
    with pytest.raises(ValueError, match='unknown header type "int16": one of boolean, byte, short, integer, long, byte_array, string, timestamp, uuid'):
        eventstream.encode({"a": ("int16", 1)}, b"")
    named = {"b": ("boolean", False), "s": ("string", "x"), "a": ("byte_array", b"\x01"), "i": ("integer", 7)}
    [message] = eventstream.Decoder().feed(eventstream.encode(named, b""))
    assert message.headers == {"b": False, "s": "x", "a": b"\x01", "i": 7}
    for name in ("bool", "str", "bytes", '"byte"', '"short"', '"integer"', '"long"', '"timestamp"', '"uuid"'):
        assert name in eventstream.encode.__doc__, name


def test_lambda_typed_events():
    data = (TESTDATA / "lambda" / "function_error.bin").read_bytes()
    events = [eventstream.lambda_event(m) for m in eventstream.Decoder().feed(data)]
    assert isinstance(events[0], eventstream.PayloadChunk)
    done = events[-1]
    assert isinstance(done, eventstream.InvokeComplete)
    assert done.error_code == "Unhandled" and done.log_result
    exception = (TESTDATA / "lambda" / "exception_mid_stream.bin").read_bytes()
    messages = eventstream.Decoder().feed(exception)
    with pytest.raises(eventstream.ServiceError, match="ServiceException") as raised:
        [eventstream.lambda_event(m) for m in messages]
    assert messages[-1].kind() == ("exception", "ServiceException")
    assert raised.value.exception_type == "ServiceException"
    assert raised.value.error_code is None
    assert raised.value.message == "Lambda was unable to complete the stream"
    assert raised.value.payload == messages[-1].payload


def test_lambda_error_frames_carry_their_code_and_message():
    data = (TESTDATA / "lambda" / "error_mid_stream.bin").read_bytes()
    messages = eventstream.Decoder().feed(data)
    with pytest.raises(eventstream.ServiceError, match="InternalFailure") as raised:
        [eventstream.lambda_event(m) for m in messages]
    assert raised.value.exception_type is None
    assert raised.value.error_code == "InternalFailure"
    assert raised.value.message == "An internal error occurred"
    assert raised.value.payload == b""


@pytest.mark.parametrize("path", stream_files(), ids=lambda p: p.name)
def test_native_and_botocore_compatible_agree(path):
    data = path.read_bytes()
    buffer = eventstream.EventStreamBuffer()
    buffer.add_data(data)
    compatible = [(m.headers, m.payload) for m in buffer]
    native = [(m.headers, m.payload) for m in eventstream.Decoder().feed(data)]
    assert native == compatible
