"""Shared fixtures: the repository's testdata/, and botocore's own buffer
kept aside before any test installs ours."""

import pathlib

import pytest

import botocore.eventstream

import eventstream

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata"
BOTOCORE_BUFFER = botocore.eventstream.EventStreamBuffer
assert BOTOCORE_BUFFER is not eventstream.EventStreamBuffer


def stream_files():
    """Every binary stream in testdata/: the AWS vectors, the recordings, Lambda's."""
    files = sorted((TESTDATA / "encoded" / "positive").iterdir())
    files += sorted((TESTDATA / "smithy-rs" / "recorded").glob("*.bin"))
    files += sorted((TESTDATA / "lambda").glob("*.bin"))
    return files


@pytest.fixture(autouse=True)
def botocore_as_found():
    """Each test starts and ends with botocore's own buffer in place."""
    eventstream.uninstall()
    yield
    eventstream.uninstall()
