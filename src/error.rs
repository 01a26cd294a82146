//! Writing an error with its causes, each named once.
//!
//! Errors here follow two conventions at once: most keep their cause out of
//! their message and in `source()` (thiserror's `#[source]`), some put it
//! in the message too (`cannot read file X: Is a directory`) so it reads
//! well on its own. Walking the chain and printing every cause would repeat
//! the latter; [`describe`] appends a cause only when the text so far does
//! not already say it. The CLI prints every error that stops a run with it,
//! and `http` describes transport failures with it.

use std::error::Error;

/// `err`'s message, then each cause in turn (`: cause`) unless the text so
/// far already contains it.
pub fn describe(err: &(dyn Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        let said = cause.to_string();
        if !said.is_empty() && !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        next = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read {path}: {source}")]
    struct SaysItsCause {
        path: String,
        #[source]
        source: std::io::Error,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("cannot write the report")]
    struct KeepsItsCause(#[source] std::io::Error);

    #[test]
    fn issue11_each_cause_once() {
        let io = || std::io::Error::from_raw_os_error(21);
        let inline = SaysItsCause {
            path: "dir".into(),
            source: io(),
        };
        assert_eq!(
            describe(&inline),
            "cannot read dir: Is a directory (os error 21)"
        );
        assert_eq!(
            describe(&KeepsItsCause(io())),
            "cannot write the report: Is a directory (os error 21)"
        );
        let wrapped = anyhow::Error::new(inline).context("while loading");
        assert_eq!(
            describe(wrapped.as_ref()),
            "while loading: cannot read dir: Is a directory (os error 21)"
        );
    }
}
