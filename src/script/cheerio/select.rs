//! CSS selectors over a [`Dom`], with the `selectors` crate (Servo's):
//! CSS3 with attribute selectors, `:not`, `:is`, `:has`, the structural
//! pseudo-classes, and the extensions css-select 1.2 gives cheerio 0.22
//! (`:contains()`, `:icontains()`, `:checked`, `:selected`, `:disabled`,
//! `:enabled`, `:required`, `:optional`, `:link`, `:visited`, `:parent`,
//! `:header`, `:button`, `:input`, `:text`, `:checkbox`, `:file`,
//! `:password`, `:radio`, `:reset`, `:image`, `:submit`). In HTML mode
//! names match whatever their case, as css-select lowers them; in XML mode
//! they match exactly.

use std::borrow::Borrow;
use std::fmt;

use cssparser::{ParseError, ToCss, Token};
use precomputed_hash::PrecomputedHash;
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::matching::{
    ElementSelectorFlags, MatchingContext, MatchingForInvalidation, MatchingMode,
    NeedsSelectorFlags, QuirksMode, SelectorCaches,
};
use selectors::parser::{ParseRelative, SelectorList, SelectorParseErrorKind};
use selectors::{Element, OpaqueElement};

use super::dom::{Dom, NodeId, NodeKind, ROOT};
use super::serialize::inner_text;

/// Our `SelectorImpl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Impl;

/// A name or value in a selector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Ident(String);

impl From<&str> for Ident {
    fn from(text: &str) -> Self {
        Ident(text.to_owned())
    }
}

impl AsRef<str> for Ident {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for Ident {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}

impl PrecomputedHash for Ident {
    fn precomputed_hash(&self) -> u32 {
        // FNV-1a; only bloom filters, which we do not use, read it.
        self.0.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    }
}

/// The css-select pseudo-classes beyond CSS's structural ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pseudo {
    Contains(String),
    IContains(String),
    Checked,
    Selected,
    Disabled,
    Enabled,
    Required,
    Optional,
    Link,
    Visited,
    Parent,
    Header,
    Button,
    Input,
    Text,
    TypeIs(&'static str),
}

impl ToCss for Pseudo {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        match self {
            Pseudo::Contains(text) | Pseudo::IContains(text) => {
                let name = if matches!(self, Pseudo::Contains(_)) {
                    ":contains("
                } else {
                    ":icontains("
                };
                dest.write_str(name)?;
                cssparser::serialize_string(text, dest)?;
                dest.write_str(")")
            }
            other => write!(dest, ":{}", format!("{other:?}").to_lowercase()),
        }
    }
}

impl selectors::parser::NonTSPseudoClass for Pseudo {
    fn is_active_or_hover(&self) -> bool {
        false
    }

    fn is_user_action_state(&self) -> bool {
        false
    }
}

/// No pseudo-elements: cheerio has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoPseudoElement {}

impl ToCss for NoPseudoElement {
    fn to_css<W: fmt::Write>(&self, _dest: &mut W) -> fmt::Result {
        match *self {}
    }
}

impl selectors::parser::PseudoElement for NoPseudoElement {}

impl selectors::parser::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = ();
    type AttrValue = Ident;
    type Identifier = Ident;
    type LocalName = Ident;
    type NamespaceUrl = Ident;
    type NamespacePrefix = Ident;
    type BorrowedNamespaceUrl = Ident;
    type BorrowedLocalName = Ident;
    type NonTSPseudoClass = Pseudo;
    type PseudoElement = NoPseudoElement;
}

struct SelectorParser;

/// Why a selector does not parse.
#[derive(Debug)]
pub(crate) enum SelectorError {
    Selectors(SelectorParseErrorKind),
    UnknownPseudo(String),
}

impl From<SelectorParseErrorKind> for SelectorError {
    fn from(kind: SelectorParseErrorKind) -> Self {
        SelectorError::Selectors(kind)
    }
}

impl<'i> selectors::parser::Parser<'i> for SelectorParser {
    type Impl = Impl;
    type Error = SelectorError;

    fn parse_is_and_where(&self) -> bool {
        true
    }

    fn parse_has(&self) -> bool {
        true
    }

    fn parse_nth_child_of(&self) -> bool {
        true
    }

    /// css-select's `:matches()`.
    fn is_is_alias(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("matches")
    }

    fn parse_non_ts_pseudo_class(
        &self,
        name: cssparser::CowRcStr<'i>,
    ) -> Result<Pseudo, ParseError<Self::Error>> {
        let pseudo = match name.to_ascii_lowercase().as_str() {
            "checked" => Pseudo::Checked,
            "selected" => Pseudo::Selected,
            "disabled" => Pseudo::Disabled,
            "enabled" => Pseudo::Enabled,
            "required" => Pseudo::Required,
            "optional" => Pseudo::Optional,
            "link" | "any-link" => Pseudo::Link,
            "visited" => Pseudo::Visited,
            "parent" => Pseudo::Parent,
            "header" => Pseudo::Header,
            "button" => Pseudo::Button,
            "input" => Pseudo::Input,
            "text" => Pseudo::Text,
            "checkbox" => Pseudo::TypeIs("checkbox"),
            "file" => Pseudo::TypeIs("file"),
            "password" => Pseudo::TypeIs("password"),
            "radio" => Pseudo::TypeIs("radio"),
            "reset" => Pseudo::TypeIs("reset"),
            "image" => Pseudo::TypeIs("image"),
            "submit" => Pseudo::TypeIs("submit"),
            _ => {
                return Err(ParseError::custom(SelectorError::UnknownPseudo(
                    name.to_string(),
                )));
            }
        };
        Ok(pseudo)
    }

    fn parse_non_ts_functional_pseudo_class(
        &self,
        name: cssparser::CowRcStr<'i>,
        parser: &mut cssparser::Parser<'i>,
        _after_part: bool,
    ) -> Result<Pseudo, ParseError<Self::Error>> {
        let lower = name.to_ascii_lowercase();
        if lower != "contains" && lower != "icontains" {
            return Err(ParseError::custom(SelectorError::UnknownPseudo(
                name.to_string(),
            )));
        }
        let start = parser.position();
        let mut quoted = None;
        let mut tokens = 0;
        while let Ok(token) = parser.next_including_whitespace() {
            tokens += 1;
            if let Token::QuotedString(text) = token {
                quoted = Some(text.to_string());
            }
        }
        let raw = parser.slice_from(start).trim();
        let text = match quoted {
            Some(text) if tokens == 1 || raw.starts_with(['"', '\'']) => text,
            _ => raw.to_owned(),
        };
        Ok(if lower == "contains" {
            Pseudo::Contains(text)
        } else {
            Pseudo::IContains(text)
        })
    }
}

/// A parsed selector list.
pub(crate) struct Selector(SelectorList<Impl>);

impl Selector {
    /// Parses `text`; the error says what is wrong, for a `SyntaxError`.
    pub(crate) fn parse(text: &str) -> Result<Selector, String> {
        let mut parser = cssparser::Parser::new(text);
        SelectorList::parse(&SelectorParser, &mut parser, ParseRelative::No)
            .map(Selector)
            .map_err(|e| describe_error(text, &e))
    }

    /// Whether the element `id` matches.
    pub(crate) fn matches(&self, dom: &Dom, id: NodeId) -> bool {
        if !dom.is_element(id) {
            return false;
        }
        let mut caches = SelectorCaches::default();
        let mut context = MatchingContext::new(
            MatchingMode::Normal,
            None,
            &mut caches,
            QuirksMode::NoQuirks,
            NeedsSelectorFlags::No,
            MatchingForInvalidation::No,
        );
        selectors::matching::matches_selector_list(&self.0, &El { dom, id }, &mut context)
    }
}

fn describe_error(text: &str, error: &ParseError<SelectorError>) -> String {
    use cssparser::ParseErrorKind;
    let what = match &error.kind {
        ParseErrorKind::Custom(SelectorError::UnknownPseudo(name)) => {
            format!("unmatched pseudo-class :{name}")
        }
        ParseErrorKind::Custom(SelectorError::Selectors(kind)) => format!("{kind:?}"),
        ParseErrorKind::Basic(basic) => format!("{basic:?}"),
    };
    format!("invalid selector '{text}': {what}")
}

/// An element of a [`Dom`], for matching.
#[derive(Clone, Copy)]
struct El<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "El({})", self.id)
    }
}

impl<'a> El<'a> {
    fn at(&self, id: NodeId) -> El<'a> {
        El { dom: self.dom, id }
    }

    fn name(&self) -> &'a str {
        self.dom.name(self.id).unwrap_or_default()
    }

    fn attr(&self, name: &str) -> Option<&'a str> {
        self.dom.attr(self.id, name)
    }

    fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    /// css-select sees no siblings beside the root's children (they have no parent).
    fn element_sibling(&self, step: isize) -> Option<El<'a>> {
        self.dom.parent(self.id)?;
        let mut at = self.id;
        while let Some(next) = self.dom.sibling(at, step) {
            if self.dom.is_element(next) {
                return Some(self.at(next));
            }
            at = next;
        }
        None
    }

    fn is_empty_node(&self) -> bool {
        self.dom.node(self.id).is_none_or(|n| {
            !n.children.iter().any(|c| {
                matches!(
                    self.dom.node(*c).map(|n| &n.kind),
                    Some(NodeKind::Element { .. } | NodeKind::Text(_))
                )
            })
        })
    }

    /// css-select's `:selected`: the attribute, or the first option of a single select.
    fn is_selected(&self) -> bool {
        if self.has_attr("selected") {
            return true;
        }
        if self.name() != "option" {
            return false;
        }
        let Some(parent) = self.dom.parent(self.id).map(|p| self.at(p)) else {
            return false;
        };
        if parent.name() != "select" || parent.has_attr("multiple") {
            return false;
        }
        let children = self
            .dom
            .node(parent.id)
            .map(|n| n.children.as_slice())
            .unwrap_or_default();
        let mut saw = false;
        for child in children.iter().filter(|c| self.dom.is_element(**c)) {
            if *child == self.id {
                saw = true;
            } else if !saw || self.dom.attr(*child, "selected").is_some() {
                return false;
            }
        }
        saw
    }
}

impl Element for El<'_> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(&self.dom.nodes[self.id])
    }

    fn parent_element(&self) -> Option<Self> {
        self.dom
            .parent(self.id)
            .filter(|p| self.dom.is_element(*p))
            .map(|p| self.at(p))
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        self.element_sibling(-1)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        self.element_sibling(1)
    }

    fn first_element_child(&self) -> Option<Self> {
        let node = self.dom.node(self.id)?;
        node.children
            .iter()
            .find(|c| self.dom.is_element(**c))
            .map(|c| self.at(*c))
    }

    fn is_html_element_in_html_document(&self) -> bool {
        !self.dom.xml_mode
    }

    fn has_local_name(&self, local_name: &Ident) -> bool {
        self.name() == local_name.0
    }

    fn has_namespace(&self, ns: &Ident) -> bool {
        ns.0.is_empty()
    }

    fn is_same_type(&self, other: &Self) -> bool {
        self.name() == other.name()
    }

    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&Ident>,
        local_name: &Ident,
        operation: &AttrSelectorOperation<&Ident>,
    ) -> bool {
        if let NamespaceConstraint::Specific(url) = ns
            && !url.0.is_empty()
        {
            return false;
        }
        self.attr(&local_name.0)
            .is_some_and(|value| operation.eval_str(value))
    }

    fn match_non_ts_pseudo_class(
        &self,
        pc: &Pseudo,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        let name = self.name();
        match pc {
            Pseudo::Contains(text) => inner_text(self.dom, self.id).contains(text.as_str()),
            Pseudo::IContains(text) => inner_text(self.dom, self.id)
                .to_lowercase()
                .contains(&text.to_lowercase()),
            Pseudo::Checked => self.has_attr("checked") || self.is_selected(),
            Pseudo::Selected => self.is_selected(),
            Pseudo::Disabled => self.has_attr("disabled"),
            Pseudo::Enabled => !self.has_attr("disabled"),
            Pseudo::Required => self.has_attr("required"),
            Pseudo::Optional => !self.has_attr("required"),
            Pseudo::Link => self.has_attr("href"),
            Pseudo::Visited => false,
            Pseudo::Parent => !self.is_empty_node(),
            Pseudo::Header => matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
            Pseudo::Button => {
                name == "button" || (name == "input" && self.attr("type") == Some("button"))
            }
            Pseudo::Input => matches!(name, "input" | "textarea" | "select" | "button"),
            Pseudo::Text => {
                name == "input"
                    && self
                        .attr("type")
                        .is_none_or(|t| t.is_empty() || t.eq_ignore_ascii_case("text"))
            }
            Pseudo::TypeIs(kind) => self.attr("type") == Some(kind),
        }
    }

    fn match_pseudo_element(
        &self,
        pe: &NoPseudoElement,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _flags: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        self.has_attr("href")
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.attr("id")
            .is_some_and(|v| case_sensitivity.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.attr("class").is_some_and(|classes| {
            classes
                .split([' ', '\t', '\n', '\r', '\u{c}'])
                .any(|c| case_sensitivity.eq(c.as_bytes(), name.0.as_bytes()))
        })
    }

    fn has_custom_state(&self, _name: &Ident) -> bool {
        false
    }

    fn imported_part(&self, _name: &Ident) -> Option<Ident> {
        None
    }

    fn is_part(&self, _name: &Ident) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        self.is_empty_node()
    }

    fn is_root(&self) -> bool {
        self.dom.node(self.id).and_then(|n| n.parent) == Some(ROOT)
    }

    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}

impl Borrow<str> for Ident {
    fn borrow(&self) -> &str {
        &self.0
    }
}
