"""Runs botocore's own unit tests of its event-stream decoder with this
package installed in its place: they must pass against our buffer.

Usage: python python/tests/botocore_suite.py BOTOCORE_SOURCE_DIR [pytest args]

BOTOCORE_SOURCE_DIR is an unpacked botocore source distribution of the
installed botocore's version (its tests/unit/test_eventstream.py)."""

import os
import sys

import pytest

import eventstream

source = os.path.abspath(sys.argv[1])
assert eventstream.install(), "botocore is not installed"
import botocore.eventstream  # noqa: E402

assert botocore.eventstream.EventStreamBuffer is eventstream.EventStreamBuffer

os.chdir(source)
sys.path.insert(0, source)
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/unit/test_eventstream.py", *sys.argv[2:]]))
