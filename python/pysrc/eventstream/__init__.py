"""The AWS event-stream codec (``application/vnd.amazon.eventstream``) for
Python, native code on the Rust ``eventstream-core``.

For boto3 and botocore: ``eventstream.install()`` makes every event stream
(Lambda ``invoke_with_response_stream``, Bedrock ``invoke_model_with_response_stream``
and ``converse_stream``, S3 Select, Kinesis ``subscribe_to_shard``...) decode
through :class:`EventStreamBuffer`, which behaves as botocore's own::

    import boto3, eventstream
    eventstream.install()
    lam = boto3.client("lambda")
    for event in lam.invoke_with_response_stream(FunctionName="f")["EventStream"]:
        ...

For code that does not go through botocore, the native API::

    decoder = eventstream.Decoder()
    for message in decoder.feed(chunk):
        message.headers, message.payload, message.payload_view()
    decoder.finish()  # raises TruncatedError if the stream was cut inside a frame
"""

from eventstream._native import (
    DecodeError,
    Decoder,
    EventStreamBuffer,
    EventStreamMessage,
    InvokeComplete,
    MessagePrelude,
    NativeMessage,
    PayloadChunk,
    ServiceError,
    UnknownEvent,
    encode,
    lambda_event,
)

__all__ = [
    "DecodeError",
    "Decoder",
    "EventStreamBuffer",
    "EventStreamMessage",
    "InvokeComplete",
    "MessagePrelude",
    "NativeMessage",
    "PayloadChunk",
    "ServiceError",
    "TruncatedError",
    "UnknownEvent",
    "encode",
    "install",
    "installed",
    "lambda_event",
    "uninstall",
]


def __getattr__(name):
    # TruncatedError is made on first use: it derives from botocore's
    # ParserError, and importing botocore costs `import eventstream` ~55 ms.
    if name == "TruncatedError":
        global TruncatedError
        TruncatedError = _make_truncated_error()
        return TruncatedError
    raise AttributeError(f"module 'eventstream' has no attribute {name!r}")


def _make_truncated_error():
    try:
        from botocore.eventstream import ParserError
    except ImportError:
        from eventstream._errors import ParserError

    class TruncatedError(DecodeError, ParserError):
        """The stream ended inside a frame: how many bytes of it arrived and
        at which byte of the stream it starts. A :class:`DecodeError`, and
        botocore's ``ParserError``, so that code catching botocore's parse
        errors catches it too."""

    TruncatedError.__module__ = "eventstream"
    return TruncatedError


# What install() replaced: botocore's buffer class and EventStream's
# raw-event generator, or None when botocore decodes with its own.
_original = None
_TRUNCATED_MODES = ("raise", "ignore")


def _raw_events_checking_the_end(self):
    """botocore's ``EventStream._create_raw_event_generator``, and at the
    end of the raw stream, ``TruncatedError`` if it ended inside a frame
    (botocore's own ends there in silence)."""
    buffer = EventStreamBuffer()
    for chunk in self._raw_stream.stream():
        buffer.add_data(chunk)
        yield from buffer
    buffer.finish()


def install(truncated="raise"):
    """Makes botocore (and so boto3) decode every event stream with
    :class:`EventStreamBuffer` from now on. Returns whether botocore was
    found; :func:`uninstall` restores botocore's own decoding exactly.

    ``truncated`` says what a response body that ends inside a frame gives:
    ``"raise"`` (the default) raises :class:`TruncatedError` from the loop
    over the ``EventStream`` (or from ``get_initial_response()``) once the
    events before the cut are out; ``"ignore"`` ends the loop there in
    silence, as botocore does. Calling it again changes the mode."""
    global _original
    if truncated not in _TRUNCATED_MODES:
        raise ValueError(f"truncated must be one of {_TRUNCATED_MODES}, not {truncated!r}")
    try:
        import botocore.eventstream as module
    except ImportError:
        return False
    if _original is None:
        _original = (module.EventStreamBuffer, module.EventStream._create_raw_event_generator)
    module.EventStreamBuffer = EventStreamBuffer
    module.EventStream._create_raw_event_generator = (
        _raw_events_checking_the_end if truncated == "raise" else _original[1]
    )
    return True


def uninstall():
    """Gives botocore its own ``EventStreamBuffer`` and end of stream back.
    Idempotent."""
    global _original
    if _original is None:
        return
    import botocore.eventstream as module

    module.EventStreamBuffer, module.EventStream._create_raw_event_generator = _original
    _original = None


def installed():
    """Whether botocore currently decodes with this package."""
    try:
        import botocore.eventstream as module
    except ImportError:
        return False
    return module.EventStreamBuffer is EventStreamBuffer
