//! Arbitrary bytes through `Reader` with arbitrary read sizes and injected
//! `Interrupted` errors: the same frames and errors as the core decoder, no
//! panic, and memory bounded by the largest frame.
#![no_main]

use arbitrary::Arbitrary;
use eventstream::{Error, OwnedMessage, Reader};
#[path = "shared.rs"]
mod shared;
use libfuzzer_sys::fuzz_target;
use std::cell::Cell;
use std::io::{self, Read};

#[derive(Debug, Arbitrary)]
struct Input {
    reads: Vec<u16>,
    data: Vec<u8>,
}

/// Reads in the planned sizes; a planned 0 is an `Interrupted` error. Like any
/// real source it makes progress between interruptions (a source interrupted
/// forever would hang every reader, `read_exact` included).
struct Source<'a> {
    data: &'a [u8],
    reads: &'a [u16],
    calls: usize,
    interrupted: bool,
    /// Bytes handed to the reader so far, read by the harness too.
    given: &'a Cell<u64>,
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        let plan = self
            .reads
            .get(self.calls % self.reads.len().max(1))
            .copied()
            .unwrap_or(4096);
        if plan == 0 && !self.interrupted {
            self.interrupted = true;
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        self.interrupted = false;
        let n = usize::from(plan.max(1)).min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.given.set(self.given.get() + n as u64);
        Ok(n)
    }
}

fuzz_target!(|input: Input| {
    let mut expected = Vec::new();
    let mut expected_error = None;
    let mut largest = 0;
    for frame in shared::whole(&input.data) {
        match frame {
            Ok(message) => {
                largest = largest.max(message.len());
                expected.push(OwnedMessage::from(message));
            }
            Err(error) => {
                expected_error = Some(error);
                break;
            }
        }
    }
    let given = Cell::new(0);
    let mut reader = Reader::new(Source {
        data: &input.data,
        reads: &input.reads,
        calls: 0,
        interrupted: false,
        given: &given,
    });
    let mut got = Vec::new();
    loop {
        match reader.read_message() {
            Ok(Some(message)) => got.push(OwnedMessage::from(message)),
            Ok(None) => {
                assert!(expected_error.is_none());
                break;
            }
            Err(Error::UnexpectedEof { .. }) => {
                assert!(matches!(
                    expected_error,
                    Some(eventstream_core::Error::Truncated { .. })
                ));
                break;
            }
            // Text where a stream should start is named, with the same decode error.
            Err(Error::Decode(error) | Error::NotEventStream { error, .. }) => {
                assert_eq!(Some(error), expected_error);
                assert!(reader.read_message().unwrap().is_none());
                break;
            }
            Err(other) => panic!("{other}"),
        }
        // Bounded memory: never more read ahead of the frames handed out
        // (`position`, the lent frame included) than a frame and a read's worth.
        let buffered = given.get() - reader.position();
        assert!(buffered <= (largest.max(8 * 1024) + 64 * 1024) as u64);
    }
    assert_eq!(got, expected);
});
