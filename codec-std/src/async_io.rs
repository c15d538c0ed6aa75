//! The async reader and writer, written once for tokio and futures-io.
//!
//! Each flavour's module (`tokio.rs`, `futures.rs`) defines four adapters
//! over its own traits (`poll_read_into`, `poll_write_vectored`, `poll_flush`,
//! `poll_shutdown`) and invokes [`async_io!`]; everything else, the buffer and
//! framing state included, is shared with the blocking [`Reader`](crate::Reader).

/// Defines `AsyncReader<R>` and `AsyncWriter<W>` in the invoking module for
/// the given read and write traits.
macro_rules! async_io {
    ($read:path, $write:path, $flavour:literal) => {
        use crate::frame_buffer::{DEFAULT_READ_SIZE, FrameBuffer};
        use crate::write::{FrameHead, advance};
        use crate::{Error, Message};
        use eventstream_core::{Header, Limits, MessageRef};
        use std::future::poll_fn;
        use std::io::IoSlice;
        use std::pin::Pin;
        use std::task::{Context, Poll};

        #[doc = concat!("Reads frames from a ", $flavour, " `AsyncRead`, straight into one reusable buffer.")]
        ///
        /// [`read_message`](Self::read_message) is cancel-safe: every byte read
        /// is kept in the reader, so dropping the future mid-frame loses
        /// nothing and the next call continues the frame. As a `Stream` it
        /// yields owned [`Message`]s and ends after the first error.
        #[derive(Debug)]
        pub struct AsyncReader<R> {
            inner: R,
            buffer: FrameBuffer,
            done: bool,
        }

        impl<R: $read + Unpin> AsyncReader<R> {
            /// A reader with the spec's limits.
            pub fn new(inner: R) -> Self {
                AsyncReader::with_limits(inner, Limits::default())
            }

            /// A reader with the given limits.
            pub fn with_limits(inner: R, limits: Limits) -> Self {
                AsyncReader {
                    inner,
                    buffer: FrameBuffer::new(limits, DEFAULT_READ_SIZE),
                    done: false,
                }
            }

            /// The next frame, borrowed from the reader's buffer until the next
            /// call; `Ok(None)` at a clean end between frames, and after a
            /// decode error was returned once. Cancel-safe.
            pub async fn read_message(&mut self) -> Result<Option<MessageRef<'_>>, Error> {
                let AsyncReader { inner, buffer, .. } = self;
                if !poll_fn(|cx| buffer.poll_fill(cx, |cx, buf| poll_read_into(inner, cx, buf))).await? {
                    return Ok(None);
                }
                buffer.lend().map(Some)
            }

            /// The next frame as an owned [`Message`] sharing the reader's buffer. Cancel-safe.
            pub async fn next_message(&mut self) -> Result<Option<Message>, Error> {
                poll_fn(|cx| self.poll_next_message(cx)).await
            }

            /// The next event, borrowed: an `exception` or `error` frame is
            /// [`Error::Service`]. Cancel-safe.
            pub async fn read_event(&mut self) -> Result<Option<crate::EventRef<'_>>, Error> {
                self.read_message().await?.map(crate::events::event_ref).transpose()
            }

            /// The next event, owned; otherwise as [`read_event`](Self::read_event). Cancel-safe.
            pub async fn next_event(&mut self) -> Result<Option<Message>, Error> {
                self.next_message().await?.map(crate::events::event).transpose()
            }

            /// The first event, which must be `initial-response`, as the
            /// blocking [`Reader::read_initial_response`](crate::Reader::read_initial_response).
            pub async fn read_initial_response(&mut self) -> Result<MessageRef<'_>, Error> {
                crate::events::initial_response(self.read_event().await?)
            }

            /// Owned events as a `Stream`: exception and error frames end it with [`Error::Service`].
            pub fn events(self) -> crate::Events<Self> {
                crate::Events::new(self)
            }

            fn poll_next_message(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<Message>, Error>> {
                let AsyncReader { inner, buffer, .. } = self;
                if !std::task::ready!(buffer.poll_fill(cx, |cx, buf| poll_read_into(inner, cx, buf)))? {
                    return Poll::Ready(Ok(None));
                }
                Poll::Ready(buffer.take().map(Some))
            }
        }

        impl<R> AsyncReader<R> {
            /// Stream offset of the next frame; after an error, of the frame that failed.
            pub fn position(&self) -> u64 {
                self.buffer.position()
            }

            /// Frames handed out so far.
            pub fn frames_read(&self) -> u64 {
                self.buffer.frames()
            }

            /// Bytes read from the source but not yet handed out as frames.
            pub fn buffered(&self) -> usize {
                self.buffer.buffered()
            }

            /// The underlying reader.
            pub fn get_ref(&self) -> &R {
                &self.inner
            }

            /// The underlying reader, mutably.
            pub fn get_mut(&mut self) -> &mut R {
                &mut self.inner
            }

            /// The underlying reader; buffered bytes not yet handed out are lost.
            pub fn into_inner(self) -> R {
                self.inner
            }
        }

        impl<R: $read + Unpin> futures_core::Stream for AsyncReader<R> {
            type Item = Result<Message, Error>;

            fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                if self.done {
                    return Poll::Ready(None);
                }
                let next = std::task::ready!(self.poll_next_message(cx)).transpose();
                self.done = !matches!(next, Some(Ok(_)));
                Poll::Ready(next)
            }
        }

        #[doc = concat!("Writes frames to a ", $flavour, " `AsyncWrite`, one vectored write per frame.")]
        ///
        /// Not cancel-safe: dropping `write_message` mid-frame leaves a partial
        /// frame on the writer.
        #[derive(Debug)]
        pub struct AsyncWriter<W> {
            inner: W,
            head: FrameHead,
        }

        impl<W: $write + Unpin> AsyncWriter<W> {
            /// A writer over `inner`.
            pub fn new(inner: W) -> Self {
                AsyncWriter {
                    inner,
                    head: FrameHead::default(),
                }
            }

            /// Encodes and writes one frame; the payload is never copied.
            pub async fn write_message(&mut self, headers: &[Header<'_>], payload: &[u8]) -> Result<(), Error> {
                let AsyncWriter { inner, head } = self;
                write_all(inner, &mut head.encode(headers, payload)?).await
            }

            /// Writes a frame that was decoded elsewhere, unchanged (for forwarding).
            pub async fn write_frame(&mut self, message: MessageRef<'_>) -> Result<(), Error> {
                write_all(&mut self.inner, &mut [IoSlice::new(message.as_bytes())]).await
            }

            /// Flushes the underlying writer.
            pub async fn flush(&mut self) -> Result<(), Error> {
                poll_fn(|cx| poll_flush(&mut self.inner, cx)).await?;
                Ok(())
            }

            /// Flushes and shuts down (closes) the underlying writer.
            pub async fn shutdown(&mut self) -> Result<(), Error> {
                poll_fn(|cx| poll_shutdown(&mut self.inner, cx)).await?;
                Ok(())
            }
        }

        /// Writes all of `slices`, in as few vectored writes as the writer allows.
        async fn write_all<W: $write + Unpin>(inner: &mut W, mut slices: &mut [IoSlice<'_>]) -> Result<(), Error> {
            IoSlice::advance_slices(&mut slices, 0);
            while !slices.is_empty() {
                let written = poll_fn(|cx| poll_write_vectored(inner, cx, slices)).await;
                if advance(written, &mut slices)? {
                    break;
                }
            }
            Ok(())
        }

        impl<W> AsyncWriter<W> {
            /// The underlying writer.
            pub fn get_ref(&self) -> &W {
                &self.inner
            }

            /// The underlying writer, mutably.
            pub fn get_mut(&mut self) -> &mut W {
                &mut self.inner
            }

            /// The underlying writer.
            pub fn into_inner(self) -> W {
                self.inner
            }
        }
    };
}

pub(crate) use async_io;
