//! The document `cheerio.load` builds: an arena of nodes shaped as
//! domhandler 2 shapes them for cheerio 0.22 (a root, elements with their
//! attributes in source order, text, comments, CDATA sections and
//! `<!…>` / `<?…>` directives), and the tree builder that turns the
//! tokenizer's events into it with htmlparser2 3's rules (no implied
//! `html` / `head` / `body`, a few tags that close open ones, void
//! elements, self-closing tags in XML mode and inside `svg` / `math`).
//!
//! `tokenizer.rs` feeds it; `select.rs` and `serialize.rs` read it.

use super::tokenizer::{Sink, Tokenizer};

/// A node's index in its [`Dom`]; the root is 0.
pub(crate) type NodeId = usize;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// The document root (cheerio's `type: 'root'`).
    Root,
    /// An element with its attributes in the order they were written.
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// A text node.
    Text(String),
    /// A comment (`<!--…-->`; in HTML mode also `<![CDATA[…]]>`).
    Comment(String),
    /// A CDATA section (XML mode); its text is its one child.
    Cdata,
    /// `<!DOCTYPE …>` or `<?xml …?>`: a name (`!doctype`) and the data between `<` and `>`.
    Directive { name: String, data: String },
}

/// One node: what it is, and where it hangs.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    /// Its index in its parent's `children`.
    pub position: usize,
}

/// Parser options, as cheerio passes them to htmlparser2 (cheerio 0.22's defaults).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParseOptions {
    pub xml_mode: bool,
    pub decode_entities: bool,
    pub lower_case_tags: bool,
    pub lower_case_attribute_names: bool,
    pub recognize_self_closing: bool,
    pub recognize_cdata: bool,
    pub normalize_whitespace: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            xml_mode: false,
            decode_entities: true,
            lower_case_tags: true,
            lower_case_attribute_names: true,
            recognize_self_closing: false,
            recognize_cdata: false,
            normalize_whitespace: false,
        }
    }
}

/// A parsed document.
#[derive(Debug, Clone)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// Parsed in XML mode (names keep their case, matching is case-sensitive).
    pub xml_mode: bool,
}

/// The root's id.
pub(crate) const ROOT: NodeId = 0;

impl Dom {
    /// Parses `source` as cheerio 0.22 does with `options`.
    pub(crate) fn parse(source: &str, options: ParseOptions) -> Dom {
        let mut builder = Builder::new(options);
        Tokenizer::new(options.xml_mode, options.decode_entities).run(source, &mut builder);
        builder.dom
    }

    /// The node `id`, if there is one.
    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// Whether `id` is an element (cheerio's `isTag`: tags, scripts, styles).
    pub(crate) fn is_element(&self, id: NodeId) -> bool {
        matches!(
            self.nodes.get(id).map(|n| &n.kind),
            Some(NodeKind::Element { .. })
        )
    }

    /// An element's name.
    pub(crate) fn name(&self, id: NodeId) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// An element's attribute `name`.
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The parent as cheerio sees it: none for the root's children.
    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.get(id)?.parent.filter(|p| *p != ROOT)
    }

    /// The sibling `offset` places away (-1 before, 1 after).
    pub(crate) fn sibling(&self, id: NodeId, offset: isize) -> Option<NodeId> {
        let node = self.nodes.get(id)?;
        let parent = self.nodes.get(node.parent?)?;
        let at = node.position.checked_add_signed(offset)?;
        parent.children.get(at).copied()
    }

    /// `id` and every node below it, in document order.
    pub(crate) fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = self
            .nodes
            .get(id)
            .map(|n| n.children.iter().rev().copied().collect())
            .unwrap_or_default();
        while let Some(next) = stack.pop() {
            out.push(next);
            if let Some(node) = self.nodes.get(next) {
                stack.extend(node.children.iter().rev());
            }
        }
        out
    }

    /// Whether `ancestor` is above `id`.
    pub(crate) fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        let mut at = self.nodes.get(id).and_then(|n| n.parent);
        while let Some(p) = at {
            if p == ancestor {
                return true;
            }
            at = self.nodes.get(p).and_then(|n| n.parent);
        }
        false
    }

    fn push(&mut self, kind: NodeKind, parent: NodeId) -> NodeId {
        let id = self.nodes.len();
        let position = self.nodes[parent].children.len();
        self.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
            position,
        });
        self.nodes[parent].children.push(id);
        id
    }
}

/// Elements whose start closes the listed open elements (HTML mode).
fn implies_close(opening: &str, open: &str) -> bool {
    const FORM: &[&str] = &[
        "input", "option", "optgroup", "select", "button", "datalist", "textarea",
    ];
    let closes: &[&str] = match opening {
        "tr" => &["tr", "th", "td"],
        "th" => &["th"],
        "td" => &["thead", "th", "td"],
        "body" => &["head", "link", "script"],
        "li" => &["li"],
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &["p"],
        "select" | "input" | "output" | "button" | "datalist" | "textarea" => FORM,
        "option" => &["option"],
        "optgroup" => &["optgroup"],
        _ => return false,
    };
    closes.contains(&open)
}

/// HTML's void elements (never have children, never closed).
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "br"
            | "col"
            | "command"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "isindex"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The name as a JavaScript array index (`0`, `1`, ... without leading zeros), if it is one.
fn array_index(name: &str) -> Option<u32> {
    if name.is_empty() || (name.len() > 1 && name.starts_with('0')) {
        return None;
    }
    if !name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    name.parse::<u32>().ok().filter(|i| *i != u32::MAX)
}

fn is_foreign_context(name: &str) -> bool {
    matches!(name, "math" | "svg")
}

fn is_html_integration(name: &str) -> bool {
    matches!(
        name,
        "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml" | "foreignObject" | "desc" | "title"
    )
}

/// htmlparser2's `Parser` and domhandler's `DomHandler` in one: the open
/// names (the parser's stack) and the open nodes (the handler's stack).
struct Builder {
    dom: Dom,
    options: ParseOptions,
    names: Vec<String>,
    open: Vec<NodeId>,
    foreign: Vec<bool>,
    tag_name: String,
    attr_name: String,
    attr_value: String,
    attrs: Option<Vec<(String, String)>>,
}

impl Builder {
    fn new(options: ParseOptions) -> Self {
        let root = Node {
            kind: NodeKind::Root,
            parent: None,
            children: Vec::new(),
            position: 0,
        };
        Builder {
            dom: Dom {
                nodes: vec![root],
                xml_mode: options.xml_mode,
            },
            options,
            names: Vec::new(),
            open: Vec::new(),
            foreign: Vec::new(),
            tag_name: String::new(),
            attr_name: String::new(),
            attr_value: String::new(),
            attrs: None,
        }
    }

    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(ROOT)
    }

    /// domhandler's `onclosetag`: whatever the name, the innermost open node closes.
    fn pop_node(&mut self) {
        self.open.pop();
    }

    fn close_current_tag(&mut self) {
        let name = self.tag_name.clone();
        self.open_tag_end();
        if self.names.last() == Some(&name) {
            self.pop_node();
            self.names.pop();
        }
    }

    fn normalize(&self, text: &str) -> String {
        if !self.options.normalize_whitespace {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut in_space = false;
        for c in text.chars() {
            // JavaScript's `\s`.
            if (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}' {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        out
    }

    fn add_text(&mut self, data: &str) {
        let parent = self.current();
        let last = self.dom.nodes[parent].children.last().copied();
        if let Some(last) = last
            && let NodeKind::Text(existing) = &self.dom.nodes[last].kind
        {
            let joined = format!("{existing}{data}");
            let joined = self.normalize(&joined);
            self.dom.nodes[last].kind = NodeKind::Text(joined);
            return;
        }
        let text = self.normalize(data);
        self.dom.push(NodeKind::Text(text), parent);
    }
}

impl Sink for Builder {
    fn text(&mut self, data: &str) {
        self.add_text(data);
    }

    fn open_tag_name(&mut self, name: &str) {
        let name = if self.options.lower_case_tags {
            name.to_lowercase()
        } else {
            name.to_owned()
        };
        if !self.options.xml_mode {
            while let Some(top) = self.names.last() {
                if !implies_close(&name, top) {
                    break;
                }
                let top = top.clone();
                self.close_tag(&top);
            }
        }
        if self.options.xml_mode || !is_void(&name) {
            self.names.push(name.clone());
            if is_foreign_context(&name) {
                self.foreign.push(true);
            } else if is_html_integration(&name) {
                self.foreign.push(false);
            }
        }
        self.tag_name = name;
        self.attrs = Some(Vec::new());
    }

    fn open_tag_end(&mut self) {
        if let Some(mut attrs) = self.attrs.take() {
            // A JavaScript object lists integer-like keys first, in numeric order.
            attrs.sort_by_key(|(name, _)| array_index(name).map_or((1, 0), |i| (0, i)));
            let parent = self.current();
            let id = self.dom.push(
                NodeKind::Element {
                    name: self.tag_name.clone(),
                    attrs,
                },
                parent,
            );
            self.open.push(id);
        }
        if !self.options.xml_mode && is_void(&self.tag_name) {
            self.pop_node();
        }
        self.tag_name.clear();
    }

    fn close_tag(&mut self, name: &str) {
        let name = if self.options.lower_case_tags {
            name.to_lowercase()
        } else {
            name.to_owned()
        };
        if is_foreign_context(&name) || is_html_integration(&name) {
            self.foreign.pop();
        }
        let xml = self.options.xml_mode;
        if !self.names.is_empty() && (xml || !is_void(&name)) {
            if let Some(pos) = self.names.iter().rposition(|n| *n == name) {
                for _ in pos..self.names.len() {
                    self.pop_node();
                }
                self.names.truncate(pos);
            } else if name == "p" && !xml {
                self.open_tag_name(&name);
                self.close_current_tag();
            }
        } else if !xml && (name == "br" || name == "p") {
            self.open_tag_name(&name);
            self.close_current_tag();
        }
    }

    fn self_closing_tag(&mut self) {
        if self.options.xml_mode
            || self.options.recognize_self_closing
            || self.foreign.last() == Some(&true)
        {
            self.close_current_tag();
        } else {
            self.open_tag_end();
        }
    }

    fn attr_name(&mut self, name: &str) {
        self.attr_name = if self.options.lower_case_attribute_names {
            name.to_lowercase()
        } else {
            name.to_owned()
        };
    }

    fn attr_data(&mut self, value: &str) {
        self.attr_value.push_str(value);
    }

    fn attr_end(&mut self) {
        let name = std::mem::take(&mut self.attr_name);
        let value = std::mem::take(&mut self.attr_value);
        if let Some(attrs) = self.attrs.as_mut()
            && !attrs.iter().any(|(k, _)| *k == name)
        {
            attrs.push((name, value));
        }
    }

    fn declaration(&mut self, value: &str) {
        self.directive('!', value);
    }

    fn processing_instruction(&mut self, value: &str) {
        self.directive('?', value);
    }

    fn comment(&mut self, value: &str) {
        let parent = self.current();
        self.dom.push(NodeKind::Comment(value.to_owned()), parent);
    }

    fn cdata(&mut self, value: &str) {
        if self.options.xml_mode || self.options.recognize_cdata {
            let parent = self.current();
            let id = self.dom.push(NodeKind::Cdata, parent);
            self.dom.push(NodeKind::Text(String::new()), id);
            self.open.push(id);
            self.add_text(value);
            self.open.pop();
        } else {
            self.comment(&format!("[CDATA[{value}]]"));
        }
    }

    fn end(&mut self) {
        self.names.clear();
        self.open.clear();
    }
}

impl Builder {
    fn directive(&mut self, mark: char, value: &str) {
        let end = value
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(value.len());
        let mut name = value[..end].to_owned();
        if self.options.lower_case_tags {
            name = name.to_lowercase();
        }
        let parent = self.current();
        self.dom.push(
            NodeKind::Directive {
                name: format!("{mark}{name}"),
                data: format!("{mark}{value}"),
            },
            parent,
        );
    }
}
