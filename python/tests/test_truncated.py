"""A response body that ends inside a frame, as boto3 sees it: Lambda,
Bedrock and S3 Select clients against a local server that cuts the body
under three HTTP framings. With `eventstream.install()` the loop over the
EventStream gives every event before the cut, then raises TruncatedError;
botocore, and `install(truncated="ignore")`, end there in silence."""

import base64
import contextlib
import json
import socket
import socketserver
import threading

import boto3
import pytest
import urllib3.exceptions
from botocore.config import Config

import botocore.eventstream
import eventstream

LAMBDA_HEADERS = {":message-type": "event", ":event-type": "PayloadChunk",
                  ":content-type": "application/octet-stream"}


def lambda_body():
    frames = [eventstream.encode(LAMBDA_HEADERS, f"part {i};".encode()) for i in range(4)]
    done = {":message-type": "event", ":event-type": "InvokeComplete",
            ":content-type": "application/json"}
    return frames + [eventstream.encode(done, b"{}")]


def bedrock_body():
    headers = {":message-type": "event", ":event-type": "chunk", ":content-type": "application/json"}
    return [
        eventstream.encode(headers, json.dumps({"bytes": base64.b64encode(b'{"n": %d}' % i).decode()}).encode())
        for i in range(5)
    ]


def s3_select_body():
    records = {":message-type": "event", ":event-type": "Records",
               ":content-type": "application/octet-stream"}
    end = {":message-type": "event", ":event-type": "End"}
    return [eventstream.encode(records, b"row,%d\n" % i) for i in range(4)] + [eventstream.encode(end, b"")]


SERVICES = {
    "lambda": (lambda_body, {"Content-Type": "application/vnd.amazon.eventstream"}),
    "bedrock": (bedrock_body, {"Content-Type": "application/vnd.amazon.eventstream",
                               "X-Amzn-Bedrock-Content-Type": "application/json"}),
    "s3-select": (s3_select_body, {"Content-Type": "application/octet-stream"}),
}


class Server(socketserver.ThreadingTCPServer):
    """Answers every request with `self.body` under `self.framing`, cut
    `self.cut` bytes into the body (None: the whole body)."""

    daemon_threads = True
    allow_reuse_address = True
    body = b""
    headers = {}
    framing = "close"
    cut = None


class Handler(socketserver.StreamRequestHandler):
    timeout = 10

    def handle(self):
        length = 0
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        self.rfile.read(length)
        server = self.server
        body = server.body if server.cut is None else server.body[: server.cut]
        head = ["HTTP/1.1 200 OK", *(f"{k}: {v}" for k, v in server.headers.items())]
        if server.framing == "close":
            head.append("Connection: close")
            wire = body
        elif server.framing == "short-length":
            head.append(f"Content-Length: {len(server.body)}")
            wire = body
        else:  # chunked, without the last (empty) chunk when cut
            head.append("Transfer-Encoding: chunked")
            wire = b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + 40]), body[i : i + 40])
                            for i in range(0, len(body), 40))
            if server.cut is None:
                wire += b"0\r\n\r\n"
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + wire)
        self.wfile.flush()
        self.request.shutdown(socket.SHUT_WR)


@pytest.fixture(scope="module")
def server():
    with Server(("127.0.0.1", 0), Handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server
        server.shutdown()


def client(service, url):
    config = Config(retries={"max_attempts": 0}, read_timeout=10, s3={"addressing_style": "path"})
    name = {"lambda": "lambda", "bedrock": "bedrock-runtime", "s3-select": "s3"}[service]
    return boto3.client(name, endpoint_url=url, region_name="us-east-1", aws_access_key_id="x",
                        aws_secret_access_key="x", config=config)


def event_stream(service, url):
    c = client(service, url)
    if service == "lambda":
        return c.invoke_with_response_stream(FunctionName="f")["EventStream"]
    if service == "bedrock":
        return c.invoke_model_with_response_stream(modelId="m", body=b"{}")["body"]
    return c.select_object_content(
        Bucket="b", Key="k", Expression="select * from s3object", ExpressionType="SQL",
        InputSerialization={"CSV": {}}, OutputSerialization={"CSV": {}})["Payload"]


def serve(server, service, framing, cut_frames):
    """Serves the service's body cut 9 bytes into frame `cut_frames`
    (None: whole); returns the body's frames and the cut offset."""
    make, headers = SERVICES[service]
    frames = make()
    server.body, server.headers, server.framing = b"".join(frames), headers, framing
    server.cut = None if cut_frames is None else len(b"".join(frames[:cut_frames])) + 9
    return frames, server.cut


def url(server):
    return "http://%s:%d" % server.server_address


def drain(stream):
    events = []
    try:
        for event in stream:
            events.append(event)
    except Exception as error:  # compared by class below
        return events, error
    return events, None


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("framing", ["close", "short-length"])
def test_a_body_cut_inside_a_frame_raises_after_the_events_before_it(server, service, framing):
    frames, cut = serve(server, service, framing, 3)
    theirs, theirs_error = drain(event_stream(service, url(server)))
    assert len(theirs) == 3 and theirs_error is None, "botocore ends in silence"

    assert eventstream.install()
    ours, error = drain(event_stream(service, url(server)))
    assert ours == theirs
    assert isinstance(error, eventstream.TruncatedError)
    assert isinstance(error, eventstream.DecodeError)
    assert isinstance(error, botocore.eventstream.ParserError)
    assert str(error) == (
        f"the stream ended inside a frame: 9 bytes of it at byte {cut - 9} of the stream"
    )

    eventstream.install(truncated="ignore")
    assert drain(event_stream(service, url(server))) == (theirs, None)
    eventstream.uninstall()
    assert drain(event_stream(service, url(server))) == (theirs, None)


@pytest.mark.parametrize("service", SERVICES)
def test_chunked_transfer_without_its_last_chunk_is_the_http_layers_error(server, service):
    serve(server, service, "chunked", 3)
    theirs, theirs_error = drain(event_stream(service, url(server)))
    eventstream.install()
    ours, error = drain(event_stream(service, url(server)))
    assert ours == theirs and len(ours) == 3
    assert isinstance(theirs_error, urllib3.exceptions.ProtocolError)
    assert type(error) is type(theirs_error)


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("framing", ["close", "short-length", "chunked"])
def test_a_whole_body_ends_cleanly_installed_or_not(server, service, framing):
    frames, _ = serve(server, service, framing, None)
    theirs = drain(event_stream(service, url(server)))
    eventstream.install()
    assert drain(event_stream(service, url(server))) == theirs
    assert theirs[1] is None and len(theirs[0]) == len(frames)


def test_a_cut_between_frames_is_a_clean_end(server):
    frames, _ = serve(server, "lambda", "close", None)
    server.cut = len(b"".join(frames[:2]))
    eventstream.install()
    events, error = drain(event_stream("lambda", url(server)))
    assert len(events) == 2 and error is None


def test_get_initial_response_and_closing_raise_it_too(server):
    serve(server, "lambda", "close", 0)
    eventstream.install()
    with pytest.raises(eventstream.TruncatedError, match="9 bytes of it at byte 0"):
        event_stream("lambda", url(server)).get_initial_response()
    serve(server, "bedrock", "short-length", 2)
    with contextlib.closing(event_stream("bedrock", url(server))) as stream:
        with pytest.raises(botocore.eventstream.ParserError, match="ended inside a frame"):
            for _ in stream:
                pass


def test_uninstall_restores_botocore_exactly():
    original = (botocore.eventstream.EventStreamBuffer,
                botocore.eventstream.EventStream._create_raw_event_generator)
    eventstream.install()
    eventstream.install(truncated="ignore")
    eventstream.install()
    eventstream.uninstall()
    assert (botocore.eventstream.EventStreamBuffer,
            botocore.eventstream.EventStream._create_raw_event_generator) == original
    with pytest.raises(ValueError, match="truncated must be one of"):
        eventstream.install(truncated="warn")
    assert not eventstream.installed()


def test_the_native_decoder_raises_the_same_class():
    decoder = eventstream.Decoder()
    decoder.feed(eventstream.encode(LAMBDA_HEADERS, b"x")[:5])
    with pytest.raises(eventstream.TruncatedError) as caught:
        decoder.finish()
    assert isinstance(caught.value, botocore.eventstream.ParserError)
    assert str(caught.value) == "the stream ended inside a frame: 5 bytes of it at byte 0 of the stream"
