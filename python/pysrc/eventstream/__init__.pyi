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
    TruncatedError as TruncatedError,
    UnknownEvent as UnknownEvent,
    encode as encode,
    lambda_event as lambda_event,
)

def install() -> bool: ...
def uninstall() -> None: ...
def installed() -> bool: ...
