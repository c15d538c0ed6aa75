//! Async reading and writing over tokio's `AsyncRead` and `AsyncWrite`
//! (feature `tokio`). The `tokio_util` codec is [`EventStreamCodec`](crate::EventStreamCodec).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), eventstream::Error> {
//! use eventstream::tokio::{AsyncReader, AsyncWriter};
//!
//! let mut writer = AsyncWriter::new(Vec::new());
//! writer.write_message(&[], b"hello").await?;
//! let bytes = writer.into_inner();
//!
//! let mut reader = AsyncReader::new(&bytes[..]);
//! while let Some(message) = reader.read_message().await? {
//!     assert_eq!(message.payload(), b"hello");
//! }
//! # Ok(())
//! # }
//! ```

use crate::async_io::{ReadFlavour, Tokio, WriteFlavour};
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Reads frames from a tokio `AsyncRead`, straight into one reusable buffer;
/// cancel-safe, and a `Stream` of owned messages (its methods: [`async_io::AsyncReader`](crate::async_io::AsyncReader)).
pub type AsyncReader<R> = crate::async_io::AsyncReader<R, Tokio>;

/// Writes frames to a tokio `AsyncWrite`, one vectored write per frame
/// (its methods: [`async_io::AsyncWriter`](crate::async_io::AsyncWriter)).
pub type AsyncWriter<W> = crate::async_io::AsyncWriter<W, Tokio>;

impl<R: AsyncRead + Unpin> ReadFlavour<R> for Tokio {
    fn poll_read(reader: &mut R, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        let mut read_buf = ReadBuf::new(buf);
        std::task::ready!(Pin::new(reader).poll_read(cx, &mut read_buf))?;
        Poll::Ready(Ok(read_buf.filled().len()))
    }
}

impl<W: AsyncWrite + Unpin> WriteFlavour<W> for Tokio {
    fn poll_write_vectored(
        writer: &mut W,
        cx: &mut Context<'_>,
        slices: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(writer).poll_write_vectored(cx, slices)
    }

    fn poll_flush(writer: &mut W, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(writer).poll_flush(cx)
    }

    fn poll_shutdown(writer: &mut W, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(writer).poll_shutdown(cx)
    }
}
