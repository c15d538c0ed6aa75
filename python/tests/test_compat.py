"""Our EventStreamBuffer against botocore's: the same messages from every
stream in testdata/, fed whole and one byte at a time, and the same
exception classes for the same faults."""

import random
import struct
import zlib

import pytest

import botocore.eventstream as bes

import eventstream
from conftest import BOTOCORE_BUFFER, TESTDATA, stream_files


def drain(buffer_class, chunks):
    """Messages as (prelude, headers, payload, crc), then the error, if any."""
    buffer = buffer_class()
    messages = []
    try:
        for chunk in chunks:
            buffer.add_data(chunk)
            for message in buffer:
                prelude = message.prelude
                messages.append(
                    (
                        (prelude.total_length, prelude.headers_length, prelude.crc,
                         prelude.payload_length, prelude.headers_end, prelude.payload_end),
                        message.headers,
                        message.payload,
                        message.crc,
                        message.to_response_dict(),
                    )
                )
    except Exception as error:  # the class and message are compared
        return messages, (type(error), str(error))
    return messages, None


def whole(data):
    return [data]


def bytewise(data):
    return [data[i : i + 1] for i in range(len(data))]


@pytest.mark.parametrize("path", stream_files(), ids=lambda p: p.name)
@pytest.mark.parametrize("feed", [whole, bytewise])
def test_every_testdata_stream_decodes_as_botocore_decodes_it(path, feed):
    data = path.read_bytes()
    if path.name == "truncated.bin":
        data = data  # ends inside a frame: both keep waiting for the rest
    ours = drain(eventstream.EventStreamBuffer, feed(data))
    theirs = drain(BOTOCORE_BUFFER, feed(data))
    assert ours == theirs
    assert ours[0], "no messages"


@pytest.mark.parametrize("path", sorted((TESTDATA / "encoded" / "negative").iterdir()), ids=lambda p: p.name)
def test_negative_vectors_raise_botocores_classes(path):
    data = path.read_bytes()
    ours = drain(eventstream.EventStreamBuffer, [data])
    theirs = drain(BOTOCORE_BUFFER, [data])
    assert ours == theirs


def frame(headers, payload, total_length=None, headers_length=None):
    """A frame with given fields; lengths may lie, CRCs are always right."""
    total = total_length if total_length is not None else 16 + len(headers) + len(payload)
    hlen = headers_length if headers_length is not None else len(headers)
    prelude = struct.pack("!II", total, hlen)
    prelude += struct.pack("!I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack("!I", zlib.crc32(body))


def test_botocore_order_and_limits():
    # Duplicate names: botocore refuses them (the Rust API keeps the first).
    duplicate = frame(b"\x04test\x04asdf" * 2, b"")
    assert drain(eventstream.EventStreamBuffer, [duplicate]) == drain(BOTOCORE_BUFFER, [duplicate])
    with pytest.raises(bes.DuplicateHeader):
        list(_buffer(duplicate))
    # A declared payload over 24 MiB fails at the prelude, nothing buffered for it.
    huge = frame(b"", b"", total_length=16 + 24 * 1024 * 1024 + 1)[:12]
    with pytest.raises(bes.InvalidPayloadLength):
        list(_buffer(huge))
    # Headers over 128 KiB, as botocore says it, even when they cannot fit the frame.
    wide = frame(b"", b"x" * 40, headers_length=0xFF000102)[:12]
    with pytest.raises(bes.InvalidHeadersLength):
        list(_buffer(wide))
    # The prelude CRC is botocore's first check.
    bad = bytearray(frame(b"", b"x"))
    bad[8] ^= 1
    with pytest.raises(bes.ChecksumMismatch):
        list(_buffer(bytes(bad)))
    # The message CRC comes before the headers: a frame with both wrong is a checksum error.
    both = bytearray(frame(b"\x00\x07\x00\x01x", b""))
    both[-1] ^= 1
    assert drain(eventstream.EventStreamBuffer, [bytes(both)]) == drain(BOTOCORE_BUFFER, [bytes(both)])


def _buffer(data):
    buffer = eventstream.EventStreamBuffer()
    buffer.add_data(data)
    return buffer


def test_install_is_idempotent_and_uninstall_restores():
    assert not eventstream.installed()
    assert eventstream.install() and eventstream.install()
    assert bes.EventStreamBuffer is eventstream.EventStreamBuffer
    eventstream.uninstall()
    eventstream.uninstall()
    assert bes.EventStreamBuffer is BOTOCORE_BUFFER


def test_random_bytes_raise_parser_errors_never_panics():
    rng = random.Random(20261125)
    seeds = [p.read_bytes() for p in stream_files()]
    for case in range(3000):
        data = bytearray(rng.choice(seeds)[: rng.randrange(1, 400)])
        for _ in range(rng.randrange(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if case % 3 == 0:
            data = bytearray(rng.randbytes(rng.randrange(1, 64)))
        for buffer_class in (eventstream.EventStreamBuffer, eventstream.Decoder):
            try:
                if buffer_class is eventstream.Decoder:
                    decoder = eventstream.Decoder()
                    decoder.feed(bytes(data))
                    decoder.finish()
                else:
                    list(_buffer(bytes(data)))
            except (bes.ParserError, eventstream.DecodeError, UnicodeDecodeError):
                pass


def test_without_botocore_the_same_exception_classes_come_from_this_package():
    import subprocess
    import sys

    program = """
import sys
sys.modules["botocore"] = None  # as if botocore were not installed
import eventstream
assert eventstream.install() is False
buffer = eventstream.EventStreamBuffer()
buffer.add_data(b"\\x00\\x00\\x00\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00" + bytes(4))
try:
    next(buffer)
except Exception as error:
    print(type(error).__module__, type(error).__name__, error)
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("eventstream._errors ChecksumMismatch Checksum mismatch: expected 0x00000000"), result.stdout
