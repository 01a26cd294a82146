//! `pm.visualizer.set`: rendering the template of an item, as
//! postman-runtime does once the item's scripts are done (with handlebars,
//! the library Postman uses).
//!
//! The item keeps what the last script that called `set` left (the
//! runtime's rule: the latest test script's, else the latest pre-request
//! script's, and test scripts run last). The HTML report shows the result.

//!
//! The template comes from the collection, so it is rendered by
//! [`crate::template`], bounded like every other expansion of collection
//! text (output size, partials calling themselves).

use crate::outcome::Visualization;
use crate::script::Visualizer;

/// Renders `v`; a template that does not compile or render becomes the
/// visualization's error, as postman-runtime reports it with the item.
pub(crate) fn render(v: &Visualizer) -> Visualization {
    let option = |name: &str| v.options.get(name).and_then(|o| o.as_bool()) == Some(true);
    let template = crate::template::Guarded {
        template: v.template.clone(),
        partials: Vec::new(),
        no_escape: option("noEscape"),
        strict: option("strict"),
    };
    match crate::template::render(template, v.data.clone()) {
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
