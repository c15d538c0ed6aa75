"""The exception classes of botocore's event-stream decoder, for when
botocore is not installed: the same names, bases and constructor arguments,
so code written against botocore works unchanged. With botocore installed,
the native module raises botocore's own classes instead."""

_MAX_HEADERS_LENGTH = 128 * 1024
_MAX_PAYLOAD_LENGTH = 24 * 1024 * 1024


class ParserError(Exception):
    """Base binary flow encoding parsing exception."""


class DuplicateHeader(ParserError):
    """Duplicate header found in the event."""

    def __init__(self, header):
        super().__init__(f'Duplicate header present: "{header}"')


class InvalidHeadersLength(ParserError):
    """Headers length is longer than the maximum."""

    def __init__(self, length):
        super().__init__(
            f"Header length of {length} exceeded the maximum of {_MAX_HEADERS_LENGTH}"
        )


class InvalidPayloadLength(ParserError):
    """Payload length is longer than the maximum."""

    def __init__(self, length):
        super().__init__(
            f"Payload length of {length} exceeded the maximum of {_MAX_PAYLOAD_LENGTH}"
        )


class ChecksumMismatch(ParserError):
    """Calculated checksum did not match the expected checksum."""

    def __init__(self, expected, calculated):
        super().__init__(
            f"Checksum mismatch: expected 0x{expected:08x}, calculated 0x{calculated:08x}"
        )
