//! ANSI colors for human output, only when wanted.

use std::io::IsTerminal;

use claimlint::Severity;

use crate::args::ColorChoice;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    pub fn new(choice: ColorChoice) -> Self {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        };
        Style { enabled }
    }

    fn paint(self, codes: &str, text: &str) -> String {
        if self.enabled && !text.is_empty() {
            format!("\x1b[{codes}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Gutters and line numbers.
    pub fn dim(self, text: &str) -> String {
        self.paint("1;34", text)
    }

    pub fn help(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    pub fn severity(self, severity: Severity, text: &str) -> String {
        let codes = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;32",
        };
        self.paint(codes, text)
    }
}
