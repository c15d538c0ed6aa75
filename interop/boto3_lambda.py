#!/usr/bin/env python3
"""Interop with the seed's own client: boto3's `invoke_with_response_stream`
against every stream in testdata/lambda/, served by a local HTTP server on
127.0.0.1, must yield exactly the expected events (the same expectation our
typed reader is tested against in codec-std/tests/lambda_streams.rs).

Where botocore is known to differ from our reader, the test pins botocore's
behaviour and says so:
- it skips event types its model does not know (we yield them as Unknown);
- it ends silently when the connection drops inside a frame (we report
  UnexpectedEof);
- it raises EventStreamError for an `exception` frame but with an empty code
  and message, because botocore only types exceptions that the event-stream
  shape lists as members (parsers.py, BaseEventStreamParser._do_error_parse)
  and Lambda's InvokeWithResponseStreamResponseEvent lists none (we report
  the `:exception-type` and the body's message).

Usage: python3 interop/boto3_lambda.py   (needs boto3; .ci/run installs it)
"""

import base64
import http.server
import json
import pathlib
import sys
import threading

import boto3
from botocore.config import Config
from botocore.exceptions import EventStreamError

TESTDATA = pathlib.Path(__file__).resolve().parent.parent / "testdata" / "lambda"
PREFIX = "/2021-11-15/functions/"
SUFFIX = "/response-streaming-invocations"


class LambdaStreamHandler(http.server.BaseHTTPRequestHandler):
    """Answers InvokeWithResponseStream with testdata/lambda/<FunctionName>.bin, chunked."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        path = self.path.split("?")[0]
        name = path[len(PREFIX):-len(SUFFIX)] if path.startswith(PREFIX) and path.endswith(SUFFIX) else ""
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        stream = TESTDATA / f"{name}.bin"
        if not name or not stream.is_file():
            body = json.dumps({"Type": "User", "message": f"Function not found: {name}"}).encode()
            self.send_response(404)
            self.send_header("x-amzn-ErrorType", "ResourceNotFoundException")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        data = stream.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream")
        self.send_header("X-Amz-Executed-Version", "$LATEST")
        self.send_header("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        # 100-byte HTTP chunks: frames straddle chunk boundaries, as on a real network.
        for start in range(0, len(data), 100):
            piece = data[start:start + 100]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A client closing a kept-alive connection is not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def normalise(event):
    """A boto3 event in the expectation files' shape."""
    if "PayloadChunk" in event:
        return {"PayloadChunk": {"Payload": base64.b64encode(event["PayloadChunk"]["Payload"]).decode()}}
    if "InvokeComplete" in event:
        return {"InvokeComplete": {k: v for k, v in event["InvokeComplete"].items() if v is not None}}
    return {"Other": sorted(event)}


def boto3_view(expected):
    """What boto3 should yield for an expectation: unknown event types skipped,
    a truncated last frame dropped silently (botocore's documented behaviour)."""
    events = [e for e in expected["events"] if "Unknown" not in e]
    end = expected["end"]
    if end["kind"] == "truncated":
        end = {"kind": "complete"}
    if end["kind"] == "exception":
        end = {"kind": "exception", "type": "", "message": ""}
    return events, end


def main():
    server = QuietServer(("127.0.0.1", 0), LambdaStreamHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = boto3.client(
        "lambda",
        region_name="us-east-1",
        endpoint_url=f"http://127.0.0.1:{server.server_address[1]}",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=5),
    )
    passed = failed = 0
    for expectation in sorted(TESTDATA.glob("*.json")):
        name = expectation.stem
        expected = json.loads(expectation.read_text())
        want_events, want_end = boto3_view(expected)
        response = client.invoke_with_response_stream(FunctionName=name, Payload=b"{}")
        got_events, got_end = [], {"kind": "complete"}
        try:
            for event in response["EventStream"]:
                got_events.append(normalise(event))
        except EventStreamError as error:
            code = error.response["Error"]["Code"]
            message = error.response["Error"]["Message"]
            kind = "exception" if want_end.get("kind") == "exception" else "error"
            key = "type" if kind == "exception" else "code"
            got_end = {"kind": kind, key: code, "message": message}
        ok = (got_events, got_end) == (want_events, want_end) and response["StatusCode"] == 200
        ok = ok and response.get("ExecutedVersion") == "$LATEST"
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {len(got_events)} events, end {got_end['kind']}")
        if not ok:
            print(f"     expected {want_events} / {want_end}\n     boto3 gave {got_events} / {got_end}")
        passed, failed = passed + ok, failed + (not ok)

    try:
        client.invoke_with_response_stream(FunctionName="no-such-function")
        print("FAIL no-such-function: no error raised")
        failed += 1
    except client.exceptions.ResourceNotFoundException:
        print("ok   no-such-function: ResourceNotFoundException")
        passed += 1
    client.close()
    server.shutdown()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
