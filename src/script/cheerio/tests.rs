//! Parsing, selecting and writing out as cheerio 0.22 does. The expected
//! markup and text were produced once by cheerio 0.22.0 under Node.

use super::dom::{Dom, NodeKind, ParseOptions, ROOT};
use super::select::Selector;
use super::serialize::{self, RenderOptions};

fn html_options() -> ParseOptions {
    ParseOptions::default()
}

fn xml_options() -> ParseOptions {
    ParseOptions {
        xml_mode: true,
        lower_case_tags: false,
        lower_case_attribute_names: false,
        ..ParseOptions::default()
    }
}

/// `$.html()` and `$.text()` of `source`.
fn load(source: &str, options: ParseOptions) -> (String, String) {
    let dom = Dom::parse(source, options);
    let render = RenderOptions {
        xml_mode: options.xml_mode,
        decode_entities: options.decode_entities,
    };
    (
        serialize::render(&dom, &[ROOT], render),
        serialize::text(&dom, &[ROOT]),
    )
}

#[track_caller]
fn check(source: &str, html: &str, text: &str) {
    assert_eq!(
        load(source, html_options()),
        (html.to_owned(), text.to_owned()),
        "{source}"
    );
}

/// The names of the elements `selector` finds in `source`, in document order.
fn select(source: &str, options: ParseOptions, selector: &str) -> Vec<String> {
    let dom = Dom::parse(source, options);
    let selector = Selector::parse(selector).expect("a valid selector");
    dom.descendants(ROOT)
        .into_iter()
        .filter(|id| selector.matches(&dom, *id))
        .map(|id| dom.name(id).unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn open_tags_close_the_ones_html_lets_them_close() {
    check("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>", "ab");
    check(
        "<table><tr><td>1<td>2</table>",
        "<table><tr><td>1</td><td>2</td></tr></table>",
        "12",
    );
    check(
        "<p>one<p>two<div>x</div>",
        "<p>one</p><p>two<div>x</div></p>",
        "onetwox",
    );
}

#[test]
fn self_closing_counts_only_in_foreign_content() {
    check("<div/>after", "<div>after</div>", "after");
    check(
        "<svg><path d=\"M0\"/></svg>",
        "<svg><path d=\"M0\"/></svg>",
        "",
    );
    check(
        "<input disabled value='1'><br/>",
        "<input disabled value=\"1\"><br>",
        "",
    );
}

#[test]
fn script_content_is_raw_text() {
    check(
        "<script>if (a < b) { \"</div>\" }</script>",
        "<script>if (a < b) { \"</div>\" }</script>",
        "if (a < b) { \"</div>\" }",
    );
}

#[test]
fn entities_are_decoded_and_written_back_as_xml() {
    check(
        "a &amp b &copy c &unknown; &#65;&#x42;&#128;",
        "a &amp; b &#xA9; c &amp;unknown; AB&#x20AC;",
        "a & b © c &unknown; AB€",
    );
    // In an attribute, a known entity ended by a space swallows the space, as htmlparser2 does.
    check(
        "<p title=\"a&amp;b &copy x&y=1\">é 😀</p>",
        "<p title=\"a&amp;b &#xA9;x&amp;y=1\">&#xE9; &#x1F600;</p>",
        "é 😀",
    );
}

#[test]
fn declarations_comments_and_cdata_in_html() {
    check(
        "<!DOCTYPE html><!-- c --><![CDATA[x]]>",
        "<!DOCTYPE html><!-- c --><!--[CDATA[x]]-->",
        "",
    );
    let dom = Dom::parse("<!DOCTYPE html>", html_options());
    assert_eq!(
        dom.nodes[1].kind,
        NodeKind::Directive {
            name: "!doctype".into(),
            data: "!DOCTYPE html".into()
        }
    );
}

#[test]
fn stray_end_tags_and_unclosed_markup() {
    check("</p></br><1abc>x", "<p></p><br><1abc>x</1abc>", "x");
    check(
        "<div>unclosed <span>x",
        "<div>unclosed <span>x</span></div>",
        "unclosed x",
    );
}

#[test]
fn xml_mode_keeps_case_and_writes_empty_elements_short() {
    let (html, text) = load(
        "<?xml version=\"1.0\"?><A B=\"1\"><C/><D></D><![CDATA[x < y]]></A>",
        xml_options(),
    );
    assert_eq!(
        html,
        "<?xml version=\"1.0\"?><A B=\"1\"><C/><D/><![CDATA[x < y]]></A>"
    );
    assert_eq!(text, "x < y");
}

#[test]
fn ignore_whitespace_collapses_runs() {
    let options = ParseOptions {
        normalize_whitespace: true,
        ..xml_options()
    };
    assert_eq!(
        load("<a>\n  b\t\tc  </a>", options),
        ("<a> b c </a>".to_owned(), " b c ".to_owned())
    );
}

#[test]
fn selectors_match_as_css_select_does() {
    let page = "<form><input name=csrf value=t><input type=checkbox checked>\
        <select><option>1<option>2</select></form><ul><li class='a b'>x<li id=y>Two</ul>";
    let html = html_options();
    assert_eq!(select(page, html, "input[name=csrf]"), ["input"]);
    assert_eq!(select(page, html, "INPUT[NAME=csrf]"), ["input"]);
    assert_eq!(select(page, html, "li.b:first-child, #y"), ["li", "li"]);
    assert_eq!(select(page, html, "li:contains(\"Two\")"), ["li"]);
    assert_eq!(select(page, html, ":checked"), ["input", "option"]);
    assert_eq!(select(page, html, "ul:has(#y) > li:not(.a)"), ["li"]);
    assert_eq!(select(page, html, ":root"), ["form", "ul"]);
    assert_eq!(select(page, html, "li:matches(.a)"), ["li"]);
}

#[test]
fn xml_selectors_are_case_sensitive_and_take_escaped_colons() {
    let doc = "<s:Env><Line ID='1'/><line/></s:Env>";
    assert_eq!(select(doc, xml_options(), "Line"), ["Line"]);
    assert_eq!(select(doc, xml_options(), "s\\:Env > *"), ["Line", "line"]);
    assert_eq!(select(doc, html_options(), "Line"), ["line", "line"]);
}

#[test]
fn bad_selectors_are_errors_not_panics() {
    for bad in [
        "",
        "a[",
        "li:eq(1)",
        "li:nope",
        "::before",
        "li:nth-child(x)",
    ] {
        assert!(Selector::parse(bad).is_err(), "{bad}");
    }
}

/// Markup-ish noise: whatever comes in, parsing, writing and matching end without a panic.
#[test]
fn any_input_parses_without_panicking() {
    const PIECES: &[&str] = &[
        "<", ">", "/", "!", "-", "--", "[", "]", "&", "#", "x", ";", "\"", "'", "=", " ", "a", "p",
        "li", "script", "style", "svg", "CDATA", "?", "amp", "copy", "1", "é", "\n", "</", "<!--",
        "]]>",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let selector = Selector::parse("a, p > li, :contains(x), [a]").expect("valid");
    for round in 0..400 {
        let mut source = String::new();
        for _ in 0..(round % 60) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            source.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        for options in [html_options(), xml_options()] {
            let dom = Dom::parse(&source, options);
            let _ = load(&source, options);
            for id in dom.descendants(ROOT) {
                let _ = selector.matches(&dom, id);
            }
        }
    }
}

#[test]
fn deep_nesting_is_written_without_recursion() {
    let source = "<div>".repeat(100_000);
    let (html, _) = load(&source, html_options());
    assert_eq!(html.len(), 100_000 * "<div></div>".len());
}

#[test]
fn the_roots_children_have_no_siblings_for_selectors() {
    let doc = "<b></b><i></i><p><u></u><s></s></p>";
    assert_eq!(
        select(doc, html_options(), ":first-child"),
        ["b", "i", "p", "u"]
    );
    assert!(select(doc, html_options(), "b + i").is_empty());
    assert_eq!(select(doc, html_options(), "u + s"), ["s"]);
}

#[test]
fn integer_like_attribute_names_come_first_as_in_a_javascript_object() {
    check("<p 2=a b=c 1=d>", "<p 1=\"d\" 2=\"a\" b=\"c\"></p>", "");
}
