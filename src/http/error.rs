//! The error of building a request.
//!
//! Its own module so that `build.rs` (which calls auth) and `auth/` (which
//! signs what `build.rs` built) both use it without importing each other.

/// Why a request could not be built; the item is reported and skipped.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{message}")]
pub struct BuildError {
    /// What went wrong, and what to do.
    pub message: String,
    /// The URL text, when the URL itself was the problem (an undefined
    /// variable in the host, say): Postman attempts such a request and
    /// fails it at the network, so the runner reports it the same way.
    pub bad_url: Option<String>,
}

impl BuildError {
    /// An error that is not about the URL.
    pub fn new(message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            bad_url: None,
        }
    }
}
