//! Why a JSON text was refused, and the one bound the grammar sets. A leaf:
//! the grammar (`syntax.rs`) and the views (`mod.rs`) both report with it.

use core::fmt;

/// Deepest nesting of arrays and objects accepted.
pub(crate) const MAX_DEPTH: usize = 128;

/// Why a JSON text was refused.
///
/// ```
/// use eventstream_core::lambda::{InvokeComplete, JsonError};
/// assert_eq!(InvokeComplete::parse(b"{\"a\" 1}").unwrap_err(), JsonError::Syntax { offset: 5, expected: "':'" });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonError {
    /// The text is not valid UTF-8.
    NotUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// Something else was expected at `offset`.
    Syntax {
        /// Byte offset in the text.
        offset: usize,
        /// What would have been valid there.
        expected: &'static str,
    },
    /// Arrays and objects nest deeper than 128 levels.
    TooDeep {
        /// Byte offset of the bracket that went too deep.
        offset: usize,
    },
    /// The text is valid JSON but not of the expected shape (for example not an object).
    Shape {
        /// What was expected.
        expected: &'static str,
    },
    /// A caller's buffer is too small for the unescaped text.
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
    },
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            JsonError::NotUtf8 { valid_up_to } => {
                write!(f, "JSON is not UTF-8 (valid up to byte {valid_up_to})")
            }
            JsonError::Syntax { offset, expected } => {
                write!(f, "invalid JSON at byte {offset}: expected {expected}")
            }
            JsonError::TooDeep { offset } => {
                write!(f, "JSON nests deeper than {MAX_DEPTH} at byte {offset}")
            }
            JsonError::Shape { expected } => write!(f, "JSON is not {expected}"),
            JsonError::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
        }
    }
}

impl core::error::Error for JsonError {}
