//! `pm.visualizer.set`: rendering the template of an item, as
//! postman-runtime does once the item's scripts are done (with handlebars,
//! the library Postman uses).
//!
//! The item keeps what the last script that called `set` left (the
//! runtime's rule: the latest test script's, else the latest pre-request
//! script's, and test scripts run last). The HTML report shows the result.

use handlebars::{Handlebars, no_escape};

use super::result::Visualization;
use crate::script::Visualizer;

/// Renders `v`; a template that does not compile or render becomes the
/// visualization's error, as postman-runtime reports it with the item.
pub(crate) fn render(v: &Visualizer) -> Visualization {
    let mut registry = Handlebars::new();
    let option = |name: &str| v.options.get(name).and_then(|o| o.as_bool()) == Some(true);
    if option("noEscape") {
        registry.register_escape_fn(no_escape);
    }
    registry.set_strict_mode(option("strict"));
    match registry.render_template(&v.template, &v.data) {
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
}
