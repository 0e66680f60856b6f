//! Semantic styles; escape codes appear only when colour is enabled.

use std::borrow::Cow;

use anstyle::{AnsiColor, Effects, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    enabled: bool,
}

impl Theme {
    pub fn new(enabled: bool) -> Self {
        Theme { enabled }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// `text` in `style`; borrowed as it is when colour is off, which is every machine-read run.
    fn paint<'a>(&self, style: Style, text: &'a str) -> Cow<'a, str> {
        if self.enabled && !text.is_empty() {
            Cow::Owned(format!("{}{text}{}", style.render(), style.render_reset()))
        } else {
            Cow::Borrowed(text)
        }
    }

    pub fn title<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(Style::new().effects(Effects::BOLD | Effects::UNDERLINE), text)
    }

    pub fn heading<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(AnsiColor::Cyan.on_default().effects(Effects::BOLD), text)
    }

    pub fn strong<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }

    pub fn dim<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(Style::new().effects(Effects::DIMMED), text)
    }

    pub fn good<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    pub fn warning<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(AnsiColor::Yellow.on_default(), text)
    }

    pub fn bad<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.paint(AnsiColor::Red.on_default(), text)
    }
}
