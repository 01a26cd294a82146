//! Parsing, selecting and writing out as cheerio 0.22 does.

use super::dom::{Dom, ParseOptions, ROOT};
use super::select::Selector;
use super::serialize::{self, RenderOptions};

fn html_of(source: &str) -> String {
    let dom = Dom::parse(source, ParseOptions::default());
    serialize::render(
        &dom,
        &[ROOT],
        RenderOptions {
            xml_mode: false,
            decode_entities: true,
        },
    )
}

#[test]
fn round_trips_simple_markup() {
    assert_eq!(
        html_of("<div class=\"a\">x</div>"),
        "<div class=\"a\">x</div>"
    );
}

#[test]
fn selects_by_attribute() {
    let dom = Dom::parse("<input name=csrf value=t>", ParseOptions::default());
    let s = Selector::parse("input[name=csrf]").expect("parses");
    assert!(s.matches(&dom, 1));
}
