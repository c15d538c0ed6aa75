#!/usr/bin/env python3
"""boto3 against `eventstream serve`: the local InvokeWithResponseStream
endpoint must be accepted by AWS's own Python client, stream as the function
writes, map every error as Lambda does, reap functions whose client went
away, and carry 100 concurrent 1 MiB streams intact.

Usage: python3 interop/boto3_serve.py path/to/eventstream
"""

import base64
import concurrent.futures
import hashlib
import json
import socket
import subprocess
import sys
import time

import boto3
from botocore.config import Config

MIB = 1024 * 1024
FUNCTIONS = {
    "echo": "cat",
    "slow": "printf 'first '; sleep 1; printf 'second'",
    "fail": "printf 'partial'; echo 'something broke' >&2; exit 3",
    "logs": "echo 'START RequestId: test' >&2; echo 'log line' >&2; printf done",
    "mib": "yes 0123456789abcdef | head -c %d" % MIB,
    "linger": "printf 'x'; exec sleep 37",
    "flood": "exec head -c 50000000 /dev/zero",
}

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def client(url, **config):
    return boto3.client(
        "lambda",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 0}, read_timeout=60, **config),
    )


def collect(response):
    chunks, complete = [], None
    for event in response["EventStream"]:
        if "PayloadChunk" in event:
            chunks.append((time.monotonic(), event["PayloadChunk"]["Payload"]))
        elif "InvokeComplete" in event:
            complete = event["InvokeComplete"]
    return chunks, complete


def expect_error(lam, code, **kwargs):
    try:
        lam.invoke_with_response_stream(**kwargs)
        return False, "no error"
    except lam.exceptions.ClientError as error:
        got = error.response["Error"]["Code"]
        return got == code, f"got {got}: {error}"


def start(binary, *extra):
    args = [binary, "serve", "--listen", "127.0.0.1:0", *extra]
    for name, command in FUNCTIONS.items():
        args += ["--function", f"{name}={command}"]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()  # the first line is the URL alone
    return server, url


def main(binary):
    server, url = start(binary, "--max-concurrency", "100")
    try:
        lam = client(url)
        started = time.monotonic()
        response = lam.invoke_with_response_stream(FunctionName="slow")
        chunks, complete = collect(response)
        text = b"".join(c for _, c in chunks)
        early = chunks and chunks[0][0] - started < 0.8 and chunks[-1][0] - chunks[0][0] > 0.5
        check("chunks arrive in order, before the function exits", text == b"first second" and early and complete == {}, f"{chunks} {complete}")
        check("status, version and content type", (response["StatusCode"], response["ExecutedVersion"], response["ResponseStreamContentType"]) == (200, "$LATEST", "application/vnd.amazon.eventstream"))

        payload = json.dumps({"hello": "world", "n": [1, 2, 3]}).encode()
        chunks, _ = collect(lam.invoke_with_response_stream(FunctionName="echo", Payload=payload))
        check("the payload reaches the function on stdin", b"".join(c for _, c in chunks) == payload)

        _, complete = collect(lam.invoke_with_response_stream(FunctionName="logs", LogType="Tail"))
        log = base64.b64decode(complete.get("LogResult", ""))
        check("LogType Tail gives LogResult", b"log line" in log and "ErrorCode" not in complete, f"{complete}")

        chunks, complete = collect(lam.invoke_with_response_stream(FunctionName="fail"))
        check("a failing function gives ErrorCode and ErrorDetails", complete.get("ErrorCode") == "Unhandled" and "something broke" in complete.get("ErrorDetails", "") and b"".join(c for _, c in chunks) == b"partial", f"{complete}")

        dry = lam.invoke_with_response_stream(FunctionName="echo", InvocationType="DryRun")
        check("DryRun gives StatusCode 204", dry["StatusCode"] == 204)

        versioned = lam.invoke_with_response_stream(FunctionName="echo", Qualifier="v7", Payload=b"{}")
        collect(versioned)
        check("a qualifier comes back as ExecutedVersion", versioned["ExecutedVersion"] == "v7")
        arn = lam.invoke_with_response_stream(FunctionName="arn:aws:lambda:us-east-1:123456789012:function:echo:prod", Payload=b"{}")
        collect(arn)
        check("a full ARN with qualifier is accepted", arn["ExecutedVersion"] == "prod")

        check("unknown function: ResourceNotFoundException", *expect_error(lam, "ResourceNotFoundException", FunctionName="nope"))
        check("bad qualifier: InvalidParameterValueException", *expect_error(lam, "InvalidParameterValueException", FunctionName="echo", Qualifier="bad!"))
        check("client context not base64: InvalidParameterValueException", *expect_error(lam, "InvalidParameterValueException", FunctionName="echo", ClientContext="***"))
        big_context = base64.b64encode(b"x" * 4000).decode()
        check("client context over 3583 bytes: InvalidParameterValueException", *expect_error(lam, "InvalidParameterValueException", FunctionName="echo", ClientContext=big_context))
        check("bad tenant id: InvalidParameterValueException", *expect_error(lam, "InvalidParameterValueException", FunctionName="echo", TenantId="no#hash"))
        check("payload not JSON: InvalidRequestContentException", *expect_error(lam, "InvalidRequestContentException", FunctionName="echo", Payload=b"not json"))
        check("payload over 6 MB: RequestTooLargeException", *expect_error(lam, "RequestTooLargeException", FunctionName="echo", Payload=b'"' + b"x" * (6 * MIB) + b'"'))

        # A client that disconnects mid-stream: the function must be killed and reaped.
        raw = socket.create_connection(server_address(url))
        raw.sendall(b"POST /2021-11-15/functions/linger/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}")
        raw.recv(4096)
        time.sleep(0.3)
        lingering_before = count_processes("sleep 37")
        raw.close()
        time.sleep(1.0)
        check("a disconnected client's function is killed and reaped", lingering_before == 1 and count_processes("sleep 37") == 0, f"before {lingering_before}, after {count_processes('sleep 37')}")

        # Backpressure: a client that stops reading leaves the function blocked on
        # its pipe (50 MB cannot fit in the channel, pipe and socket buffers).
        raw = socket.create_connection(server_address(url))
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        raw.sendall(b"POST /2021-11-15/functions/flood/response-streaming-invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
        raw.recv(4096)
        time.sleep(1.5)
        blocked = count_processes("head -c 50000000 /dev/zero")
        raw.close()
        time.sleep(1.0)
        check("a slow client's backpressure blocks the function, which is reaped on disconnect", blocked == 1 and count_processes("head -c 50000000 /dev/zero") == 0, f"blocked {blocked}")

        # Load: 100 concurrent invocations, 1 MiB each, every byte intact.
        many = client(url, max_pool_connections=100)
        expected = hashlib.sha256((b"0123456789abcdef\n" * (MIB // 17 + 1))[:MIB]).hexdigest()

        def one(_):
            chunks, complete = collect(many.invoke_with_response_stream(FunctionName="mib"))
            data = b"".join(c for _, c in chunks)
            return len(data) == MIB and hashlib.sha256(data).hexdigest() == expected and complete == {}

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
            intact = list(pool.map(one, range(100)))
        check(f"100 concurrent 1 MiB streams intact ({time.monotonic() - started:.1f} s)", all(intact), f"{intact.count(False)} corrupted")
    finally:
        server.terminate()
        server.wait()

    server, url = start(binary, "--max-concurrency", "1")
    try:
        lam = client(url)
        pending = lam.invoke_with_response_stream(FunctionName="slow")
        try:
            lam.invoke_with_response_stream(FunctionName="slow")
            check("over --max-concurrency: TooManyRequestsException with Retry-After", False, "no error")
        except lam.exceptions.TooManyRequestsException as error:
            retry_after = error.response["ResponseMetadata"]["HTTPHeaders"].get("retry-after")
            check("over --max-concurrency: TooManyRequestsException with Retry-After", retry_after == "1", f"Retry-After {retry_after}")
        collect(pending)
    finally:
        server.terminate()
        server.wait()

    server, url = start(binary, "--verify-sigv4", "AKIDEXAMPLE:secret")
    try:
        chunks, _ = collect(client(url).invoke_with_response_stream(FunctionName="echo", Payload=b"{}"))
        check("--verify-sigv4 accepts boto3's signature", b"".join(c for _, c in chunks) == b"{}")
        wrong = boto3.client("lambda", region_name="us-east-1", endpoint_url=url, aws_access_key_id="AKIDEXAMPLE",
                             aws_secret_access_key="wrong", config=Config(retries={"max_attempts": 0}))
        check("--verify-sigv4 refuses a wrong secret", *expect_error(wrong, "InvalidSignatureException", FunctionName="echo"))
    finally:
        server.terminate()
        server.wait()

    refused = subprocess.run([binary, "serve", "--demo", "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=10)
    check("a non-loopback address is refused without --allow-remote", refused.returncode == 1 and "loopback" in refused.stderr)

    print(f"{results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


def server_address(url):
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def count_processes(pattern):
    found = subprocess.run(["pgrep", "-f", "-x", pattern], capture_output=True, text=True)
    return len(found.stdout.split())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
