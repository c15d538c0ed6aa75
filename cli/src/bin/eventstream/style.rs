//! Colour, as ripgrep and bat do it: on when the stream is a terminal, off
//! when it is piped or `NO_COLOR` is set (`CLICOLOR_FORCE` forces it on).
//! Only the tool's own labels are coloured; bytes from the wire never pass
//! through here unescaped.

use anstyle::{AnsiColor, Style};
use std::fmt::Display;

/// Styles for one output stream, or none.
#[derive(Clone, Copy)]
pub(crate) struct Paint {
    enabled: bool,
}

/// Frame titles.
pub(crate) const TITLE: Style = Style::new().bold();
/// Header names.
pub(crate) const NAME: Style = AnsiColor::Cyan.on_default();
/// Event types, and success.
pub(crate) const GOOD: Style = AnsiColor::Green.on_default().bold();
/// Exception and error types, corrupt frames, failures.
pub(crate) const BAD: Style = AnsiColor::Red.on_default().bold();

impl Paint {
    /// For standard output.
    pub(crate) fn stdout() -> Self {
        Paint::choose(anstream::AutoStream::choice(&std::io::stdout()))
    }

    /// For standard error.
    pub(crate) fn stderr() -> Self {
        Paint::choose(anstream::AutoStream::choice(&std::io::stderr()))
    }

    fn choose(choice: anstream::ColorChoice) -> Self {
        Paint {
            enabled: choice != anstream::ColorChoice::Never,
        }
    }

    /// `text` in `style` when colour is on.
    pub(crate) fn paint(self, style: Style, text: impl Display) -> String {
        match self.enabled {
            true => format!("{}{text}{}", style.render(), style.render_reset()),
            false => text.to_string(),
        }
    }
}
