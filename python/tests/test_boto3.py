"""boto3's invoke_with_response_stream against `eventstream serve`, with
botocore's buffer and with ours installed: the same events, an
InvokeComplete with ErrorCode and LogResult included."""

import os
import subprocess

import boto3
import pytest
from botocore.config import Config

import botocore.eventstream
import eventstream
from conftest import ROOT

BINARY = os.environ.get("EVENTSTREAM_BIN", str(ROOT / "target" / "release" / "eventstream"))


@pytest.fixture(scope="module")
def endpoint():
    if not os.path.exists(BINARY):
        pytest.fail(f"{BINARY} is not built: cargo build --release, or set EVENTSTREAM_BIN")
    server = subprocess.Popen(
        [
            BINARY, "serve", "--listen", "127.0.0.1:0",
            "--function", "chunks=for i in 1 2 3; do printf \"part $i;\"; sleep 0.05; done",
            "--function", "fail=printf partial; echo 'log: it broke' >&2; exit 3",
            "--function", "echo=cat",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    url = server.stdout.readline().strip()
    yield url
    server.terminate()
    server.wait(timeout=10)


def events(url, **kwargs):
    client = boto3.client(
        "lambda",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        config=Config(retries={"max_attempts": 0}),
    )
    return list(client.invoke_with_response_stream(**kwargs)["EventStream"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"FunctionName": "chunks"},
        {"FunctionName": "echo", "Payload": b'{"hello": "world"}'},
        {"FunctionName": "fail", "LogType": "Tail"},
    ],
    ids=["chunks", "echo", "function-error-with-log"],
)
def test_the_same_events_with_and_without_install(endpoint, kwargs):
    assert botocore.eventstream.EventStreamBuffer is not eventstream.EventStreamBuffer
    theirs = events(endpoint, **kwargs)
    eventstream.install()
    assert botocore.eventstream.EventStreamBuffer is eventstream.EventStreamBuffer
    ours = events(endpoint, **kwargs)
    assert ours == theirs
    assert "InvokeComplete" in ours[-1]
    if kwargs["FunctionName"] == "fail":
        complete = ours[-1]["InvokeComplete"]
        assert complete["ErrorCode"] == "Unhandled"
        assert "LogResult" in complete
