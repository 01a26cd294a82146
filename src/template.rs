//! Rendering a handlebars template that came from outside the program — a
//! collection's `pm.visualizer.set` template, or a user's
//! `--reporter-html-template` — bounded like every other expansion of user
//! text.
//!
//! The output stops at [`MAX_EXPANSION`] (`{{#each}}` nested over the same
//! list multiplies), and a partial that calls itself without end
//! (`{{#*inline "p"}}{{> p}}`, or a registered partial naming itself) ends
//! with an error instead of overflowing the stack: rendering runs on its own
//! thread with a large stack, and every partial first checks how much of that
//! thread's stack is used. A partial that recurses over data (a tree) still
//! renders.

use std::io::Write;
use std::sync::LazyLock;

use handlebars::{Handlebars, RenderError, RenderErrorReason};
use regex::Regex;

use crate::variables::MAX_EXPANSION;

/// The stack of the rendering thread, and how much of it partials may use.
const RENDER_STACK: usize = 64 * 1024 * 1024;
const PARTIAL_STACK_BUDGET: usize = 32 * 1024 * 1024;

/// The helper put at the start of every partial.
const GUARD: &str = "courier_partial_guard";

static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern: compiling it cannot fail.
    Regex::new(r"\{\{~?\s*#\*inline\s[^}]*?(~?)\}\}").expect("valid inline pattern")
});

/// A template to render, with the partials it may call (name, source).
#[derive(Debug, Clone, Default)]
pub struct Guarded {
    /// The template's source.
    pub template: String,
    /// Partials registered under their names.
    pub partials: Vec<(String, String)>,
    /// HTML escaping off (`noEscape`).
    pub no_escape: bool,
    /// Strict mode: a missing field is an error.
    pub strict: bool,
}

/// Renders `t` with `data` on a thread of its own; the error says why it
/// could not render (compile error, a partial calling itself, output past
/// [`MAX_EXPANSION`]).
pub fn render(t: Guarded, data: serde_json::Value) -> Result<String, String> {
    std::thread::Builder::new()
        .name("template".into())
        .stack_size(RENDER_STACK)
        .spawn(move || render_here(&t, &data))
        .map_err(|e| format!("cannot start rendering: {e}"))
        .and_then(|thread| {
            thread
                .join()
                .unwrap_or_else(|_| Err("the renderer panicked".into()))
        })
}

/// Renders on the current thread, whose stack [`GUARD`] measures from here.
fn render_here(t: &Guarded, data: &serde_json::Value) -> Result<String, String> {
    let mut registry = Handlebars::new();
    if t.no_escape {
        registry.register_escape_fn(handlebars::no_escape);
    }
    registry.set_strict_mode(t.strict);
    let base = stack_position();
    registry.register_helper(
        GUARD,
        Box::new(
            move |_: &handlebars::Helper<'_>,
                  _: &Handlebars<'_>,
                  _: &handlebars::Context,
                  _: &mut handlebars::RenderContext<'_, '_>,
                  _: &mut dyn handlebars::Output|
                  -> Result<(), RenderError> {
                if base.abs_diff(stack_position()) > PARTIAL_STACK_BUDGET {
                    return Err(RenderErrorReason::Other(
                        "its partials call each other without end".into(),
                    )
                    .into());
                }
                Ok(())
            },
        ),
    );
    for (name, source) in &t.partials {
        registry
            .register_partial(name, format!("{{{{{GUARD}}}}}{}", guard_inline(source)))
            .map_err(|e| e.to_string())?;
    }
    let template = guard_inline(&t.template);
    let mut out = Bounded(Vec::new());
    match registry.render_template_to_write(&template, data, &mut out) {
        Ok(()) => Ok(String::from_utf8_lossy(&out.0).into_owned()),
        Err(_) if out.0.len() >= MAX_EXPANSION => Err(format!(
            "its output passes {} MiB",
            MAX_EXPANSION / (1024 * 1024)
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// `source` with the guard at the start of every inline partial.
fn guard_inline(source: &str) -> String {
    INLINE
        .replace_all(source, |caps: &regex::Captures<'_>| {
            // Keep the tag's whitespace control for what follows it.
            let tilde = &caps[1];
            format!("{}{{{{{GUARD}{tilde}}}}}", &caps[0])
        })
        .into_owned()
}

/// Where the stack is now (it grows down on every platform courier runs on;
/// only the distance between two positions is used).
fn stack_position() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// An output that refuses to grow past [`MAX_EXPANSION`].
struct Bounded(Vec<u8>);

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_EXPANSION {
            self.0.resize(MAX_EXPANSION, 0);
            return Err(std::io::Error::other("the output is too large"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn template(source: &str) -> Guarded {
        Guarded {
            template: source.into(),
            ..Guarded::default()
        }
    }

    #[test]
    fn issue15_registered_partials_calling_each_other_are_an_error() {
        let t = Guarded {
            template: "{{> a}}".into(),
            partials: vec![
                ("a".into(), "x{{> b}}".into()),
                ("b".into(), "y{{> a}}".into()),
            ],
            ..Guarded::default()
        };
        let err = render(t, json!({})).expect_err("endless");
        assert!(err.contains("without end"), "{err}");
    }

    #[test]
    fn issue15_an_inline_partial_calling_itself_is_an_error() {
        let err = render(
            template("{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}"),
            json!({}),
        )
        .expect_err("endless");
        assert!(err.contains("without end"), "{err}");
    }

    #[test]
    fn registered_partials_render() {
        let t = Guarded {
            template: "<{{> item}}>".into(),
            partials: vec![("item".into(), "{{name}}".into())],
            ..Guarded::default()
        };
        assert_eq!(
            render(t, json!({"name": "a&b"})).expect("renders"),
            "<a&amp;b>"
        );
    }
}
