"""Type stubs for the native module."""

from typing import Iterator, Mapping, Optional, Sequence, Tuple, Union

HeaderValue = Union[bool, int, str, bytes]
HeaderInput = Union[bool, int, str, bytes, Tuple[str, Union[bool, int, str, bytes]]]

class DecodeError(ValueError):
    """Bytes that are not a valid event stream, with what is wrong and where."""

class ServiceError(ValueError):
    """An exception or error frame the service sent mid-stream."""

    exception_type: Optional[str]
    """An `exception` frame's `:exception-type`; None for an `error` frame."""
    error_code: Optional[str]
    """An `error` frame's `:error-code`; None for an `exception` frame."""
    message: Optional[str]
    """The JSON body's `message` (exception) or `:error-message` (error)."""
    payload: bytes
    """The frame's payload, as sent."""

class MessagePrelude:
    """botocore's MessagePrelude."""

    total_length: int
    headers_length: int
    crc: int
    def __init__(self, total_length: int, headers_length: int, crc: int) -> None: ...
    @property
    def payload_length(self) -> int: ...
    @property
    def headers_end(self) -> int: ...
    @property
    def payload_end(self) -> int: ...

class EventStreamMessage:
    """botocore's EventStreamMessage."""

    prelude: MessagePrelude
    headers: dict
    payload: bytes
    crc: int
    def __init__(self, prelude: MessagePrelude, headers: dict, payload: bytes, crc: int) -> None: ...
    def to_response_dict(self, status_code: int = 200) -> dict:
        """status 200, or 400 for error and exception frames, as botocore."""

class EventStreamBuffer(Iterator[EventStreamMessage]):
    """botocore's EventStreamBuffer: add_data, then iterate."""

    def __init__(self) -> None: ...
    def add_data(self, data: bytes) -> None: ...
    def next(self) -> EventStreamMessage: ...
    def __iter__(self) -> "EventStreamBuffer": ...
    def __next__(self) -> EventStreamMessage: ...
    def finish(self) -> None:
        """At the end of the stream: raises eventstream.TruncatedError if a frame was cut short."""

class NativeMessage:
    """A frame of the native API."""

    headers: dict
    @property
    def payload(self) -> bytes: ...
    def payload_view(self) -> memoryview:
        """The payload without a copy."""
    @property
    def frame_bytes(self) -> bytes: ...
    def kind(self) -> Tuple[str, str]:
        """("event", type), ("exception", type) or ("error", code)."""
    def __len__(self) -> int: ...

class Decoder:
    """The native decoder: feed bytes, get messages; finish at the end."""

    def __init__(self, max_message_len: Optional[int] = None) -> None: ...
    def feed(self, data: bytes) -> list[NativeMessage]: ...
    def finish(self) -> None:
        """Raises TruncatedError if a frame was cut short."""
    @property
    def buffered(self) -> int: ...

def encode(
    headers: Union[Mapping[str, HeaderInput], Sequence[Tuple[str, HeaderInput]]],
    payload: bytes,
) -> bytes:
    """One frame. A header value is a ``bool`` (boolean), ``int`` (long),
    ``str`` (string) or ``bytes`` (byte array), or a ``(type, value)`` pair
    for any type: ``("byte", int)``, ``("short", int)``,
    ``("integer", int)``, ``("long", int)``, ``("timestamp", milliseconds)``,
    ``("uuid", 16 bytes)``, ``("boolean", bool)``, ``("string", str)`` or
    ``("byte_array", bytes)``."""

class PayloadChunk:
    payload: bytes

class InvokeComplete:
    error_code: Optional[str]
    error_details: Optional[str]
    log_result: Optional[str]

class UnknownEvent:
    event_type: str

def lambda_event(message: NativeMessage) -> Union[PayloadChunk, InvokeComplete, UnknownEvent]:
    """Lambda's typed event; raises ServiceError for exception and error frames."""
