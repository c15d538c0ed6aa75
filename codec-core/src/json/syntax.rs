//! The JSON grammar, checked byte by byte: one value's extent, found in
//! linear time without recursion. What the views in `mod.rs` walk has
//! passed it.

use super::error::{JsonError, MAX_DEPTH};

pub(super) fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

fn syntax(offset: usize, expected: &'static str) -> JsonError {
    JsonError::Syntax { offset, expected }
}

/// Validates one value starting at `at` (no leading white space) and returns
/// where it ends. Iterative: nesting lives in a bit stack (1 = object).
pub(super) fn skip_value(bytes: &[u8], mut at: usize) -> Result<usize, JsonError> {
    let mut stack: u128 = 0;
    let mut depth = 0usize;
    'value: loop {
        // A value is expected at `at`.
        at = skip_ws(bytes, at);
        match bytes.get(at) {
            Some(&open @ (b'{' | b'[')) => {
                if depth == MAX_DEPTH {
                    return Err(JsonError::TooDeep { offset: at });
                }
                stack = (stack << 1) | u128::from(open == b'{');
                depth += 1;
                at = skip_ws(bytes, at + 1);
                let close = if open == b'{' { b'}' } else { b']' };
                if bytes.get(at) == Some(&close) {
                    at += 1;
                    stack >>= 1;
                    depth -= 1;
                } else if open == b'{' {
                    at = skip_key(bytes, at)?;
                    continue 'value;
                } else {
                    continue 'value;
                }
            }
            Some(b'"') => at = skip_string(bytes, at)?,
            Some(b't') => at = skip_literal(bytes, at, b"true")?,
            Some(b'f') => at = skip_literal(bytes, at, b"false")?,
            Some(b'n') => at = skip_literal(bytes, at, b"null")?,
            Some(b'-' | b'0'..=b'9') => at = skip_number(bytes, at)?,
            _ => return Err(syntax(at, "a value")),
        }
        // After a value: close containers or move to the next element.
        loop {
            if depth == 0 {
                return Ok(at);
            }
            at = skip_ws(bytes, at);
            let in_object = stack & 1 == 1;
            match (bytes.get(at), in_object) {
                (Some(b','), true) => {
                    at = skip_key(bytes, skip_ws(bytes, at + 1))?;
                    continue 'value;
                }
                (Some(b','), false) => {
                    at += 1;
                    continue 'value;
                }
                (Some(b'}'), true) | (Some(b']'), false) => {
                    at += 1;
                    stack >>= 1;
                    depth -= 1;
                }
                (_, true) => return Err(syntax(at, "',' or '}'")),
                (_, false) => return Err(syntax(at, "',' or ']'")),
            }
        }
    }
}

/// A member's key and colon, from the key's opening quote; returns where its value starts.
fn skip_key(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    if bytes.get(at) != Some(&b'"') {
        return Err(syntax(at, "a string key"));
    }
    let at = skip_ws(bytes, skip_string(bytes, at)?);
    if bytes.get(at) != Some(&b':') {
        return Err(syntax(at, "':'"));
    }
    Ok(at + 1)
}

fn skip_literal(bytes: &[u8], at: usize, literal: &'static [u8]) -> Result<usize, JsonError> {
    match bytes.get(at..at + literal.len()) {
        Some(found) if found == literal => Ok(at + literal.len()),
        _ => Err(syntax(at, "true, false or null")),
    }
}

/// A string from its opening quote: escapes checked, control characters refused.
pub(super) fn skip_string(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    match scan_string_body(bytes, at + 1)? {
        Some(quote) => Ok(quote + 1),
        None => Err(syntax(bytes.len(), "'\"' to end the string")),
    }
}

/// A string's text without its quotes, as [`JsonStr::parse`](super::JsonStr::parse)
/// takes it: all of `bytes` must be string characters.
pub(super) fn check_string_body(bytes: &[u8]) -> Result<(), JsonError> {
    match scan_string_body(bytes, 0)? {
        None => Ok(()),
        Some(quote) => Err(syntax(quote, "an escaped '\"'")),
    }
}

/// A string's characters from `at` on: the offset of the quote that ends
/// them, or `None` when the input ends first.
fn scan_string_body(bytes: &[u8], mut i: usize) -> Result<Option<usize>, JsonError> {
    loop {
        match bytes.get(i) {
            None => return Ok(None),
            Some(b'"') => return Ok(Some(i)),
            Some(b'\\') => {
                i = match bytes.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i + 2,
                    Some(b'u') => skip_unicode_escape(bytes, i)?,
                    _ => {
                        return Err(syntax(
                            i + 1,
                            "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                        ));
                    }
                };
            }
            Some(0..=0x1f) => return Err(syntax(i, "an escaped control character")),
            Some(_) => i += 1,
        }
    }
}

/// `\uXXXX` at `at` (the backslash); a high surrogate must be followed by a low one.
fn skip_unicode_escape(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    let unit = |i: usize| -> Result<u32, JsonError> {
        let digits = bytes
            .get(i + 2..i + 6)
            .ok_or(syntax(i + 2, "4 hex digits"))?;
        digits.iter().try_fold(0u32, |acc, &d| {
            let d = char::from(d)
                .to_digit(16)
                .ok_or(syntax(i + 2, "4 hex digits"))?;
            Ok(acc * 16 + d)
        })
    };
    let first = unit(at)?;
    match first {
        0xD800..=0xDBFF => {
            if bytes.get(at + 6..at + 8) != Some(b"\\u")
                || !(0xDC00..=0xDFFF).contains(&unit(at + 6)?)
            {
                return Err(syntax(at + 6, "a low surrogate \\uDC00-\\uDFFF"));
            }
            Ok(at + 12)
        }
        0xDC00..=0xDFFF => Err(syntax(at, "a high surrogate before a low one")),
        _ => Ok(at + 6),
    }
}

fn skip_number(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    let digits = |mut i: usize| -> (usize, bool) {
        let start = i;
        while matches!(bytes.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        (i, i > start)
    };
    let mut i = at + usize::from(bytes.get(at) == Some(&b'-'));
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(i).0,
        _ => return Err(syntax(i, "a digit")),
    }
    if bytes.get(i) == Some(&b'.') {
        let (end, any) = digits(i + 1);
        if !any {
            return Err(syntax(i + 1, "a digit after '.'"));
        }
        i = end;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let (end, any) = digits(i);
        if !any {
            return Err(syntax(i, "a digit in the exponent"));
        }
        i = end;
    }
    Ok(i)
}
