//! Import errors that tell the user what is wrong and where.

use std::fmt;

use crate::error::ServiceError;

/// Where in the source an import error was found, so the user can go there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A 1-based line of a text source (WebVTT, or a JSON syntax error).
    Line(usize),
    /// A JSON path such as `segments[3].startMs`; empty for the whole document.
    JsonPath(String),
    /// One file of a multi-file import (the Dynamics pair), and where in it.
    File {
        /// How the user knows the file, e.g. "the metadata file".
        file: String,
        within: Option<Box<Location>>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Line(line) => write!(f, "line {line}"),
            Self::JsonPath(path) if path.is_empty() => f.write_str("at the top level"),
            Self::JsonPath(path) => write!(f, "at `{path}`"),
            Self::File { file, within: None } => write!(f, "in {file}"),
            Self::File {
                file,
                within: Some(within),
            } => write!(f, "in {file}, {within}"),
        }
    }
}

/// A rejected import: what is wrong (`message`) and where (`location`, when
/// the problem sits at one place in the source).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{message}", location_prefix(.location))]
pub struct ImportError {
    pub location: Option<Location>,
    pub message: String,
}

fn location_prefix(location: &Option<Location>) -> String {
    location
        .as_ref()
        .map(|location| format!("{location}: "))
        .unwrap_or_default()
}

impl ImportError {
    /// An error about the source as a whole.
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            location: None,
            message: message.into(),
        }
    }

    /// An error at one place in the source.
    pub(crate) fn at(location: Location, message: impl Into<String>) -> Self {
        Self {
            location: Some(location),
            message: message.into(),
        }
    }

    /// An error on a 1-based line.
    pub(crate) fn line(line: usize, message: impl Into<String>) -> Self {
        Self::at(Location::Line(line), message)
    }

    /// An error at a JSON path.
    pub(crate) fn path(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::at(Location::JsonPath(path.into()), message)
    }

    /// Places this error inside one file of a multi-file import.
    pub(crate) fn in_file(self, file: &str) -> Self {
        Self {
            location: Some(Location::File {
                file: file.to_owned(),
                within: self.location.map(Box::new),
            }),
            message: self.message,
        }
    }
}

/// A transcript that does not import is the caller's to fix.
impl From<ImportError> for ServiceError {
    fn from(err: ImportError) -> Self {
        Self::BadUserInput(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_place_then_the_problem() {
        assert_eq!(
            ImportError::line(12, "bad timing").to_string(),
            "line 12: bad timing"
        );
        assert_eq!(
            ImportError::path("segments[3].startMs", "invalid type").to_string(),
            "at `segments[3].startMs`: invalid type"
        );
        assert_eq!(
            ImportError::path("", "missing field `segments`").to_string(),
            "at the top level: missing field `segments`"
        );
        assert_eq!(ImportError::new("too big").to_string(), "too big");
        assert_eq!(
            ImportError::path("participants[0]", "bad role")
                .in_file("the metadata file")
                .to_string(),
            "in the metadata file, at `participants[0]`: bad role"
        );
    }
}
