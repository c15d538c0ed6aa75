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
    TruncatedError,
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

_original = None


def install():
    """Makes botocore (and so boto3) decode every event stream with
    :class:`EventStreamBuffer` from now on. Idempotent; :func:`uninstall`
    restores botocore's own. Returns whether botocore was found."""
    global _original
    try:
        import botocore.eventstream as module
    except ImportError:
        return False
    if module.EventStreamBuffer is not EventStreamBuffer:
        _original = module.EventStreamBuffer
        module.EventStreamBuffer = EventStreamBuffer
    return True


def uninstall():
    """Gives botocore its own ``EventStreamBuffer`` back. Idempotent."""
    global _original
    if _original is None:
        return
    import botocore.eventstream as module

    module.EventStreamBuffer = _original
    _original = None


def installed():
    """Whether botocore currently decodes with this package."""
    try:
        import botocore.eventstream as module
    except ImportError:
        return False
    return module.EventStreamBuffer is EventStreamBuffer
