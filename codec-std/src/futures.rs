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

use crate::async_io::{FuturesIo, ReadFlavour, WriteFlavour};
use futures_io::{AsyncRead, AsyncWrite};
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Reads frames from a futures-io `AsyncRead`: the same type and methods as
/// `tokio::AsyncReader`, over the futures-io traits: [`async_io::AsyncReader`](crate::async_io::AsyncReader).
pub type AsyncReader<R> = crate::async_io::AsyncReader<R, FuturesIo>;

/// Writes frames to a futures-io `AsyncWrite`: the same type and methods as
/// `tokio::AsyncWriter`, over the futures-io traits: [`async_io::AsyncWriter`](crate::async_io::AsyncWriter).
pub type AsyncWriter<W> = crate::async_io::AsyncWriter<W, FuturesIo>;

impl<R: AsyncRead + Unpin> ReadFlavour<R> for FuturesIo {
    fn poll_read(reader: &mut R, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        Pin::new(reader).poll_read(cx, buf)
    }
}

impl<W: AsyncWrite + Unpin> WriteFlavour<W> for FuturesIo {
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
        Pin::new(writer).poll_close(cx)
    }
}
