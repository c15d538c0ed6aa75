//! Text from the wire on its way to a terminal: control characters (ESC
//! and the rest of C0 and C1, DEL) are shown escaped, so a server, a
//! function or a captured stream cannot move the cursor, retitle the
//! window or hide what it printed. Newlines and tabs stay as they are.

use std::borrow::Cow;

/// `text` with every control character but `\n` and `\t` written as `\u{..}`.
///
/// ```
/// use eventstream_cli::terminal::escape;
/// assert_eq!(escape("plain\ttext\n"), "plain\ttext\n");
/// assert_eq!(escape("\u{1b}]0;owned\u{7}"), "\\u{1b}]0;owned\\u{7}");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match is_unsafe(c) {
                true => c.escape_unicode().to_string(),
                false => c.to_string(),
            })
            .collect(),
    )
}

/// Bytes for a terminal: valid UTF-8 with its control characters escaped;
/// other bytes as `\xNN`.
///
/// ```
/// use eventstream_cli::terminal::escape_bytes;
/// assert_eq!(escape_bytes(b"ok\x1b[2J\xff"), "ok\\u{1b}[2J\\xff");
/// ```
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&escape(chunk.valid()));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}
