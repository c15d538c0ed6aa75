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

use std::io;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

crate::async_io::async_io!(AsyncRead, AsyncWrite, "tokio");

fn poll_read_into<R: AsyncRead + Unpin>(
    reader: &mut R,
    cx: &mut Context<'_>,
    buf: &mut [u8],
) -> Poll<io::Result<usize>> {
    let mut read_buf = ReadBuf::new(buf);
    std::task::ready!(Pin::new(reader).poll_read(cx, &mut read_buf))?;
    Poll::Ready(Ok(read_buf.filled().len()))
}

fn poll_write_vectored<W: AsyncWrite + Unpin>(
    writer: &mut W,
    cx: &mut Context<'_>,
    slices: &[IoSlice<'_>],
) -> Poll<io::Result<usize>> {
    Pin::new(writer).poll_write_vectored(cx, slices)
}

fn poll_flush<W: AsyncWrite + Unpin>(writer: &mut W, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
    Pin::new(writer).poll_flush(cx)
}

fn poll_shutdown<W: AsyncWrite + Unpin>(
    writer: &mut W,
    cx: &mut Context<'_>,
) -> Poll<io::Result<()>> {
    Pin::new(writer).poll_shutdown(cx)
}
