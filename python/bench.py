"""Speed of the event-stream decoders for Python, in one process: botocore's
EventStreamBuffer, ours (botocore-compatible), and the native Decoder, fed
the way botocore's EventStream feeds a body (64 KiB chunks, draining the
buffer after each). Prints time per frame and the ratios; not a test.

Usage: python python/bench.py [--quick]"""

import sys
import time

import botocore.eventstream

import eventstream

CHUNK = 64 * 1024
HEADERS = {
    ":message-type": "event",
    ":event-type": "PayloadChunk",
    ":content-type": "application/octet-stream",
}


def body(payload_size, total_bytes):
    frame = eventstream.encode(HEADERS, b"x" * payload_size)
    count = max(1, total_bytes // len(frame))
    return frame * count, count


def buffer_run(buffer_class, data):
    buffer = buffer_class()
    frames = 0
    for at in range(0, len(data), CHUNK):
        buffer.add_data(data[at : at + CHUNK])
        for message in buffer:
            frames += 1
            message.headers, message.payload
    return frames


def native_run(data, view=False):
    decoder = eventstream.Decoder()
    frames = 0
    for at in range(0, len(data), CHUNK):
        for message in decoder.feed(data[at : at + CHUNK]):
            frames += 1
            message.headers, message.payload_view() if view else message.payload
    decoder.finish()
    return frames


def best(run, data, repeats):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run(data)
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    quick = "--quick" in sys.argv
    repeats = 3 if quick else 7
    botocore_buffer = botocore.eventstream.EventStreamBuffer
    assert botocore_buffer is not eventstream.EventStreamBuffer
    print(f"{'workload':<16}{'decoder':<36}{'per frame':>12}{'vs botocore':>14}")
    for label, payload, total in (("small 32 B", 32, 4 << 20), ("64 KiB", 64 * 1024, 32 << 20)):
        data, count = body(payload, total // (4 if quick else 1))
        assert buffer_run(botocore_buffer, data) == buffer_run(eventstream.EventStreamBuffer, data) == native_run(data) == count
        reference = best(lambda d: buffer_run(botocore_buffer, d), data, repeats)
        for name, run in (
            ("botocore EventStreamBuffer", lambda d: buffer_run(botocore_buffer, d)),
            ("eventstream EventStreamBuffer", lambda d: buffer_run(eventstream.EventStreamBuffer, d)),
            ("eventstream Decoder .payload", native_run),
            ("eventstream Decoder .payload_view()", lambda d: native_run(d, view=True)),
        ):
            seconds = reference if name.startswith("botocore") else best(run, data, repeats)
            print(
                f"{label:<16}{name:<36}{seconds / count * 1e6:>10.2f} us{reference / seconds:>13.1f}x"
            )


if __name__ == "__main__":
    main()
