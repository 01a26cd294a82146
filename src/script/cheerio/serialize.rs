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
        render_node(dom, *id, options, &mut out);
    }
    out
}

fn render_node(dom: &Dom, id: NodeId, options: RenderOptions, out: &mut String) {
    let Some(node) = dom.node(id) else { return };
    match &node.kind {
        NodeKind::Root => {
            for child in &node.children {
                render_node(dom, *child, options, out);
            }
        }
        NodeKind::Element { name, attrs } => {
            let options = if name == "svg" {
                RenderOptions {
                    xml_mode: true,
                    ..options
                }
            } else {
                options
            };
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
            if options.xml_mode && node.children.is_empty() {
                out.push_str("/>");
                return;
            }
            out.push('>');
            for child in &node.children {
                render_node(dom, *child, options, out);
            }
            if !is_void(name) || options.xml_mode {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        }
        NodeKind::Text(text) => {
            let raw = node.parent.and_then(|p| dom.name(p)).is_some_and(unencoded);
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
            if let Some(NodeKind::Text(text)) = node
                .children
                .first()
                .and_then(|c| dom.node(*c))
                .map(|n| &n.kind)
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
    }
}

/// The text of `ids` and everything below them (cheerio's `$.text`).
pub(crate) fn text(dom: &Dom, ids: &[NodeId]) -> String {
    let mut out = String::new();
    for id in ids {
        text_of(dom, *id, &mut out);
    }
    out
}

fn text_of(dom: &Dom, id: NodeId, out: &mut String) {
    let Some(node) = dom.node(id) else { return };
    match &node.kind {
        NodeKind::Text(text) => out.push_str(text),
        NodeKind::Comment(_) | NodeKind::Directive { .. } => {}
        NodeKind::Root | NodeKind::Element { .. } | NodeKind::Cdata => {
            for child in &node.children {
                text_of(dom, *child, out);
            }
        }
    }
}

/// domutils' `getText` (used by `:contains`): text and CDATA below an element.
pub(crate) fn inner_text(dom: &Dom, id: NodeId) -> String {
    text(dom, &[id])
}
