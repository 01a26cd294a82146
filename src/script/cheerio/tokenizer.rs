//! An HTML / XML tokenizer that splits markup the way htmlparser2 3
//! (cheerio 0.22's parser) does: any `<` followed by a name starts a tag,
//! `script` and `style` hold raw text in HTML mode, entities are decoded in
//! text and attribute values (the legacy ones without `;` too, in HTML
//! mode), and what is left open at the end is kept as text or dropped as
//! htmlparser2 keeps or drops it. Events go to a [`Sink`] (`dom.rs`).

use entities::ENTITIES;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What the tokenizer reports, as htmlparser2's tokenizer callbacks.
pub(crate) trait Sink {
    fn text(&mut self, data: &str);
    fn open_tag_name(&mut self, name: &str);
    fn open_tag_end(&mut self);
    fn close_tag(&mut self, name: &str);
    fn self_closing_tag(&mut self);
    fn attr_name(&mut self, name: &str);
    fn attr_data(&mut self, value: &str);
    fn attr_end(&mut self);
    fn declaration(&mut self, value: &str);
    fn processing_instruction(&mut self, value: &str);
    fn comment(&mut self, value: &str);
    fn cdata(&mut self, value: &str);
    fn end(&mut self);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    BeforeTagName,
    InTagName,
    InSelfClosingTag,
    BeforeClosingTagName,
    InClosingTagName,
    AfterClosingTagName,
    BeforeAttributeName,
    InAttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    InAttributeValueDq,
    InAttributeValueSq,
    InAttributeValueNq,
    BeforeDeclaration,
    InDeclaration,
    InProcessingInstruction,
    BeforeComment,
    InComment,
    AfterComment1,
    AfterComment2,
    /// `<![` matched so far: the count of `CDATA[` letters seen.
    BeforeCdata(u8),
    InCdata,
    AfterCdata1,
    AfterCdata2,
    BeforeSpecial,
    BeforeSpecialEnd,
    /// Inside `<script` / `<style` names: which one and how many letters matched.
    BeforeSpecialName(Special, u8),
    /// Inside `</script` / `</style` names.
    AfterSpecialName(Special, u8),
    BeforeEntity,
    BeforeNumericEntity,
    InNamedEntity,
    InNumericEntity,
    InHexEntity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    None,
    Script,
    Style,
}

impl Special {
    /// The name's letters after the `s`.
    fn rest(self) -> &'static [u8] {
        match self {
            Special::Script => b"cript",
            Special::Style => b"tyle",
            Special::None => b"",
        }
    }
}

fn whitespace(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | '\u{c}' | '\r')
}

/// Entity names and their text.
type EntityMap = HashMap<&'static str, &'static str>;

/// Named entities: `(with semicolon, legacy without)`.
fn entity_maps() -> &'static (EntityMap, EntityMap) {
    static MAPS: OnceLock<(EntityMap, EntityMap)> = OnceLock::new();
    MAPS.get_or_init(|| {
        let mut full = HashMap::new();
        let mut legacy = HashMap::new();
        for entity in ENTITIES.iter() {
            let name = entity.entity.trim_start_matches('&');
            match name.strip_suffix(';') {
                Some(bare) => full.insert(bare, entity.characters),
                None => legacy.insert(name, entity.characters),
            };
        }
        (full, legacy)
    })
}

fn xml_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "apos" => "'",
        "gt" => ">",
        "lt" => "<",
        "quot" => "\"",
        _ => return None,
    })
}

/// A numeric character reference's text, as the `entities` package decodes it.
fn decode_code_point(value: u64) -> String {
    if (0xd800..=0xdfff).contains(&value) || value > 0x10ffff {
        return "\u{fffd}".to_owned();
    }
    let mapped = match value {
        0 => 0xfffd,
        128 => 8364,
        130 => 8218,
        131 => 402,
        132 => 8222,
        133 => 8230,
        134 => 8224,
        135 => 8225,
        136 => 710,
        137 => 8240,
        138 => 352,
        139 => 8249,
        140 => 338,
        142 => 381,
        145 => 8216,
        146 => 8217,
        147 => 8220,
        148 => 8221,
        149 => 8226,
        150 => 8211,
        151 => 8212,
        152 => 732,
        153 => 8482,
        154 => 353,
        155 => 8250,
        156 => 339,
        158 => 382,
        159 => 376,
        other => other as u32,
    };
    char::from_u32(mapped)
        .map(String::from)
        .unwrap_or_else(|| "\u{fffd}".to_owned())
}

/// The tokenizer's state over one input.
pub(crate) struct Tokenizer {
    state: State,
    base_state: State,
    special: Special,
    xml_mode: bool,
    decode_entities: bool,
    buffer: Vec<char>,
    /// Start of the current section; `None` after a token was emitted.
    section_start: Option<usize>,
    index: usize,
}

impl Tokenizer {
    /// A tokenizer for XML or HTML, decoding entities or not.
    pub(crate) fn new(xml_mode: bool, decode_entities: bool) -> Self {
        Tokenizer {
            state: State::Text,
            base_state: State::Text,
            special: Special::None,
            xml_mode,
            decode_entities,
            buffer: Vec::new(),
            section_start: Some(0),
            index: 0,
        }
    }

    /// Tokenizes all of `source` into `sink`.
    pub(crate) fn run(mut self, source: &str, sink: &mut dyn Sink) {
        self.buffer = source.chars().collect();
        while self.index < self.buffer.len() {
            let c = self.buffer[self.index];
            self.step(c, sink);
            self.index += 1;
        }
        self.finish(sink);
    }

    fn start(&self) -> usize {
        self.section_start.unwrap_or(self.index)
    }

    fn section(&self) -> String {
        let start = self.start().min(self.index);
        self.buffer[start..self.index].iter().collect()
    }

    fn reconsume(&mut self) {
        self.index = self.index.wrapping_sub(1);
    }

    fn step(&mut self, c: char, sink: &mut dyn Sink) {
        match self.state {
            State::Text => self.text(c, sink),
            State::BeforeTagName => self.before_tag_name(c, sink),
            State::InTagName => {
                if c == '/' || c == '>' || whitespace(c) {
                    sink.open_tag_name(&self.section());
                    self.section_start = None;
                    self.state = State::BeforeAttributeName;
                    self.reconsume();
                }
            }
            State::BeforeClosingTagName => self.before_closing_tag_name(c),
            State::InClosingTagName => {
                if c == '>' || whitespace(c) {
                    sink.close_tag(&self.section());
                    self.section_start = None;
                    self.state = State::AfterClosingTagName;
                    self.reconsume();
                }
            }
            State::AfterClosingTagName => {
                if c == '>' {
                    self.state = State::Text;
                    self.section_start = Some(self.index + 1);
                }
            }
            State::BeforeAttributeName => self.before_attribute_name(c, sink),
            State::InSelfClosingTag => {
                if c == '>' {
                    sink.self_closing_tag();
                    self.state = State::Text;
                    self.section_start = Some(self.index + 1);
                } else if !whitespace(c) {
                    self.state = State::BeforeAttributeName;
                    self.reconsume();
                }
            }
            State::InAttributeName => {
                if c == '=' || c == '/' || c == '>' || whitespace(c) {
                    sink.attr_name(&self.section());
                    self.section_start = None;
                    self.state = State::AfterAttributeName;
                    self.reconsume();
                }
            }
            State::AfterAttributeName => self.after_attribute_name(c, sink),
            State::BeforeAttributeValue => {
                if c == '"' {
                    self.state = State::InAttributeValueDq;
                    self.section_start = Some(self.index + 1);
                } else if c == '\'' {
                    self.state = State::InAttributeValueSq;
                    self.section_start = Some(self.index + 1);
                } else if !whitespace(c) {
                    self.state = State::InAttributeValueNq;
                    self.section_start = Some(self.index);
                    self.reconsume();
                }
            }
            State::InAttributeValueDq => self.quoted_value(c, '"', sink),
            State::InAttributeValueSq => self.quoted_value(c, '\'', sink),
            State::InAttributeValueNq => {
                if whitespace(c) || c == '>' {
                    self.emit_attr_data(sink);
                    sink.attr_end();
                    self.state = State::BeforeAttributeName;
                    self.reconsume();
                } else if self.decode_entities && c == '&' {
                    self.emit_attr_data(sink);
                    self.base_state = self.state;
                    self.state = State::BeforeEntity;
                    self.section_start = Some(self.index);
                }
            }
            _ => self.step_markup(c, sink),
        }
    }

    /// Declarations, comments, CDATA, raw-text tags and entities.
    fn step_markup(&mut self, c: char, sink: &mut dyn Sink) {
        match self.state {
            State::BeforeDeclaration => {
                self.state = match c {
                    '[' => State::BeforeCdata(0),
                    '-' => State::BeforeComment,
                    _ => State::InDeclaration,
                };
            }
            State::InDeclaration | State::InProcessingInstruction => {
                if c == '>' {
                    if self.state == State::InDeclaration {
                        sink.declaration(&self.section());
                    } else {
                        sink.processing_instruction(&self.section());
                    }
                    self.state = State::Text;
                    self.section_start = Some(self.index + 1);
                }
            }
            State::BeforeComment => {
                if c == '-' {
                    self.state = State::InComment;
                    self.section_start = Some(self.index + 1);
                } else {
                    self.state = State::InDeclaration;
                }
            }
            State::InComment => {
                if c == '-' {
                    self.state = State::AfterComment1;
                }
            }
            State::AfterComment1 => {
                self.state = if c == '-' {
                    State::AfterComment2
                } else {
                    State::InComment
                };
            }
            State::AfterComment2 => {
                if c == '>' {
                    let start = self.start().min(self.index - 2);
                    let data: String = self.buffer[start..self.index - 2].iter().collect();
                    sink.comment(&data);
                    self.state = State::Text;
                    self.section_start = Some(self.index + 1);
                } else if c != '-' {
                    self.state = State::InComment;
                }
            }
            State::BeforeCdata(seen) => self.before_cdata(c, seen),
            State::InCdata => {
                if c == ']' {
                    self.state = State::AfterCdata1;
                }
            }
            State::AfterCdata1 => {
                self.state = if c == ']' {
                    State::AfterCdata2
                } else {
                    State::InCdata
                };
            }
            State::AfterCdata2 => {
                if c == '>' {
                    let start = self.start().min(self.index - 2);
                    let data: String = self.buffer[start..self.index - 2].iter().collect();
                    sink.cdata(&data);
                    self.state = State::Text;
                    self.section_start = Some(self.index + 1);
                } else if c != ']' {
                    self.state = State::InCdata;
                }
            }
            _ => self.step_special(c, sink),
        }
    }

    fn step_special(&mut self, c: char, sink: &mut dyn Sink) {
        match self.state {
            State::BeforeSpecial => match c {
                'c' | 'C' => self.state = State::BeforeSpecialName(Special::Script, 1),
                't' | 'T' => self.state = State::BeforeSpecialName(Special::Style, 1),
                _ => {
                    self.state = State::InTagName;
                    self.reconsume();
                }
            },
            State::BeforeSpecialEnd => {
                self.state = match (self.special, c) {
                    (Special::Script, 'c' | 'C') => State::AfterSpecialName(Special::Script, 1),
                    (Special::Style, 't' | 'T') => State::AfterSpecialName(Special::Style, 1),
                    _ => State::Text,
                };
            }
            State::BeforeSpecialName(which, seen) => {
                let rest = which.rest();
                if usize::from(seen) < rest.len() {
                    if c.eq_ignore_ascii_case(&char::from(rest[usize::from(seen)])) {
                        self.state = State::BeforeSpecialName(which, seen + 1);
                    } else {
                        self.state = State::InTagName;
                        self.reconsume();
                    }
                } else {
                    if c == '/' || c == '>' || whitespace(c) {
                        self.special = which;
                    }
                    self.state = State::InTagName;
                    self.reconsume();
                }
            }
            State::AfterSpecialName(which, seen) => {
                let rest = which.rest();
                if usize::from(seen) < rest.len() {
                    if c.eq_ignore_ascii_case(&char::from(rest[usize::from(seen)])) {
                        self.state = State::AfterSpecialName(which, seen + 1);
                    } else {
                        self.state = State::Text;
                        self.reconsume();
                    }
                } else if c == '>' || whitespace(c) {
                    self.special = Special::None;
                    self.state = State::InClosingTagName;
                    self.section_start = Some(self.index - rest.len() - 1);
                    self.reconsume();
                } else {
                    self.state = State::Text;
                }
            }
            State::BeforeEntity => {
                if c == '#' {
                    self.state = State::BeforeNumericEntity;
                } else {
                    self.state = State::InNamedEntity;
                    self.reconsume();
                }
            }
            State::BeforeNumericEntity => {
                if c == 'x' || c == 'X' {
                    self.state = State::InHexEntity;
                } else {
                    self.state = State::InNumericEntity;
                    self.reconsume();
                }
            }
            State::InNamedEntity => self.in_named_entity(c, sink),
            State::InNumericEntity => self.in_numeric_entity(c, 10, sink),
            State::InHexEntity => self.in_numeric_entity(c, 16, sink),
            _ => {}
        }
    }

    fn text(&mut self, c: char, sink: &mut dyn Sink) {
        if c == '<' {
            if self.index > self.start() {
                sink.text(&self.section());
            }
            self.state = State::BeforeTagName;
            self.section_start = Some(self.index);
        } else if self.decode_entities && self.special == Special::None && c == '&' {
            if self.index > self.start() {
                sink.text(&self.section());
            }
            self.base_state = State::Text;
            self.state = State::BeforeEntity;
            self.section_start = Some(self.index);
        }
    }

    fn before_tag_name(&mut self, c: char, sink: &mut dyn Sink) {
        if c == '/' {
            self.state = State::BeforeClosingTagName;
        } else if c == '<' {
            sink.text(&self.section());
            self.section_start = Some(self.index);
        } else if c == '>' || self.special != Special::None || whitespace(c) {
            self.state = State::Text;
        } else if c == '!' {
            self.state = State::BeforeDeclaration;
            self.section_start = Some(self.index + 1);
        } else if c == '?' {
            self.state = State::InProcessingInstruction;
            self.section_start = Some(self.index + 1);
        } else {
            self.state = if !self.xml_mode && (c == 's' || c == 'S') {
                State::BeforeSpecial
            } else {
                State::InTagName
            };
            self.section_start = Some(self.index);
        }
    }

    fn before_closing_tag_name(&mut self, c: char) {
        if whitespace(c) {
        } else if c == '>' {
            self.state = State::Text;
        } else if self.special != Special::None {
            if c == 's' || c == 'S' {
                self.state = State::BeforeSpecialEnd;
            } else {
                self.state = State::Text;
                self.reconsume();
            }
        } else {
            self.state = State::InClosingTagName;
            self.section_start = Some(self.index);
        }
    }

    fn before_attribute_name(&mut self, c: char, sink: &mut dyn Sink) {
        if c == '>' {
            sink.open_tag_end();
            self.state = State::Text;
            self.section_start = Some(self.index + 1);
        } else if c == '/' {
            self.state = State::InSelfClosingTag;
        } else if !whitespace(c) {
            self.state = State::InAttributeName;
            self.section_start = Some(self.index);
        }
    }

    fn after_attribute_name(&mut self, c: char, sink: &mut dyn Sink) {
        if c == '=' {
            self.state = State::BeforeAttributeValue;
        } else if c == '/' || c == '>' {
            sink.attr_end();
            self.state = State::BeforeAttributeName;
            self.reconsume();
        } else if !whitespace(c) {
            sink.attr_end();
            self.state = State::InAttributeName;
            self.section_start = Some(self.index);
        }
    }

    fn quoted_value(&mut self, c: char, quote: char, sink: &mut dyn Sink) {
        if c == quote {
            self.emit_attr_data(sink);
            sink.attr_end();
            self.state = State::BeforeAttributeName;
        } else if self.decode_entities && c == '&' {
            self.emit_attr_data(sink);
            self.base_state = self.state;
            self.state = State::BeforeEntity;
            self.section_start = Some(self.index);
        }
    }

    fn emit_attr_data(&mut self, sink: &mut dyn Sink) {
        sink.attr_data(&self.section());
        self.section_start = None;
    }

    fn before_cdata(&mut self, c: char, seen: u8) {
        const WORD: &[u8] = b"CDATA";
        if usize::from(seen) < WORD.len() {
            if c.eq_ignore_ascii_case(&char::from(WORD[usize::from(seen)])) {
                self.state = State::BeforeCdata(seen + 1);
            } else {
                self.state = State::InDeclaration;
                self.reconsume();
            }
        } else if c == '[' {
            self.state = State::InCdata;
            self.section_start = Some(self.index + 1);
        } else {
            self.state = State::InDeclaration;
            self.reconsume();
        }
    }

    /// Text or attribute data, by where the entity began.
    fn emit_partial(&self, value: &str, sink: &mut dyn Sink) {
        if self.base_state == State::Text {
            sink.text(value);
        } else {
            sink.attr_data(value);
        }
    }

    /// An entity ended by `;` (or in an attribute, by another character).
    fn parse_named_entity_strict(&mut self, sink: &mut dyn Sink) {
        let start = self.start();
        if start + 1 < self.index {
            let name: String = self.buffer[start + 1..self.index].iter().collect();
            let value = if self.xml_mode {
                xml_entity(&name)
            } else {
                entity_maps().0.get(name.as_str()).copied()
            };
            if let Some(value) = value {
                self.emit_partial(value, sink);
                self.section_start = Some(self.index + 1);
            }
        }
    }

    /// The longest legacy entity (no `;`) the name starts with.
    fn parse_legacy_entity(&mut self, sink: &mut dyn Sink) {
        let start = self.start() + 1;
        let mut limit = self.index.saturating_sub(start).min(6);
        while limit >= 2 {
            let name: String = self.buffer[start..start + limit].iter().collect();
            if let Some(value) = entity_maps().1.get(name.as_str()) {
                self.emit_partial(value, sink);
                self.section_start = Some(self.start() + limit + 1);
                return;
            }
            limit -= 1;
        }
    }

    fn in_named_entity(&mut self, c: char, sink: &mut dyn Sink) {
        if c == ';' {
            self.parse_named_entity_strict(sink);
            if self.start() + 1 < self.index && !self.xml_mode {
                self.parse_legacy_entity(sink);
            }
            self.state = self.base_state;
        } else if !c.is_ascii_alphanumeric() {
            if self.xml_mode || self.start() + 1 == self.index {
            } else if self.base_state != State::Text {
                if c != '=' {
                    self.parse_named_entity_strict(sink);
                }
            } else {
                self.parse_legacy_entity(sink);
            }
            self.state = self.base_state;
            self.reconsume();
        }
    }

    fn decode_numeric_entity(&mut self, offset: usize, base: u32, sink: &mut dyn Sink) {
        let start = self.start() + offset;
        if start != self.index {
            let digits: String = self.buffer[start.min(self.index)..self.index]
                .iter()
                .collect();
            // parseInt: a huge number is simply out of range.
            let value = u64::from_str_radix(&digits, base).unwrap_or(u64::MAX);
            self.emit_partial(&decode_code_point(value), sink);
            self.section_start = Some(self.index);
        } else {
            self.section_start = Some(self.start().saturating_sub(1));
        }
        self.state = self.base_state;
    }

    fn in_numeric_entity(&mut self, c: char, base: u32, sink: &mut dyn Sink) {
        let offset = if base == 16 { 3 } else { 2 };
        if c == ';' {
            self.decode_numeric_entity(offset, base, sink);
            self.section_start = Some(self.start() + 1);
        } else if !c.is_digit(base) {
            if !self.xml_mode {
                self.decode_numeric_entity(offset, base, sink);
            } else {
                self.state = self.base_state;
            }
            self.reconsume();
        }
    }

    /// What is left at the end: text, an unclosed comment or CDATA, or nothing.
    fn finish(&mut self, sink: &mut dyn Sink) {
        // htmlparser2 emits text whenever a chunk ends (`_cleanup`) and again at the end.
        if self.section_start.is_some() && self.state == State::Text && self.start() < self.index {
            sink.text(&self.section());
            self.section_start = Some(self.index);
        }
        if self.start() < self.index {
            self.trailing(sink);
        }
        sink.end();
    }

    fn trailing(&mut self, sink: &mut dyn Sink) {
        let data: String = self.buffer[self.start().min(self.index)..].iter().collect();
        match self.state {
            State::InCdata | State::AfterCdata1 | State::AfterCdata2 => sink.cdata(&data),
            State::InComment | State::AfterComment1 | State::AfterComment2 => sink.comment(&data),
            State::InNamedEntity if !self.xml_mode => {
                self.parse_legacy_entity(sink);
                self.trailing_again(sink);
            }
            State::InNumericEntity if !self.xml_mode => {
                self.decode_numeric_entity(2, 10, sink);
                self.trailing_again(sink);
            }
            State::InHexEntity if !self.xml_mode && self.start() + 3 == self.index => {
                // `&#x` and nothing after: htmlparser2's section start goes
                // to -1 there, and `substr(-1)` keeps only the last character.
                let last: String = self
                    .buffer
                    .last()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                sink.text(&last);
            }
            State::InHexEntity if !self.xml_mode => {
                self.decode_numeric_entity(3, 16, sink);
                self.trailing_again(sink);
            }
            State::InTagName
            | State::BeforeAttributeName
            | State::BeforeAttributeValue
            | State::AfterAttributeName
            | State::InAttributeName
            | State::InAttributeValueSq
            | State::InAttributeValueDq
            | State::InAttributeValueNq
            | State::InClosingTagName => {}
            _ => sink.text(&data),
        }
    }

    fn trailing_again(&mut self, sink: &mut dyn Sink) {
        if self.start() < self.index {
            self.state = self.base_state;
            self.trailing(sink);
        }
    }
}
