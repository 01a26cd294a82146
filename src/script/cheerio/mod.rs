//! The native side of `cheerio` (Postman's sandbox ships cheerio 0.22):
//! documents are parsed, searched and written out in Rust, and JavaScript
//! holds only a document object and node numbers (`js/cheerio.js` builds
//! cheerio's `$` on top).
//!
//! `tokenizer.rs` and `dom.rs` parse as htmlparser2 3 does, `select.rs`
//! matches CSS selectors (the `selectors` crate) with css-select's
//! extensions, `serialize.rs` writes markup and text as dom-serializer and
//! cheerio do. A document is a JavaScript object of its own class, so it is
//! freed with the last script value that refers to it.
//!
//! The natives are made on first use: `native.cheerio()` returns them, and
//! only the `cheerio` library file calls it.

mod dom;
mod select;
mod serialize;
mod tokenizer;

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::function::Opt;
use rquickjs::{Class, Ctx, Exception, Function, JsLifetime, Object, Value};

use dom::{Dom, NodeId, NodeKind, ParseOptions, ROOT};
use select::Selector;
use serialize::RenderOptions;

/// A parsed document, as a JavaScript value.
pub(crate) struct Document(Dom);

// SAFETY: `Document` holds no JavaScript values, so no `'js` lifetime to change.
unsafe impl<'js> JsLifetime<'js> for Document {
    type Changed<'to> = Document;
}

impl<'js> Trace<'js> for Document {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

impl<'js> JsClass<'js> for Document {
    const NAME: &'static str = "CheerioDocument";
    type Mutable = Readable;

    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

/// Adds `native.cheerio`, which makes the cheerio natives when first called.
pub(crate) fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("cheerio", Function::new(ctx.clone(), make_natives)?)?;
    Ok(())
}

fn make_natives(ctx: Ctx<'_>) -> rquickjs::Result<Object<'_>> {
    let natives = Object::new(ctx.clone())?;
    natives.set("parse", Function::new(ctx.clone(), parse)?)?;
    natives.set("find", Function::new(ctx.clone(), find)?)?;
    natives.set("matches", Function::new(ctx.clone(), matches)?)?;
    natives.set("node", Function::new(ctx.clone(), node)?)?;
    natives.set("children", Function::new(ctx.clone(), children)?)?;
    natives.set("attrs", Function::new(ctx.clone(), attrs)?)?;
    natives.set("html", Function::new(ctx.clone(), html)?)?;
    natives.set("text", Function::new(ctx.clone(), text)?)?;
    natives.set("contains", Function::new(ctx.clone(), contains)?)?;
    Ok(natives)
}

fn flag(options: &Option<Object<'_>>, name: &str, default: bool) -> bool {
    options
        .as_ref()
        .and_then(|o| o.get::<_, Value>(name).ok())
        .filter(|v| !v.is_undefined())
        .map_or(default, |v| {
            v.as_bool()
                .unwrap_or_else(|| !(v.is_null() || v.as_int() == Some(0)))
        })
}

/// `parse(markup, options)`: a new document (cheerio's options, its defaults).
fn parse<'js>(
    ctx: Ctx<'js>,
    markup: String,
    options: Opt<Object<'js>>,
) -> rquickjs::Result<Class<'js, Document>> {
    let options = options.0;
    let xml_mode = flag(&options, "xmlMode", false);
    let parse_options = ParseOptions {
        xml_mode,
        decode_entities: flag(&options, "decodeEntities", true),
        lower_case_tags: flag(&options, "lowerCaseTags", !xml_mode),
        lower_case_attribute_names: flag(&options, "lowerCaseAttributeNames", !xml_mode),
        recognize_self_closing: flag(&options, "recognizeSelfClosing", false),
        recognize_cdata: flag(&options, "recognizeCDATA", false),
        normalize_whitespace: flag(&options, "normalizeWhitespace", false)
            || flag(&options, "ignoreWhitespace", false),
    };
    Class::instance(ctx, Document(Dom::parse(&markup, parse_options)))
}

fn compile(ctx: &Ctx<'_>, selector: &str) -> rquickjs::Result<Selector> {
    Selector::parse(selector).map_err(|message| Exception::throw_syntax(ctx, &message))
}

/// `find(doc, ids, selector)`: the elements below `ids` that match, in document order.
fn find<'js>(
    ctx: Ctx<'js>,
    doc: Class<'js, Document>,
    ids: Vec<u32>,
    selector: String,
) -> rquickjs::Result<Vec<u32>> {
    let selector = compile(&ctx, &selector)?;
    let doc = doc.borrow();
    let dom = &doc.0;
    let ids: Vec<NodeId> = ids.into_iter().map(|i| i as NodeId).collect();
    let mut is_context = vec![false; dom.nodes.len()];
    for id in &ids {
        if let Some(flag) = is_context.get_mut(*id) {
            *flag = true;
        }
    }
    let mut seen = vec![false; dom.nodes.len()];
    let mut found = Vec::new();
    for id in &ids {
        // A context inside another context adds nothing (css-select's removeSubsets).
        let mut above = dom.node(*id).and_then(|n| n.parent);
        let mut nested = false;
        while let Some(p) = above {
            nested |= is_context[p];
            above = dom.node(p).and_then(|n| n.parent);
        }
        if nested {
            continue;
        }
        for below in dom.descendants(*id) {
            if !seen[below] && selector.matches(dom, below) {
                seen[below] = true;
                found.push(below as u32);
            }
        }
    }
    Ok(found)
}

/// `matches(doc, ids, selector)`: whether each of `ids` matches.
fn matches<'js>(
    ctx: Ctx<'js>,
    doc: Class<'js, Document>,
    ids: Vec<u32>,
    selector: String,
) -> rquickjs::Result<Vec<bool>> {
    let selector = compile(&ctx, &selector)?;
    let doc = doc.borrow();
    Ok(ids
        .into_iter()
        .map(|id| selector.matches(&doc.0, id as NodeId))
        .collect())
}

/// `node(doc, id)`: `[type, name, data, parent, prev, next]` (-1 for none).
fn node<'js>(
    ctx: Ctx<'js>,
    doc: Class<'js, Document>,
    id: u32,
) -> rquickjs::Result<rquickjs::Array<'js>> {
    let doc = doc.borrow();
    let dom = &doc.0;
    let id = id as NodeId;
    let out = rquickjs::Array::new(ctx.clone())?;
    let Some(node) = dom.node(id) else {
        return Ok(out);
    };
    let (kind, name, data): (&str, Option<&str>, Option<&str>) = match &node.kind {
        NodeKind::Root => ("root", Some("root"), None),
        NodeKind::Element { name, .. } => (
            match name.as_str() {
                "script" => "script",
                "style" => "style",
                _ => "tag",
            },
            Some(name),
            None,
        ),
        NodeKind::Text(text) => ("text", None, Some(text)),
        NodeKind::Comment(text) => ("comment", None, Some(text)),
        NodeKind::Cdata => ("cdata", None, None),
        NodeKind::Directive { name, data } => ("directive", Some(name), Some(data)),
    };
    let link = |other: Option<NodeId>| other.map_or(-1, |o| o as i64);
    out.set(0, kind)?;
    out.set(1, name)?;
    out.set(2, data)?;
    out.set(3, link(dom.parent(id)))?;
    out.set(4, link(dom.sibling(id, -1)))?;
    out.set(5, link(dom.sibling(id, 1)))?;
    Ok(out)
}

/// `children(doc, id)`: all child nodes, or undefined for a node that has none to have.
fn children<'js>(doc: Class<'js, Document>, id: u32) -> Option<Vec<u32>> {
    let doc = doc.borrow();
    let node = doc.0.node(id as NodeId)?;
    match node.kind {
        NodeKind::Root | NodeKind::Element { .. } | NodeKind::Cdata => {
            Some(node.children.iter().map(|c| *c as u32).collect())
        }
        _ => None,
    }
}

/// `attrs(doc, id)`: `[name, value, name, value, …]` of an element, in source order.
fn attrs<'js>(doc: Class<'js, Document>, id: u32) -> Option<Vec<String>> {
    let doc = doc.borrow();
    match &doc.0.node(id as NodeId)?.kind {
        NodeKind::Element { attrs, .. } => Some(
            attrs
                .iter()
                .flat_map(|(k, v)| [k.clone(), v.clone()])
                .collect(),
        ),
        _ => None,
    }
}

/// `html(doc, ids, xmlMode, decodeEntities)`: the markup of `ids`.
fn html<'js>(
    doc: Class<'js, Document>,
    ids: Vec<u32>,
    xml_mode: bool,
    decode_entities: bool,
) -> String {
    let doc = doc.borrow();
    let ids: Vec<NodeId> = ids.into_iter().map(|i| i as NodeId).collect();
    serialize::render(
        &doc.0,
        &ids,
        RenderOptions {
            xml_mode,
            decode_entities,
        },
    )
}

/// `text(doc, ids)`: the text of `ids` and everything below them.
fn text<'js>(doc: Class<'js, Document>, ids: Vec<u32>) -> String {
    let doc = doc.borrow();
    let ids: Vec<NodeId> = ids.into_iter().map(|i| i as NodeId).collect();
    serialize::text(&doc.0, &ids)
}

/// `contains(doc, container, contained)`: whether `contained` is below `container`
/// (cheerio's parents: the root's children have none).
fn contains<'js>(doc: Class<'js, Document>, container: u32, contained: u32) -> bool {
    let doc = doc.borrow();
    let (container, contained) = (container as NodeId, contained as NodeId);
    container != ROOT && container != contained && doc.0.contains(container, contained)
}

#[cfg(test)]
mod tests;
