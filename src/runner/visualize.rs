//! `pm.visualizer.set`: rendering the template of an item, as
//! postman-runtime does once the item's scripts are done (with handlebars,
//! the library Postman uses).
//!
//! The item keeps what the last script that called `set` left (the
//! runtime's rule: the latest test script's, else the latest pre-request
//! script's, and test scripts run last). The HTML report shows the result.

//!
//! The template comes from the collection, so it is bounded like every
//! other expansion of collection text: the rendered HTML stops at
//! [`MAX_EXPANSION`] (`{{#each}}` nested over the same list multiplies), and
//! a partial that calls itself without end (`{{#*inline "p"}}{{> p}}`) ends
//! with an error instead of overflowing the stack: rendering runs on its own
//! thread, and every inline partial first checks how much of that thread's
//! stack is used.

use std::io::Write;
use std::sync::LazyLock;

use handlebars::{Handlebars, RenderError, RenderErrorReason, no_escape};
use regex::Regex;

use crate::outcome::Visualization;
use crate::script::Visualizer;
use crate::variables::MAX_EXPANSION;

/// The stack of the rendering thread, and how much of it partials may use.
const RENDER_STACK: usize = 64 * 1024 * 1024;
const PARTIAL_STACK_BUDGET: usize = 32 * 1024 * 1024;

/// The helper put at the start of every inline partial.
const GUARD: &str = "courier_partial_guard";

static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern: compiling it cannot fail.
    Regex::new(r"\{\{~?\s*#\*inline\s[^}]*?(~?)\}\}").expect("valid inline pattern")
});

/// Renders `v`; a template that does not compile or render becomes the
/// visualization's error, as postman-runtime reports it with the item.
pub(crate) fn render(v: &Visualizer) -> Visualization {
    let v = v.clone();
    let rendered = std::thread::Builder::new()
        .name("visualizer".into())
        .stack_size(RENDER_STACK)
        .spawn(move || render_here(&v))
        .map_err(|e| format!("cannot start rendering: {e}"))
        .and_then(|t| {
            t.join()
                .unwrap_or_else(|_| Err("the renderer panicked".into()))
        });
    match rendered {
        Ok(html) => Visualization {
            html: Some(html),
            error: None,
        },
        Err(e) => Visualization {
            html: None,
            error: Some(format!("the visualizer template does not render: {e}")),
        },
    }
}

/// Renders on the current thread, whose stack [`GUARD`] measures from here.
fn render_here(v: &Visualizer) -> Result<String, String> {
    let mut registry = Handlebars::new();
    let option = |name: &str| v.options.get(name).and_then(|o| o.as_bool()) == Some(true);
    if option("noEscape") {
        registry.register_escape_fn(no_escape);
    }
    registry.set_strict_mode(option("strict"));
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
    let template = INLINE.replace_all(&v.template, |caps: &regex::Captures<'_>| {
        // Keep the tag's whitespace control for what follows it.
        let tilde = &caps[1];
        format!("{}{{{{{GUARD}{tilde}}}}}", &caps[0])
    });
    let mut out = Bounded(Vec::new());
    match registry.render_template_to_write(&template, &v.data, &mut out) {
        Ok(()) => Ok(String::from_utf8_lossy(&out.0).into_owned()),
        Err(_) if out.0.len() >= MAX_EXPANSION => Err(format!(
            "its output passes {} MiB",
            MAX_EXPANSION / (1024 * 1024)
        )),
        Err(e) => Err(e.to_string()),
    }
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

    fn visualizer(
        template: &str,
        data: serde_json::Value,
        options: serde_json::Value,
    ) -> Visualizer {
        Visualizer {
            template: template.into(),
            data,
            options,
        }
    }

    #[test]
    fn issue13_templates_render_with_handlebars_and_escape_by_default() {
        let v = visualizer(
            "<ul>{{#each rows}}<li>{{@index}}:{{name}}</li>{{/each}}</ul>",
            json!({"rows": [{"name": "a<b"}, {"name": "c"}]}),
            json!(null),
        );
        assert_eq!(
            render(&v).html.as_deref(),
            Some("<ul><li>0:a&lt;b</li><li>1:c</li></ul>")
        );
        let raw = visualizer("{{x}}", json!({"x": "<i>"}), json!({"noEscape": true}));
        assert_eq!(render(&raw).html.as_deref(), Some("<i>"));
    }

    #[test]
    fn issue13_a_broken_template_is_an_error_of_the_item() {
        let v = visualizer("{{#each rows}}", json!({}), json!(null));
        let out = render(&v);
        assert!(out.html.is_none());
        assert!(out.error.is_some_and(|e| e.contains("does not render")));
        let strict = visualizer("{{missing}}", json!({}), json!({"strict": true}));
        assert!(render(&strict).error.is_some());
    }

    #[test]
    fn issue15_a_partial_calling_itself_is_an_error_not_a_crash() {
        for template in [
            r#"{{#*inline "p"}}x{{> p}}{{/inline}}{{> p}}"#,
            r#"{{~#*inline "p"~}} {{> p}} {{~/inline~}}{{> p}}"#,
            r#"{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}{{> a}}"#,
        ] {
            let out = render(&visualizer(template, json!({}), json!(null)));
            let error = out.error.unwrap_or_default();
            assert!(error.contains("without end"), "{template}: {error}");
        }
    }

    #[test]
    fn issue15_partials_recursing_over_data_still_render() {
        let tree = json!({"name": "a", "children": [
            {"name": "b", "children": [{"name": "c", "children": []}]},
            {"name": "d", "children": []}
        ]});
        let template = r#"{{~#*inline "node"~}}
            ({{name}}{{#each children}}{{> node}}{{/each}})
            {{~/inline~}}{{> node}}"#;
        let out = render(&visualizer(template, tree, json!(null)));
        assert_eq!(out.html.as_deref(), Some("(a(b(c))(d))"), "{:?}", out.error);
    }

    #[test]
    fn issue15_output_stops_at_the_expansion_limit() {
        let rows: Vec<u32> = (0..200).collect();
        let template = "{{#each r}}{{#each ../r}}{{#each ../../r}}{{#each ../../../r}}\
                        xxxxxxxxxx{{/each}}{{/each}}{{/each}}{{/each}}";
        let out = render(&visualizer(template, json!({ "r": rows }), json!(null)));
        assert!(out.html.is_none());
        let error = out.error.unwrap_or_default();
        assert!(error.ends_with("its output passes 16 MiB"), "{error}");
    }
}
