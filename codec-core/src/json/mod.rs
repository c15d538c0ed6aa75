//! A small zero-copy JSON reader: enough for Lambda's `InvokeComplete` body
//! and the HTTP-integration metadata, in `no_std` without allocation.
//!
//! The whole text is validated once (full JSON syntax, escapes including
//! `\uXXXX` surrogate pairs), in linear time and without recursion: nesting
//! is tracked in a 128-bit stack, and deeper documents are an error. After
//! that, objects and arrays are walked without failure and strings are
//! borrowed, escapes intact, as [`JsonStr`].

mod error;
mod syntax;

pub use error::JsonError;

use core::fmt;
use syntax::{check_string_body, skip_string, skip_value, skip_ws};

/// A JSON string as it is on the wire (without its quotes), escapes intact.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::InvokeComplete;
/// let done = InvokeComplete::parse(br#"{"ErrorCode": "tab\there \ud83d\ude00"}"#).unwrap();
/// let code = done.error_code().unwrap();
/// assert_eq!(code.raw(), r"tab\there \ud83d\ude00");
/// assert_eq!(code.to_string(), "tab\there 😀");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsonStr<'a> {
    raw: &'a str,
}

impl<'a> JsonStr<'a> {
    /// The text between the quotes, as on the wire.
    ///
    /// ```
    /// # use eventstream_core::lambda::InvokeComplete;
    /// let done = InvokeComplete::parse(br#"{"ErrorCode":"a\"b"}"#).unwrap();
    /// assert_eq!(done.error_code().unwrap().raw(), r#"a\"b"#);
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// A string's text as it is between its quotes (what [`raw`](Self::raw)
    /// gives), checked: escapes must be valid and quotes escaped. For text
    /// that travelled on without its string, as C callers' views do.
    ///
    /// ```
    /// use eventstream_core::lambda::{JsonError, JsonStr};
    /// assert_eq!(JsonStr::parse(r"a\u00e9").unwrap().raw(), r"a\u00e9");
    /// assert_eq!(JsonStr::parse(r#"a"b"#), Err(JsonError::Syntax { offset: 1, expected: "an escaped '\"'" }));
    /// ```
    pub fn parse(raw: &'a str) -> Result<Self, JsonError> {
        check_string_body(raw.as_bytes())?;
        Ok(JsonStr { raw })
    }

    /// The unescaped characters, without allocating.
    pub(crate) fn chars(&self) -> JsonChars<'a> {
        JsonChars {
            rest: self.raw.chars(),
        }
    }

    /// Whether the unescaped text equals `text`, without allocating.
    pub(crate) fn eq_unescaped(&self, text: &str) -> bool {
        if !self.raw.contains('\\') {
            return self.raw == text;
        }
        self.chars().eq(text.chars())
    }
}

/// Unescaped, as text; with `alloc`, `to_string()` gives the unescaped `String`.
impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.raw.contains('\\') {
            return f.write_str(self.raw);
        }
        self.chars().try_for_each(|c| fmt::Write::write_char(f, c))
    }
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.raw)
    }
}

/// The characters of a [`JsonStr`], escapes decoded.
#[derive(Debug, Clone)]
pub(crate) struct JsonChars<'a> {
    rest: core::str::Chars<'a>,
}

impl Iterator for JsonChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.rest.next()?;
        if c != '\\' {
            return Some(c);
        }
        // Escapes were validated when the text was parsed.
        Some(match self.rest.next()? {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let high = hex4(&mut self.rest)?;
                if (0xD800..0xDC00).contains(&high) {
                    let (_, _) = (self.rest.next()?, self.rest.next()?); // `\u`
                    let low = hex4(&mut self.rest)?;
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    char::from_u32(high)?
                }
            }
            other => other, // '"', '\\', '/'
        })
    }
}

fn hex4(chars: &mut core::str::Chars<'_>) -> Option<u32> {
    (0..4).try_fold(0u32, |acc, _| Some(acc * 16 + chars.next()?.to_digit(16)?))
}

/// A validated JSON value, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonValue<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string.
    String(JsonStr<'a>),
    /// An array.
    Array(JsonArray<'a>),
    /// An object.
    Object(JsonObject<'a>),
}

impl<'a> JsonValue<'a> {
    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<JsonStr<'a>> {
        match self {
            JsonValue::String(text) => Some(*text),
            _ => None,
        }
    }

    /// The number's text, if this is a number.
    pub(crate) fn as_number(&self) -> Option<&'a str> {
        match self {
            JsonValue::Number(text) => Some(text),
            _ => None,
        }
    }
}

/// A validated JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JsonObject<'a> {
    raw: &'a str,
}

impl<'a> JsonObject<'a> {
    /// Validates `text` as one JSON object (white space around it allowed).
    pub(crate) fn parse(text: &'a str) -> Result<Self, JsonError> {
        let bytes = text.as_bytes();
        let start = skip_ws(bytes, 0);
        let end = skip_value(bytes, start)?;
        let after = skip_ws(bytes, end);
        if after != bytes.len() {
            return Err(JsonError::Syntax {
                offset: after,
                expected: "end of input",
            });
        }
        match bytes.get(start) {
            Some(b'{') => Ok(JsonObject {
                raw: text.get(start..end).unwrap_or_default(),
            }),
            _ => Err(JsonError::Shape {
                expected: "an object",
            }),
        }
    }

    /// Validates UTF-8 bytes as one JSON object.
    pub(crate) fn parse_bytes(bytes: &'a [u8]) -> Result<Self, JsonError> {
        let text = core::str::from_utf8(bytes).map_err(|e| JsonError::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        })?;
        JsonObject::parse(text)
    }

    /// The members in order, duplicates included.
    pub(crate) fn members(&self) -> Members<'a> {
        Members {
            raw: self.raw,
            pos: 1,
        }
    }

    /// The value of member `key` (the last one, if the key repeats).
    pub(crate) fn get(&self, key: &str) -> Option<JsonValue<'a>> {
        self.members()
            .filter(|(k, _)| k.eq_unescaped(key))
            .last()
            .map(|(_, v)| v)
    }
}

/// A validated JSON array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JsonArray<'a> {
    raw: &'a str,
}

impl<'a> JsonArray<'a> {
    /// The elements in order.
    pub(crate) fn values(&self) -> Values<'a> {
        Values {
            raw: self.raw,
            pos: 1,
        }
    }
}

/// Members of a [`JsonObject`]: `(key, value)` pairs.
#[derive(Debug, Clone)]
pub(crate) struct Members<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Iterator for Members<'a> {
    type Item = (JsonStr<'a>, JsonValue<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.raw.as_bytes();
        let at = skip_ws(bytes, self.pos);
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(bytes, at).ok()?;
        let key = JsonStr {
            raw: self.raw.get(at + 1..key_end - 1)?,
        };
        let colon = skip_ws(bytes, key_end);
        let value_start = skip_ws(bytes, colon + 1);
        let (value, end) = value_at(self.raw, value_start)?;
        let after = skip_ws(bytes, end);
        self.pos = if bytes.get(after) == Some(&b',') {
            after + 1
        } else {
            bytes.len()
        };
        Some((key, value))
    }
}

/// Elements of a [`JsonArray`].
#[derive(Debug, Clone)]
pub(crate) struct Values<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Iterator for Values<'a> {
    type Item = JsonValue<'a>;

    fn next(&mut self) -> Option<JsonValue<'a>> {
        let bytes = self.raw.as_bytes();
        let at = skip_ws(bytes, self.pos);
        if matches!(bytes.get(at), None | Some(b']')) {
            return None;
        }
        let (value, end) = value_at(self.raw, at)?;
        let after = skip_ws(bytes, end);
        self.pos = if bytes.get(after) == Some(&b',') {
            after + 1
        } else {
            bytes.len()
        };
        Some(value)
    }
}

/// The (already validated) value starting at `at`, and where it ends.
fn value_at(raw: &str, at: usize) -> Option<(JsonValue<'_>, usize)> {
    let bytes = raw.as_bytes();
    let end = skip_value(bytes, at).ok()?;
    let text = raw.get(at..end)?;
    let value = match bytes.get(at)? {
        b'{' => JsonValue::Object(JsonObject { raw: text }),
        b'[' => JsonValue::Array(JsonArray { raw: text }),
        b'"' => JsonValue::String(JsonStr {
            raw: raw.get(at + 1..end - 1)?,
        }),
        b't' => JsonValue::Bool(true),
        b'f' => JsonValue::Bool(false),
        b'n' => JsonValue::Null,
        _ => JsonValue::Number(text),
    };
    Some((value, end))
}

#[cfg(test)]
mod tests;
