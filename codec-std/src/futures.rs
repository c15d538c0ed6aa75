//! Async reading and writing over futures-io's `AsyncRead` and `AsyncWrite`
//! (feature `futures-io`: async-std, smol, and anything built on the `futures` traits).
//!
//! ```
//! use eventstream::futures::AsyncReader;
//!
//! let frame = eventstream::encode_to_vec(&[], b"hello").unwrap();
//! # struct Slice<'a>(&'a [u8]);
//! # impl futures_io::AsyncRead for Slice<'_> {
//! #     fn poll_read(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>, buf: &mut [u8]) -> std::task::Poll<std::io::Result<usize>> {
//! #         let n = buf.len().min(self.0.len());
//! #         buf[..n].copy_from_slice(&self.0[..n]);
//! #         self.0 = &self.0[n..];
//! #         std::task::Poll::Ready(Ok(n))
//! #     }
//! # }
//! let mut reader = AsyncReader::new(Slice(&frame));
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! rt.block_on(async {
//!     let message = reader.read_message().await.unwrap().unwrap();
//!     assert_eq!(message.payload(), b"hello");
//! });
//! ```

use futures_io::{AsyncRead, AsyncWrite};
use std::io;

crate::async_io::async_io!(AsyncRead, AsyncWrite, "futures-io");

fn poll_read_into<R: AsyncRead + Unpin>(
    reader: &mut R,
    cx: &mut Context<'_>,
    buf: &mut [u8],
) -> Poll<io::Result<usize>> {
    Pin::new(reader).poll_read(cx, buf)
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
    Pin::new(writer).poll_close(cx)
}
