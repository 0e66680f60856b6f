//! Semantic styles; escape codes appear only when colour is enabled.

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

    fn paint(&self, style: Style, text: &str) -> String {
        if self.enabled && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub fn title(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD | Effects::UNDERLINE), text)
    }

    pub fn heading(&self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default().effects(Effects::BOLD), text)
    }

    pub fn strong(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::DIMMED), text)
    }

    pub fn good(&self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    pub fn warning(&self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), text)
    }

    pub fn bad(&self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default(), text)
    }
}
