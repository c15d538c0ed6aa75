from eventstream._native import (
    DecodeError as DecodeError,
    Decoder as Decoder,
    EventStreamBuffer as EventStreamBuffer,
    EventStreamMessage as EventStreamMessage,
    InvokeComplete as InvokeComplete,
    MessagePrelude as MessagePrelude,
    NativeMessage as NativeMessage,
    PayloadChunk as PayloadChunk,
    ServiceError as ServiceError,
    UnknownEvent as UnknownEvent,
    encode as encode,
    lambda_event as lambda_event,
)

from typing import Literal

class TruncatedError(DecodeError, Exception):
    """The stream ended inside a frame; also botocore's ParserError."""

def install(truncated: Literal["raise", "ignore"] = "raise") -> bool: ...
def uninstall() -> None: ...
def installed() -> bool: ...
