//! Markup and text out of a [`Dom`], as cheerio 0.22 writes them: its
//! `.html()` goes through dom-serializer 0.1 (text and attribute values
//! re-encoded with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and
//! `&#x…;` for anything outside ASCII, except inside `script`, `style` and
//! the like; empty attributes written bare in HTML; `<x/>` for empty
//! elements in XML mode and inside `svg`), and its `.text()` joins text
//! nodes, CDATA included, comments left out.

use super::dom::{Dom, NodeId, NodeKind, is_void};

/// Serialization options: XML mode, and whether entities were decoded (and so are re-encoded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderOptions {
    pub xml_mode: bool,
    pub decode_entities: bool,
}

/// Elements whose text is written as it is.
fn unencoded(name: &str) -> bool {
    matches!(
        name,
        "style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript"
    )
}

/// `entities.encodeXML`: the five XML characters by name, non-ASCII as hex references.
pub(crate) fn encode_xml(text: &str, out: &mut String) {
    use std::fmt::Write;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
        }
    }
}

/// The markup of `ids`, one after the other (each node with its own tags).
pub(crate) fn render(dom: &Dom, ids: &[NodeId], options: RenderOptions) -> String {
    let mut out = String::new();
    for id in ids {
        render_tree(dom, *id, options, &mut out);
    }
    out
}

/// A step of the walk: write a node (its start and content), or an element's end tag.
enum Step<'a> {
    Enter(NodeId, RenderOptions),
    Close(&'a str),
}

/// Writes `top` and everything below it; a loop, not recursion, so deep documents cannot overflow the stack.
fn render_tree(dom: &Dom, top: NodeId, options: RenderOptions, out: &mut String) {
    let mut steps = vec![Step::Enter(top, options)];
    while let Some(step) = steps.pop() {
        let (id, options) = match step {
            Step::Close(name) => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
                continue;
            }
            Step::Enter(id, options) => (id, options),
        };
        let Some(node) = dom.node(id) else { continue };
        let options = match &node.kind {
            NodeKind::Root => options,
            NodeKind::Element { name, attrs } => {
                let options = if name == "svg" {
                    RenderOptions {
                        xml_mode: true,
                        ..options
                    }
                } else {
                    options
                };
                start_tag(name, attrs, options, out);
                if options.xml_mode && node.children.is_empty() {
                    out.push_str("/>");
                    continue;
                }
                out.push('>');
                if !is_void(name) || options.xml_mode {
                    steps.push(Step::Close(name));
                }
                options
            }
            other => {
                leaf(dom, node.parent, other, &node.children, options, out);
                continue;
            }
        };
        steps.extend(node.children.iter().rev().map(|c| Step::Enter(*c, options)));
    }
}

fn start_tag(name: &str, attrs: &[(String, String)], options: RenderOptions, out: &mut String) {
    out.push('<');
    out.push_str(name);
    for (key, value) in attrs {
        out.push(' ');
        out.push_str(key);
        if !value.is_empty() || options.xml_mode {
            out.push_str("=\"");
            if options.decode_entities {
                encode_xml(value, out);
            } else {
                out.push_str(value);
            }
            out.push('"');
        }
    }
}

/// Text, comments, CDATA sections and directives.
fn leaf(
    dom: &Dom,
    parent: Option<NodeId>,
    kind: &NodeKind,
    children: &[NodeId],
    options: RenderOptions,
    out: &mut String,
) {
    match kind {
        NodeKind::Text(text) => {
            let raw = parent.and_then(|p| dom.name(p)).is_some_and(unencoded);
            if options.decode_entities && !raw {
                encode_xml(text, out);
            } else {
                out.push_str(text);
            }
        }
        NodeKind::Comment(text) => {
            out.push_str("<!--");
            out.push_str(text);
            out.push_str("-->");
        }
        NodeKind::Cdata => {
            out.push_str("<![CDATA[");
            if let Some(NodeKind::Text(text)) =
                children.first().and_then(|c| dom.node(*c)).map(|n| &n.kind)
            {
                out.push_str(text);
            }
            out.push_str("]]>");
        }
        NodeKind::Directive { data, .. } => {
            out.push('<');
            out.push_str(data);
            out.push('>');
        }
        NodeKind::Root | NodeKind::Element { .. } => {}
    }
}

/// The text of `ids` and everything below them (cheerio's `$.text`).
pub(crate) fn text(dom: &Dom, ids: &[NodeId]) -> String {
    let mut out = String::new();
    for id in ids {
        let mut stack = vec![*id];
        while let Some(at) = stack.pop() {
            let Some(node) = dom.node(at) else { continue };
            match &node.kind {
                NodeKind::Text(text) => out.push_str(text),
                NodeKind::Comment(_) | NodeKind::Directive { .. } => {}
                NodeKind::Root | NodeKind::Element { .. } | NodeKind::Cdata => {
                    stack.extend(node.children.iter().rev());
                }
            }
        }
    }
    out
}

/// domutils' `getText` (used by `:contains`): text and CDATA below an element.
pub(crate) fn inner_text(dom: &Dom, id: NodeId) -> String {
    text(dom, &[id])
}
