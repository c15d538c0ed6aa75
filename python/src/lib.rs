//! `eventstream._native`: the event-stream codec for Python, on
//! `eventstream-core`.
//!
//! - [`EventStreamBuffer`]: botocore's `EventStreamBuffer`, same interface,
//!   same checks in the same order, botocore's own exception classes.
//! - [`Decoder`], [`NativeMessage`], [`encode`]: a native API for code that
//!   does not go through botocore, with zero-copy payload views.
//! - [`lambda_event`]: Lambda's `PayloadChunk` and `InvokeComplete`.
//!
//! No panic reaches Python: nothing here unwraps, and every failure is a
//! Python exception.

use eventstream_core::lambda::{ResponseEvent, StreamError};
use eventstream_core::{
    Decoder as CoreDecoder, Error, HEADER_TYPE_NAMES, Header, HeaderValue, Limits, MessageRef,
    Prelude, Status,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyMemoryView, PyString};

/// botocore's limits, checked before anything else but the prelude CRC.
const MAX_HEADERS_LENGTH: u32 = 128 * 1024;
const MAX_PAYLOAD_LENGTH: i64 = 24 * 1024 * 1024;

create_exception!(
    eventstream,
    DecodeError,
    PyValueError,
    "Bytes that are not a valid event stream, with what is wrong and where."
);
create_exception!(
    eventstream,
    ServiceError,
    PyValueError,
    "An exception or error frame the service sent mid-stream: `exception_type` (an \
     `exception` frame's) or `error_code` (an `error` frame's), `message` and `payload`."
);

/// The decoder under both APIs: the core's checks, with limits wide open so
/// that the caller's (botocore's, or the spec's) apply.
fn core_decoder(limits: Limits) -> CoreDecoder {
    CoreDecoder::with_limits(limits)
}

/// Bytes received and not yet decoded: a `bytes` object handed in (decoded
/// in place), or, for a frame split across calls, an owned tail. Storage
/// only: when a frame is whole, and what it holds, is the core decoder's
/// answer (`needed`, `decode`).
#[derive(Default)]
struct Pending {
    chunk: Option<Py<PyBytes>>,
    chunk_offset: usize,
    tail: Vec<u8>,
    tail_offset: usize,
}

impl Pending {
    /// Takes `data` over: kept as it is when nothing else is pending.
    fn add(&mut self, py: Python<'_>, data: &Bound<'_, PyBytes>) {
        if self.chunk.is_none() && self.tail_offset == self.tail.len() {
            self.tail.clear();
            self.tail_offset = 0;
            self.chunk = Some(data.clone().unbind());
            self.chunk_offset = 0;
            return;
        }
        self.spill(py);
        self.tail.extend_from_slice(data.as_bytes());
    }

    /// Moves what is left of the chunk into the tail.
    fn spill(&mut self, py: Python<'_>) {
        if let Some(chunk) = self.chunk.take() {
            let rest = chunk
                .bind(py)
                .as_bytes()
                .get(self.chunk_offset..)
                .unwrap_or_default();
            if self.tail_offset > 0 {
                self.tail.drain(..self.tail_offset);
                self.tail_offset = 0;
            }
            self.tail.extend_from_slice(rest);
        }
    }

    /// The bytes not yet decoded, and the chunk they lie in, if they do.
    fn data<'a>(&'a self, py: Python<'a>) -> (&'a [u8], Option<&'a Py<PyBytes>>) {
        match &self.chunk {
            Some(chunk) => (
                chunk
                    .bind(py)
                    .as_bytes()
                    .get(self.chunk_offset..)
                    .unwrap_or_default(),
                Some(chunk),
            ),
            None => (self.tail.get(self.tail_offset..).unwrap_or_default(), None),
        }
    }

    fn consume(&mut self, len: usize) {
        match self.chunk {
            Some(_) => self.chunk_offset += len,
            None => {
                self.tail_offset += len;
                if self.tail_offset == self.tail.len() {
                    self.tail.clear();
                    self.tail_offset = 0;
                } else if self.tail_offset > self.tail.len() / 2 {
                    self.tail.drain(..self.tail_offset);
                    self.tail_offset = 0;
                }
            }
        }
    }

    /// Incomplete: keep only the tail, never a whole chunk.
    fn keep_tail(&mut self, py: Python<'_>) {
        if self.chunk.is_some() {
            self.spill(py);
        }
    }

    fn len(&self, py: Python<'_>) -> usize {
        self.data(py).0.len()
    }
}

/// The exception classes errors are raised as: botocore's when botocore can
/// be imported (so that existing `except` clauses keep working), else this
/// package's copies of them.
fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    MODULE
        .get_or_try_init(py, || {
            let module = match py.import("botocore.eventstream") {
                Ok(module) => module,
                Err(_) => py.import("eventstream._errors")?,
            };
            Ok::<_, PyErr>(module.into_any().unbind())
        })
        .map(|module| module.bind(py))
}

/// A botocore exception: `name` called with `args`.
fn botocore_error<'py, A>(py: Python<'py>, name: &str, args: A) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py>,
{
    let made = errors_module(py).and_then(|module| module.getattr(name)?.call1(args));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// A core error as botocore reports the same fault.
fn as_botocore(py: Python<'_>, error: Error, frame: Option<&[u8]>) -> PyErr {
    match error {
        Error::PreludeChecksum { computed, on_wire }
        | Error::MessageChecksum {
            computed, on_wire, ..
        } => botocore_error(py, "ChecksumMismatch", (on_wire, computed)),
        Error::HeadersExceedFrame { headers_len, .. }
        | Error::HeadersTooLong { headers_len, .. }
            if headers_len > MAX_HEADERS_LENGTH =>
        {
            botocore_error(py, "InvalidHeadersLength", (headers_len,))
        }
        other => {
            // botocore checks the message CRC before it reads a header.
            if let Some(mismatch) = frame.and_then(message_crc_mismatch) {
                return botocore_error(py, "ChecksumMismatch", mismatch);
            }
            botocore_error(py, "ParserError", (other.to_string(),))
        }
    }
}

/// `(on the wire, computed)` when a whole frame's message CRC is wrong.
fn message_crc_mismatch(frame: &[u8]) -> Option<(u32, u32)> {
    let (covered, trailer) = frame.split_last_chunk::<4>()?;
    let (on_wire, computed) = (
        u32::from_be_bytes(*trailer),
        eventstream_core::crc32(0, covered),
    );
    (on_wire != computed).then_some((on_wire, computed))
}

/// A header value as botocore gives it: bool, int, bytes, str; timestamps
/// as integer milliseconds and UUIDs as their 16 bytes.
fn header_value<'py>(py: Python<'py>, value: HeaderValue<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        HeaderValue::Bool(v) => v.into_pyobject(py)?.to_owned().into_any(),
        HeaderValue::Byte(v) => v.into_pyobject(py)?.into_any(),
        HeaderValue::Int16(v) => v.into_pyobject(py)?.into_any(),
        HeaderValue::Int32(v) => v.into_pyobject(py)?.into_any(),
        HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => v.into_pyobject(py)?.into_any(),
        HeaderValue::ByteArray(v) => PyBytes::new(py, v).into_any(),
        HeaderValue::String(v) => PyString::new(py, v).into_any(),
        HeaderValue::Uuid(v) => PyBytes::new(py, &v).into_any(),
    })
}

/// The headers of a frame as a dict; a repeated name is botocore's
/// `DuplicateHeader` (the Rust API accepts it; botocore does not).
fn headers_dict<'py>(py: Python<'py>, message: MessageRef<'_>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let mut count = 0;
    for header in message.headers() {
        dict.set_item(
            PyString::new(py, header.name),
            header_value(py, header.value)?,
        )?;
        count += 1;
    }
    if dict.len() < count {
        // A name came twice: botocore names the first repeated one.
        let mut seen = std::collections::HashSet::new();
        if let Some(header) = message.headers().find(|h| !seen.insert(h.name)) {
            return Err(botocore_error(py, "DuplicateHeader", (header.name,)));
        }
    }
    Ok(dict)
}

/// The last header block turned into a dict, with that dict: every event of
/// one type in a stream carries the same block, and copying a dict costs
/// less than building it again. Validity never depends on it: the block was
/// validated by the decoder, and equal bytes give an equal dict.
#[derive(Default)]
struct LastHeaders {
    block: Vec<u8>,
    dict: Option<Py<PyDict>>,
}

impl LastHeaders {
    /// The headers of `message`, as a dict of its own, made by `build`
    /// unless the block is the last one again.
    fn dict<'py>(
        &mut self,
        py: Python<'py>,
        message: MessageRef<'_>,
        build: fn(Python<'py>, MessageRef<'_>) -> PyResult<Bound<'py, PyDict>>,
    ) -> PyResult<Py<PyDict>> {
        if let Some(dict) = self
            .dict
            .as_ref()
            .filter(|_| self.block == message.header_block())
        {
            return Ok(dict.bind(py).copy()?.unbind());
        }
        let dict = build(py, message)?;
        self.block.clear();
        self.block.extend_from_slice(message.header_block());
        self.dict = Some(dict.copy()?.unbind());
        Ok(dict.unbind())
    }
}

/// botocore's `MessagePrelude`: the frame's lengths and prelude CRC.
#[pyclass(module = "eventstream._native", frozen, eq)]
#[derive(Clone, Copy, PartialEq, Eq)]
struct MessagePrelude {
    #[pyo3(get)]
    total_length: u32,
    #[pyo3(get)]
    headers_length: u32,
    #[pyo3(get)]
    crc: u32,
}

#[pymethods]
impl MessagePrelude {
    #[new]
    fn new(total_length: u32, headers_length: u32, crc: u32) -> Self {
        MessagePrelude {
            total_length,
            headers_length,
            crc,
        }
    }

    /// Bytes of payload: `total_length - headers_length - 16`.
    #[getter]
    fn payload_length(&self) -> i64 {
        i64::from(self.total_length) - i64::from(self.headers_length) - 16
    }

    /// Offset of the end of the headers in the frame.
    #[getter]
    fn headers_end(&self) -> i64 {
        12 + i64::from(self.headers_length)
    }

    /// Offset of the end of the payload in the frame.
    #[getter]
    fn payload_end(&self) -> i64 {
        i64::from(self.total_length) - 4
    }

    fn __repr__(&self) -> String {
        format!(
            "MessagePrelude(total_length={}, headers_length={}, crc={})",
            self.total_length, self.headers_length, self.crc
        )
    }
}

impl From<Prelude> for MessagePrelude {
    fn from(prelude: Prelude) -> Self {
        MessagePrelude {
            total_length: prelude.total_len(),
            headers_length: prelude.headers_len(),
            crc: prelude.crc(),
        }
    }
}

/// botocore's `EventStreamMessage`: prelude, headers, payload, crc.
#[pyclass(module = "eventstream._native", frozen)]
struct EventStreamMessage {
    prelude: MessagePrelude,
    #[pyo3(get)]
    headers: Py<PyDict>,
    #[pyo3(get)]
    payload: Py<PyBytes>,
    #[pyo3(get)]
    crc: u32,
}

#[pymethods]
impl EventStreamMessage {
    #[new]
    fn new(prelude: MessagePrelude, headers: Py<PyDict>, payload: Py<PyBytes>, crc: u32) -> Self {
        EventStreamMessage {
            prelude,
            headers,
            payload,
            crc,
        }
    }

    /// The prelude, made when asked for (most readers never do).
    #[getter]
    fn prelude(&self) -> MessagePrelude {
        self.prelude
    }

    /// `{'status_code': ..., 'headers': ..., 'body': ...}`: 400 for an
    /// `error` or `exception` frame, as botocore.
    #[pyo3(signature = (status_code = 200))]
    fn to_response_dict<'py>(
        &self,
        py: Python<'py>,
        status_code: u16,
    ) -> PyResult<Bound<'py, PyDict>> {
        let headers = self.headers.bind(py);
        let message_type = headers.get_item(":message-type")?;
        let failed = match &message_type {
            Some(value) => value.eq("error")? || value.eq("exception")?,
            None => false,
        };
        let dict = PyDict::new(py);
        dict.set_item("status_code", if failed { 400 } else { status_code })?;
        dict.set_item("headers", headers)?;
        dict.set_item("body", self.payload.bind(py))?;
        Ok(dict)
    }
}

/// `eventstream.TruncatedError` (a `DecodeError` and a botocore
/// `ParserError`, made in Python on first use): the stream ended with
/// `buffered` bytes of a frame that starts at byte `offset`.
fn truncated(py: Python<'_>, buffered: usize, offset: u64) -> PyErr {
    let message = format!(
        "the stream ended inside a frame: {buffered} bytes of it at byte {offset} of the stream"
    );
    let made = py
        .import("eventstream")
        .and_then(|module| module.getattr("TruncatedError")?.call1((message,)));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// botocore's `EventStreamBuffer`: `add_data` bytes, iterate messages;
/// and `finish()` at the end of the stream, which botocore's lacks.
#[pyclass(module = "eventstream._native")]
struct EventStreamBuffer {
    pending: Pending,
    decoder: CoreDecoder,
    offset: u64,
    last_headers: LastHeaders,
}

#[pymethods]
impl EventStreamBuffer {
    #[new]
    fn new() -> Self {
        EventStreamBuffer {
            pending: Pending::default(),
            decoder: core_decoder(Limits {
                max_message_len: u32::MAX,
                max_headers_len: u32::MAX,
            }),
            offset: 0,
            last_headers: LastHeaders::default(),
        }
    }

    /// At the end of the stream: `TruncatedError` if a frame was cut short.
    /// `eventstream.install()` calls it when botocore's raw stream ends.
    fn finish(&self, py: Python<'_>) -> PyResult<()> {
        match self.pending.len(py) {
            0 => Ok(()),
            buffered => Err(truncated(py, buffered, self.offset)),
        }
    }

    /// Adds bytes to the buffer.
    fn add_data(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let bytes = match data.cast::<PyBytes>() {
            Ok(bytes) => bytes.clone(),
            Err(_) => PyBytes::new(py, &data.extract::<Vec<u8>>()?),
        };
        self.pending.add(py, &bytes);
        Ok(())
    }

    /// The next complete message; `StopIteration` until more data arrives.
    fn next(&mut self, py: Python<'_>) -> PyResult<Option<EventStreamMessage>> {
        self.__next__(py)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<EventStreamMessage>> {
        let (data, _) = self.pending.data(py);
        // The core says when a whole frame is in, having checked its prelude.
        let needed = self
            .decoder
            .needed(data)
            .map_err(|error| as_botocore(py, error, None))?;
        let Some(prelude) = self.decoder.pending() else {
            self.pending.keep_tail(py);
            return Ok(None);
        };
        if needed > 0 {
            // botocore refuses these lengths as soon as the prelude is in.
            if prelude.headers_len() > MAX_HEADERS_LENGTH {
                return Err(botocore_error(
                    py,
                    "InvalidHeadersLength",
                    (prelude.headers_len(),),
                ));
            }
            let payload_length = MessagePrelude::from(prelude).payload_length();
            if payload_length > MAX_PAYLOAD_LENGTH {
                return Err(botocore_error(
                    py,
                    "InvalidPayloadLength",
                    (payload_length,),
                ));
            }
            self.pending.keep_tail(py);
            return Ok(None);
        }
        let frame = data.get(..prelude.total_len() as usize).unwrap_or(data);
        let message = match self.decoder.decode(frame) {
            Ok(Status::Complete(message)) => message,
            // `needed` said the frame is all there: only a broken promise gets here.
            Ok(Status::Incomplete { needed }) => {
                return Err(botocore_error(
                    py,
                    "ParserError",
                    (format!("internal error: {needed} more bytes needed"),),
                ));
            }
            Err(error) => return Err(as_botocore(py, error, Some(frame))),
        };
        let prelude = message.prelude();
        let total = message.len();
        let built = EventStreamMessage {
            prelude: MessagePrelude::from(prelude),
            headers: self.last_headers.dict(py, message, headers_dict)?,
            payload: PyBytes::new(py, message.payload()).unbind(),
            crc: message.message_crc(),
        };
        self.pending.consume(total);
        self.offset += total as u64;
        Ok(Some(built))
    }
}

/// A decoded frame of the native API: headers as a dict, the payload as
/// `bytes` or as a zero-copy `memoryview`.
#[pyclass(module = "eventstream._native", frozen)]
struct NativeMessage {
    /// The `bytes` the frame lies in, and where.
    source: Py<PyBytes>,
    start: usize,
    len: usize,
    payload_start: usize,
    payload_len: usize,
    #[pyo3(get)]
    headers: Py<PyDict>,
}

impl NativeMessage {
    fn frame<'a>(&'a self, py: Python<'a>) -> &'a [u8] {
        // A `bytes` object cannot change: the range is still the frame decoded from it.
        let source = self.source.bind(py).as_bytes();
        source
            .get(self.start..self.start + self.len)
            .unwrap_or_default()
    }

    fn view<'a>(&'a self, py: Python<'a>) -> PyResult<MessageRef<'a>> {
        // Verified when it was decoded; decoded again (CRC too) to lend a view.
        match core_decoder(Limits::default()).decode(self.frame(py)) {
            Ok(Status::Complete(message)) => Ok(message),
            Ok(Status::Incomplete { needed }) => Err(DecodeError::new_err(format!(
                "the frame is incomplete: {needed} more bytes needed"
            ))),
            Err(error) => Err(DecodeError::new_err(error.to_string())),
        }
    }
}

#[pymethods]
impl NativeMessage {
    /// The payload, copied into a new `bytes`.
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let frame = self.frame(py);
        let payload = frame
            .get(self.payload_start..self.payload_start + self.payload_len)
            .unwrap_or_default();
        PyBytes::new(py, payload)
    }

    /// The payload as a `memoryview` of the bytes it arrived in: no copy.
    fn payload_view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let view = PyMemoryView::from(self.source.bind(py))?;
        let start = self.start + self.payload_start;
        let slice =
            pyo3::types::PySlice::new(py, start as isize, (start + self.payload_len) as isize, 1);
        view.get_item(slice)
    }

    /// The whole frame, as it was on the wire.
    #[getter]
    fn frame_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.frame(py))
    }

    /// `event`, `exception` or `error`, with its type or code: a tuple
    /// `(kind, name)`; `DecodeError` for a frame that is none of them.
    fn kind(&self, py: Python<'_>) -> PyResult<(&'static str, String)> {
        match self.view(py)?.kind() {
            Ok(eventstream_core::MessageKind::Event { event_type }) => {
                Ok(("event", event_type.into()))
            }
            Ok(eventstream_core::MessageKind::Exception { exception_type }) => {
                Ok(("exception", exception_type.into()))
            }
            Ok(eventstream_core::MessageKind::Error { code, .. }) => Ok(("error", code.into())),
            Err(error) => Err(DecodeError::new_err(error.to_string())),
        }
    }

    fn __len__(&self) -> usize {
        self.len
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "NativeMessage(headers={}, payload_len={})",
            self.headers.bind(py).repr()?,
            self.payload_len
        ))
    }
}

/// The native decoder: `feed` bytes, get every complete message; `finish`
/// at the end says whether a frame was cut short.
#[pyclass(module = "eventstream._native")]
struct Decoder {
    pending: Pending,
    decoder: CoreDecoder,
    offset: u64,
    last_headers: LastHeaders,
}

#[pymethods]
impl Decoder {
    /// A decoder with the spec's limits, or a lower `max_message_len`.
    #[new]
    #[pyo3(signature = (max_message_len = None))]
    fn new(max_message_len: Option<u32>) -> Self {
        let mut limits = Limits::default();
        if let Some(max) = max_message_len {
            limits.max_message_len = max;
        }
        Decoder {
            pending: Pending::default(),
            decoder: core_decoder(limits),
            offset: 0,
            last_headers: LastHeaders::default(),
        }
    }

    /// Adds `data` and returns the messages now complete. A hostile declared
    /// length fails at its 12th byte, before anything is buffered for it.
    fn feed(&mut self, py: Python<'_>, data: &Bound<'_, PyBytes>) -> PyResult<Vec<NativeMessage>> {
        self.pending.add(py, data);
        let mut messages = Vec::new();
        loop {
            let (data, chunk) = self.pending.data(py);
            let decoded = match self.decoder.decode(data) {
                Ok(decoded) => decoded,
                Err(error) => {
                    return Err(DecodeError::new_err(format!(
                        "{error} (frame at byte {} of the stream)",
                        self.offset
                    )));
                }
            };
            let Status::Complete(message) = decoded else {
                self.pending.keep_tail(py);
                return Ok(messages);
            };
            let len = message.len();
            let payload_start = message.payload().as_ptr() as usize - data.as_ptr() as usize;
            let (source, start) = match chunk {
                Some(chunk) => (chunk.clone_ref(py), self.pending.chunk_offset),
                None => (PyBytes::new(py, message.as_bytes()).unbind(), 0),
            };
            messages.push(NativeMessage {
                source,
                start,
                len,
                payload_start,
                payload_len: message.payload().len(),
                headers: self.last_headers.dict(py, message, headers_or_duplicates)?,
            });
            self.pending.consume(len);
            self.offset += len as u64;
        }
    }

    /// At the end of the stream: `TruncatedError` if a frame was cut short.
    fn finish(&self, py: Python<'_>) -> PyResult<()> {
        match self.pending.len(py) {
            0 => Ok(()),
            buffered => Err(truncated(py, buffered, self.offset)),
        }
    }

    /// Bytes received and not yet handed out as messages.
    #[getter]
    fn buffered(&self, py: Python<'_>) -> usize {
        self.pending.len(py)
    }
}

/// Headers as a dict for the native API, where repeated names are allowed
/// and the first one wins, as in the Rust API.
fn headers_or_duplicates<'py>(
    py: Python<'py>,
    message: MessageRef<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for header in message.headers() {
        let name = PyString::new(py, header.name);
        if !dict.contains(&name)? {
            dict.set_item(name, header_value(py, header.value)?)?;
        }
    }
    Ok(dict)
}

/// A Python value as a header value: `bool`, `int` (a long), `str`, `bytes`,
/// or an explicit `(type, value)` pair, the type named as the core names it
/// (`HEADER_TYPE_NAMES`): `"byte"`, `"short"`, `"integer"`, `"timestamp"`
/// (ms), `"uuid"` (16 bytes), ...
fn to_header_value<'a>(
    value: &'a Bound<'_, PyAny>,
    scratch: &'a mut Vec<u8>,
) -> PyResult<HeaderValue<'a>> {
    if let Ok(flag) = value.cast::<pyo3::types::PyBool>() {
        return Ok(HeaderValue::Bool(flag.is_true()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        scratch.extend_from_slice(text.to_cow()?.as_bytes());
        let text =
            std::str::from_utf8(scratch).map_err(|e| PyValueError::new_err(e.to_string()))?;
        return Ok(HeaderValue::String(text));
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        scratch.extend_from_slice(bytes.as_bytes());
        return Ok(HeaderValue::ByteArray(scratch));
    }
    if let Ok(number) = value.extract::<i64>() {
        return Ok(HeaderValue::Int64(number));
    }
    if let Ok((kind, inner)) = value.extract::<(String, Bound<'_, PyAny>)>() {
        let Some(type_byte) = HEADER_TYPE_NAMES.iter().position(|name| *name == kind) else {
            // `boolean` once: it names type bytes 0 and 1.
            let names = HEADER_TYPE_NAMES.get(1..).unwrap_or_default();
            return Err(PyValueError::new_err(format!(
                "unknown header type {kind:?}: one of {}",
                names.join(", ")
            )));
        };
        return Ok(match type_byte {
            0 | 1 => HeaderValue::Bool(inner.extract()?),
            2 => HeaderValue::Byte(inner.extract()?),
            3 => HeaderValue::Int16(inner.extract()?),
            4 => HeaderValue::Int32(inner.extract()?),
            5 => HeaderValue::Int64(inner.extract()?),
            6 => {
                scratch.extend_from_slice(inner.cast::<PyBytes>()?.as_bytes());
                HeaderValue::ByteArray(scratch)
            }
            7 => {
                scratch.extend_from_slice(inner.cast::<PyString>()?.to_cow()?.as_bytes());
                let text = std::str::from_utf8(scratch)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                HeaderValue::String(text)
            }
            8 => HeaderValue::Timestamp(inner.extract()?),
            _ => {
                let bytes: Vec<u8> = inner.extract()?;
                HeaderValue::Uuid(
                    bytes
                        .try_into()
                        .map_err(|_| PyValueError::new_err("a uuid is 16 bytes"))?,
                )
            }
        });
    }
    Err(PyTypeError::new_err(format!(
        "a header value is bool, int, str, bytes or (type, value), not {}",
        value.get_type().name()?
    )))
}

/// Encodes one frame: `headers` a dict (or list of pairs) of names to
/// values, `payload` bytes.
///
/// A header value is a `bool` (boolean), `int` (long), `str` (string) or
/// `bytes` (byte array), or a `(type, value)` pair for any type:
/// `("byte", int)`, `("short", int)`, `("integer", int)`, `("long", int)`,
/// `("timestamp", milliseconds)`, `("uuid", 16 bytes)`, `("boolean", bool)`,
/// `("string", str)` or `("byte_array", bytes)`.
///
/// >>> eventstream.encode({":event-type": "Chunk", "seq": ("integer", 7)}, b"hi")[:4]
/// b'\x00\x00\x00/'
#[pyfunction]
fn encode<'py>(
    py: Python<'py>,
    headers: &Bound<'py, PyAny>,
    payload: &[u8],
) -> PyResult<Bound<'py, PyBytes>> {
    let pairs: Vec<(String, Bound<'py, PyAny>)> = match headers.cast::<PyDict>() {
        Ok(dict) => dict
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v)))
            .collect::<PyResult<_>>()?,
        Err(_) => headers.extract()?,
    };
    let mut scratch: Vec<Vec<u8>> = vec![Vec::new(); pairs.len()];
    let mut values = Vec::with_capacity(pairs.len());
    for ((_, value), scratch) in pairs.iter().zip(scratch.iter_mut()) {
        values.push(to_header_value(value, scratch)?);
    }
    let headers: Vec<Header<'_>> = pairs
        .iter()
        .zip(values)
        .map(|((name, _), value)| Header::new(name, value))
        .collect();
    let len = eventstream_core::encoded_len(&headers, payload.len())
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    PyBytes::new_with(py, len, |out| {
        eventstream_core::encode(&headers, payload, out)
            .map(|_| ())
            .map_err(|e| PyValueError::new_err(e.to_string()))
    })
}

/// Lambda's `PayloadChunk`.
#[pyclass(module = "eventstream._native", frozen, get_all)]
struct PayloadChunk {
    payload: Py<PyBytes>,
}

/// Lambda's `InvokeComplete`: `None` for members it does not carry.
#[pyclass(module = "eventstream._native", frozen, get_all)]
struct InvokeComplete {
    error_code: Option<String>,
    error_details: Option<String>,
    log_result: Option<String>,
}

/// An event type Lambda may add later: its name and the message.
#[pyclass(module = "eventstream._native", frozen, get_all)]
struct UnknownEvent {
    event_type: String,
}

/// A message of a Lambda `InvokeWithResponseStream` body as its typed
/// event; an `exception` or `error` frame raises `ServiceError`.
#[pyfunction]
fn lambda_event(py: Python<'_>, message: &NativeMessage) -> PyResult<Py<PyAny>> {
    let view = message.view(py)?;
    match ResponseEvent::from_message(view) {
        Ok(ResponseEvent::PayloadChunk(chunk)) => Ok(Py::new(
            py,
            PayloadChunk {
                payload: PyBytes::new(py, chunk.payload()).unbind(),
            },
        )?
        .into_any()),
        Ok(ResponseEvent::InvokeComplete(done)) => Ok(Py::new(
            py,
            InvokeComplete {
                error_code: done.error_code().map(|s| s.to_string()),
                error_details: done.error_details().map(|s| s.to_string()),
                log_result: done.log_result().map(|s| s.to_string()),
            },
        )?
        .into_any()),
        Ok(ResponseEvent::Unknown { event_type, .. }) => Ok(Py::new(
            py,
            UnknownEvent {
                event_type: event_type.to_string(),
            },
        )?
        .into_any()),
        Err(error) => Err(stream_error(py, error, view.payload())),
    }
}

/// The core's `StreamError` as Python's: a malformed frame is `DecodeError`;
/// the service's error is `ServiceError`, its parts as the core read them
/// as attributes: `exception_type` or `error_code`, `message`, and the
/// frame's `payload`.
fn stream_error(py: Python<'_>, error: StreamError<'_>, payload: &[u8]) -> PyErr {
    let (exception_type, error_code, message) = match error {
        StreamError::Exception {
            exception_type,
            message,
            ..
        } => (Some(exception_type), None, message.map(|m| m.to_string())),
        StreamError::Error { code, message } => (None, Some(code), message.map(str::to_string)),
        StreamError::Malformed { .. } => return DecodeError::new_err(error.to_string()),
    };
    let raised = ServiceError::new_err(error.to_string());
    let value = raised.value(py);
    let set = value
        .setattr("exception_type", exception_type)
        .and_then(|()| value.setattr("error_code", error_code))
        .and_then(|()| value.setattr("message", message))
        .and_then(|()| value.setattr("payload", PyBytes::new(py, payload)));
    match set {
        Ok(()) => raised,
        Err(failed) => failed,
    }
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<EventStreamBuffer>()?;
    m.add_class::<EventStreamMessage>()?;
    m.add_class::<MessagePrelude>()?;
    m.add_class::<Decoder>()?;
    m.add_class::<NativeMessage>()?;
    m.add_class::<PayloadChunk>()?;
    m.add_class::<InvokeComplete>()?;
    m.add_class::<UnknownEvent>()?;
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    m.add_function(wrap_pyfunction!(lambda_event, m)?)?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("ServiceError", py.get_type::<ServiceError>())?;
    Ok(())
}
