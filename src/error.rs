//! The library's error type.
//!
//! Errors carry where they happened (a file and, for data files, a line), so
//! a user can go straight to the offending place.

use std::fmt;
use std::path::PathBuf;

/// A result whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error from reading input, loading a dictionary or writing output.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An I/O error, with the path it concerns when there is one.
    Io {
        /// The file or directory, if known.
        path: Option<PathBuf>,
        /// The underlying error.
        err: std::io::Error,
    },
    /// A malformed line in a dictionary file.
    Dictionary {
        /// The dictionary's name (its path, or its embedded name).
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong with the line.
        msg: String,
    },
    /// A malformed glossary (for `merge`).
    Glossary {
        /// The glossary's path.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        msg: String,
    },
    /// Invalid configuration.
    Config(String),
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    pub(crate) fn io(path: Option<PathBuf>, err: std::io::Error) -> Error {
        Error(Box::new(ErrorKind::Io { path, err }))
    }

    pub(crate) fn dictionary(path: &str, line: u64, msg: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Dictionary {
            path: path.to_string(),
            line,
            msg: msg.into(),
        }))
    }

    pub(crate) fn glossary(path: &str, line: u64, msg: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Glossary {
            path: path.to_string(),
            line,
            msg: msg.into(),
        }))
    }

    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Config(msg.into())))
    }

    /// True when this is a broken pipe on output (the reader went away).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { err, .. } if err.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::io(None, err)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io { path: Some(p), err } => write!(f, "{}: {}", p.display(), err),
            ErrorKind::Io { path: None, err } => write!(f, "{err}"),
            ErrorKind::Dictionary { path, line, msg } => write!(f, "{path}:{line}: {msg}"),
            ErrorKind::Glossary { path, line, msg } => write!(f, "{path}:{line}: {msg}"),
            ErrorKind::Config(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}
