//! Generators behind the dynamic variables of `dynamic.rs`, one function per
//! kind of value, each taking the thread's random number generator.
//!
//! They follow what faker 5.5.3 (the version postman-collection uses) does
//! for each variable: the ranges, the formats, the way values are put
//! together from parts. The words come from our own lists in `words.rs`.

use chrono::{TimeDelta, Utc};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rand::Rng;
use rand::rngs::ThreadRng;
use rand::seq::IndexedRandom;

use super::words::{self, entries};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const YEAR_MS: i64 = 365 * DAY_MS;
/// faker's US phone format: `!` is a digit from 2 to 9, `#` any digit.
const PHONE_FORMAT: &str = "!##-!##-####";
const ALPHANUMERIC: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
/// What faker's password keeps of the printable characters: `\w`.
const PASSWORD_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const UPPERCASE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
/// What JavaScript's `encodeURIComponent` leaves as it is.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Word lists `$randomWord` draws from (faker picks a word of a random
/// commerce, company, address, finance, hacker or job value).
const WORD_SOURCES: &[&str] = &[
    words::DEPARTMENTS,
    words::PRODUCT_ADJECTIVES,
    words::PRODUCT_MATERIALS,
    words::PRODUCTS,
    words::COLORS,
    words::CATCH_PHRASE_ADJECTIVES,
    words::CATCH_PHRASE_DESCRIPTORS,
    words::CATCH_PHRASE_NOUNS,
    words::BS_ADJECTIVES,
    words::BS_VERBS,
    words::BS_NOUNS,
    words::STREET_SUFFIXES,
    words::COUNTRIES,
    words::ACCOUNT_TYPES,
    words::TRANSACTION_TYPES,
    words::HACKER_NOUNS,
    words::HACKER_ADJECTIVES,
    words::HACKER_ABBREVIATIONS,
    words::JOB_DESCRIPTORS,
    words::JOB_AREAS,
    words::JOB_TYPES,
];

// ---- building blocks ------------------------------------------------------

/// One entry of a comma-separated list from `words.rs`.
pub(super) fn pick(rng: &mut ThreadRng, list: &'static str) -> &'static str {
    let all: Vec<&'static str> = entries(list).collect();
    all.choose(rng).copied().unwrap_or_default()
}

fn random_char(rng: &mut ThreadRng, set: &[u8]) -> char {
    char::from(set.choose(rng).copied().unwrap_or(b'0'))
}

/// faker's symbol replacement: `#` a digit, `!` a digit from 2 to 9, `?` a
/// capital letter; anything else stays.
fn fill(rng: &mut ThreadRng, pattern: &str) -> String {
    pattern
        .chars()
        .map(|symbol| match symbol {
            '#' => random_char(rng, DIGITS),
            '!' => random_char(rng, &DIGITS[2..]),
            '?' => random_char(rng, UPPERCASE),
            other => other,
        })
        .collect()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// faker's `helpers.slugify`: spaces become dashes, then only word
/// characters, dots and dashes stay.
fn slugify(text: &str) -> String {
    text.chars()
        .map(|c| if c == ' ' { '-' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .collect()
}

/// Unix seconds, rounded as Postman's `Math.round(Date.now() / 1000)`.
pub(super) fn timestamp(_: &mut ThreadRng) -> String {
    (Utc::now().timestamp_millis() + 500)
        .div_euclid(1000)
        .to_string()
}

/// Now plus `offset_ms`, written as JavaScript's `Date.prototype.toString`
/// does in UTC: `Tue Mar 04 2025 17:02:11 GMT+0000 (Coordinated Universal Time)`.
fn js_date(offset_ms: i64) -> String {
    let now = Utc::now();
    let at = TimeDelta::try_milliseconds(offset_ms)
        .and_then(|offset| now.checked_add_signed(offset))
        .unwrap_or(now);
    at.format("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")
        .to_string()
}

/// A signed decimal within `±limit` with four decimals (faker's latitude and
/// longitude).
fn coordinate(rng: &mut ThreadRng, limit: i64) -> String {
    let scaled = rng.random_range(-limit * 10_000..=limit * 10_000);
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    format!("{sign}{}.{:04}", magnitude / 10_000, magnitude % 10_000)
}

// ---- people and places ----------------------------------------------------

pub(super) fn full_name(rng: &mut ThreadRng) -> String {
    let first = pick(rng, words::FIRST_NAMES);
    let last = pick(rng, words::LAST_NAMES);
    // faker: one in nine names gets a prefix, one in nine a suffix
    match rng.random_range(0..9) {
        0 => format!("{} {first} {last}", pick(rng, words::NAME_PREFIXES)),
        1 => format!("{first} {last} {}", pick(rng, words::NAME_SUFFIXES)),
        _ => format!("{first} {last}"),
    }
}

pub(super) fn city(rng: &mut ThreadRng) -> String {
    let prefix = pick(rng, words::CITY_PREFIXES);
    let suffix = pick(rng, words::CITY_SUFFIXES);
    let first = pick(rng, words::FIRST_NAMES);
    match rng.random_range(0..5) {
        0 => format!("{prefix} {first}{suffix}"),
        1 => format!("{prefix} {first}"),
        2 => format!("{first}{suffix}"),
        3 => format!("{}{suffix}", pick(rng, words::LAST_NAMES)),
        _ => pick(rng, words::CITY_NAMES).to_owned(),
    }
}

pub(super) fn street_name(rng: &mut ThreadRng) -> String {
    let name = if rng.random_bool(0.5) {
        pick(rng, words::LAST_NAMES)
    } else {
        pick(rng, words::FIRST_NAMES)
    };
    format!("{name} {}", pick(rng, words::STREET_SUFFIXES))
}

pub(super) fn company_name(rng: &mut ThreadRng) -> String {
    let first = pick(rng, words::LAST_NAMES);
    let second = pick(rng, words::LAST_NAMES);
    match rng.random_range(0..3) {
        0 => format!("{first} {}", pick(rng, words::COMPANY_SUFFIXES)),
        1 => format!("{first} - {second}"),
        _ => format!("{first}, {second} and {}", pick(rng, words::LAST_NAMES)),
    }
}

// ---- finance --------------------------------------------------------------

fn currency(rng: &mut ThreadRng) -> (&'static str, &'static str, &'static str) {
    words::CURRENCIES
        .choose(rng)
        .copied()
        .unwrap_or(("US Dollar", "USD", "$"))
}

/// A legacy (`1…`) or script (`3…`) address: 25 to 34 base58 characters.
pub(super) fn bitcoin_address(rng: &mut ThreadRng) -> String {
    let length = rng.random_range(25..=34);
    let mut address = String::from(if rng.random_bool(0.5) { '1' } else { '3' });
    address.extend((1..length).map(|_| random_char(rng, BASE58)));
    address
}

/// An IBAN of a real country layout whose check digits are right (ISO 13616
/// mod-97), as faker's are.
pub(super) fn iban(rng: &mut ThreadRng) -> String {
    let Some((country, parts)) = words::IBAN_FORMATS.choose(rng) else {
        return String::new();
    };
    let mut bban = String::new();
    for &(kind, count) in *parts {
        bban.extend((0..count).map(|_| match kind {
            'a' => random_char(rng, UPPERCASE),
            'c' if rng.random_bool(0.2) => random_char(rng, UPPERCASE),
            _ => random_char(rng, DIGITS),
        }));
    }
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// The remainder by 97 of an IBAN-style string, letters counting A=10 … Z=35.
fn mod97(text: &str) -> u32 {
    text.chars().fold(0, |rest, c| match c.to_digit(36) {
        Some(value) if value >= 10 => (rest * 100 + value) % 97,
        Some(value) => (rest * 10 + value) % 97,
        None => rest,
    })
}

/// A SWIFT/BIC code: bank, country, location and, sometimes, branch.
pub(super) fn bic(rng: &mut ThreadRng) -> String {
    let mut code = fill(rng, "????");
    code.push_str(pick(rng, words::COUNTRY_CODES));
    code.push_str(&fill(rng, "?#"));
    match rng.random_range(0..100) {
        0..10 => code.push_str(&fill(rng, "???")),
        10..40 => code.push_str(&fill(rng, "###")),
        _ => {}
    }
    code
}

// ---- hacker talk ----------------------------------------------------------

/// A hacker verb and its `-ing` form.
fn hacker_verb(rng: &mut ThreadRng) -> (&'static str, &'static str) {
    let pair = pick(rng, words::HACKER_VERBS);
    pair.split_once('/').unwrap_or((pair, pair))
}

/// A phrase template of `words.rs` with a fresh word for each placeholder.
pub(super) fn hacker_phrase(rng: &mut ThreadRng) -> String {
    let template = words::HACKER_PHRASES
        .choose(rng)
        .copied()
        .unwrap_or("{noun}");
    let mut phrase = String::new();
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((placeholder, tail)) = after.split_once('}') else {
            break;
        };
        phrase.push_str(before);
        phrase.push_str(match placeholder {
            "verb" => hacker_verb(rng).0,
            "ingverb" => hacker_verb(rng).1,
            "adjective" => pick(rng, words::HACKER_ADJECTIVES),
            "abbreviation" => pick(rng, words::HACKER_ABBREVIATIONS),
            _ => pick(rng, words::HACKER_NOUNS),
        });
        rest = tail;
    }
    phrase.push_str(rest);
    capitalize(&phrase)
}

// ---- images ---------------------------------------------------------------

/// A 640×480 picture, of a category when one is given; `lock` makes each URL
/// name its own picture.
pub(super) fn image_url(rng: &mut ThreadRng, category: &str) -> String {
    let lock = rng.random_range(1..=99_999);
    if category.is_empty() {
        format!("https://loremflickr.com/640/480?lock={lock}")
    } else {
        format!("https://loremflickr.com/640/480/{category}?lock={lock}")
    }
}

/// An SVG placeholder (a coloured rectangle labelled with its size) as a
/// percent-encoded data URI.
pub(super) fn image_data_uri(rng: &mut ThreadRng) -> String {
    let sizes = [(640, 480), (800, 600), (1024, 768), (320, 240), (256, 256)];
    let (width, height) = sizes.choose(rng).copied().unwrap_or((640, 480));
    let fill = hex_color(rng);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><rect width=\"{width}\" height=\"{height}\" \
         fill=\"{fill}\"/><text x=\"50%\" y=\"50%\" dominant-baseline=\"middle\" \
         text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"24\" \
         fill=\"#ffffff\">{width}x{height}</text></svg>"
    );
    format!(
        "data:image/svg+xml;charset=UTF-8,{}",
        utf8_percent_encode(&svg, URI_COMPONENT)
    )
}

// ---- internet -------------------------------------------------------------

/// faker's user name: `First42`, `First.Last` or `First_Last7`, without
/// apostrophes or spaces.
pub(super) fn user_name(rng: &mut ThreadRng) -> String {
    let first = pick(rng, words::FIRST_NAMES);
    let last = pick(rng, words::LAST_NAMES);
    let separator = if rng.random_bool(0.5) { '.' } else { '_' };
    let number = rng.random_range(0..=99);
    let name = match rng.random_range(0..3) {
        0 => format!("{first}{number}"),
        1 => format!("{first}{separator}{last}"),
        _ => format!("{first}{separator}{last}{number}"),
    };
    name.replace(['\'', ' '], "")
}

fn protocol_str(rng: &mut ThreadRng) -> &'static str {
    if rng.random_bool(0.5) {
        "http"
    } else {
        "https"
    }
}

/// A lower-case first name, as faker's `internet.domainWord`.
pub(super) fn domain_word(rng: &mut ThreadRng) -> String {
    pick(rng, words::FIRST_NAMES)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

pub(super) fn domain_name(rng: &mut ThreadRng) -> String {
    let word = domain_word(rng);
    format!("{word}.{}", pick(rng, words::DOMAIN_SUFFIXES))
}

/// `#rrggbb`; like faker, each channel is at most 0x80 (faker halves a
/// number from 0 to 256), which keeps the colours dark enough to read on.
pub(super) fn hex_color(rng: &mut ThreadRng) -> String {
    let [red, green, blue] = [0; 3].map(|_: u8| rng.random_range(0..=256u32) / 2);
    format!("#{red:02x}{green:02x}{blue:02x}")
}

/// A user agent of a current desktop or mobile browser.
pub(super) fn user_agent(rng: &mut ThreadRng) -> String {
    let chrome = format!(
        "{}.0.{}.{}",
        rng.random_range(110..=136),
        rng.random_range(5000..=7100),
        rng.random_range(0..=200)
    );
    let firefox = rng.random_range(115..=138);
    let safari = format!("{}.{}", rng.random_range(15..=18), rng.random_range(0..=6));
    let mac = format!(
        "Macintosh; Intel Mac OS X 10_15_{}",
        rng.random_range(1..=7)
    );
    let windows = "Windows NT 10.0; Win64; x64";
    let webkit = "AppleWebKit/537.36 (KHTML, like Gecko)";
    match rng.random_range(0..8) {
        0 => format!("Mozilla/5.0 ({windows}) {webkit} Chrome/{chrome} Safari/537.36"),
        1 => format!("Mozilla/5.0 ({mac}) {webkit} Chrome/{chrome} Safari/537.36"),
        2 => format!("Mozilla/5.0 (X11; Linux x86_64) {webkit} Chrome/{chrome} Safari/537.36"),
        3 => format!("Mozilla/5.0 ({windows}) {webkit} Chrome/{chrome} Safari/537.36 Edg/{chrome}"),
        4 => {
            let system = [
                "Windows NT 10.0; Win64; x64",
                "Macintosh; Intel Mac OS X 10.15",
            ]
            .choose(rng)
            .copied()
            .unwrap_or("X11; Ubuntu; Linux x86_64");
            format!("Mozilla/5.0 ({system}; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0")
        }
        5 => format!(
            "Mozilla/5.0 ({mac}) AppleWebKit/605.1.15 (KHTML, like Gecko) \
             Version/{safari} Safari/605.1.15"
        ),
        6 => format!(
            "Mozilla/5.0 (iPhone; CPU iPhone OS {} like Mac OS X) AppleWebKit/605.1.15 \
             (KHTML, like Gecko) Version/{safari} Mobile/15E148 Safari/604.1",
            safari.replace('.', "_")
        ),
        _ => format!(
            "Mozilla/5.0 (Linux; Android {}; K) {webkit} Chrome/{chrome} Mobile Safari/537.36",
            rng.random_range(10..=15)
        ),
    }
}

// ---- words and lorem ipsum ------------------------------------------------

/// One word of a random commerce, company, address, finance, hacker or job
/// value, as faker's `random.word`.
pub(super) fn random_word(rng: &mut ThreadRng) -> String {
    let list = WORD_SOURCES.choose(rng).copied().unwrap_or(words::PRODUCTS);
    let value = pick(rng, list);
    let parts: Vec<&str> = value.split_whitespace().collect();
    parts.choose(rng).copied().unwrap_or(value).to_owned()
}

fn random_words(rng: &mut ThreadRng, count: usize) -> String {
    (0..count)
        .map(|_| random_word(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

fn lorem_words(rng: &mut ThreadRng, count: usize) -> String {
    (0..count)
        .map(|_| pick(rng, words::LOREM_WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Three to ten lorem words, capitalised, with a full stop.
pub(super) fn lorem_sentence(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(3..=10);
    format!("{}.", capitalize(&lorem_words(rng, count)))
}

fn lorem_sentences(rng: &mut ThreadRng, count: usize, separator: &str) -> String {
    (0..count)
        .map(|_| lorem_sentence(rng))
        .collect::<Vec<_>>()
        .join(separator)
}

/// Three to six sentences.
pub(super) fn lorem_paragraph(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(3..=6);
    lorem_sentences(rng, count, " ")
}

/// Three paragraphs joined by faker's `"\n \r"`, which Postman sends as is.
pub(super) fn lorem_paragraphs(rng: &mut ThreadRng) -> String {
    (0..3)
        .map(|_| lorem_paragraph(rng))
        .collect::<Vec<_>>()
        .join("\n \r")
}

/// One to five sentences, one a line.
pub(super) fn lorem_lines(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(1..=5);
    lorem_sentences(rng, count, "\n")
}

/// Any of the other lorem generators, as faker's `lorem.text`.
pub(super) fn lorem_text(rng: &mut ThreadRng) -> String {
    match rng.random_range(0..7) {
        0 => pick(rng, words::LOREM_WORDS).to_owned(),
        1 => lorem_words(rng, 3),
        2 => lorem_sentence(rng),
        3 => {
            let count = rng.random_range(2..=6);
            lorem_sentences(rng, count, " ")
        }
        4 => lorem_paragraph(rng),
        5 => lorem_paragraphs(rng),
        _ => lorem_lines(rng),
    }
}

// ---- files ----------------------------------------------------------------

/// One to three random words, lower case, non-word characters as `_`.
fn file_stem(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(1..=3);
    random_words(rng, count)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

pub(super) fn file_name(rng: &mut ThreadRng) -> String {
    let stem = file_stem(rng);
    format!("{stem}.{}", file_ext(rng))
}

/// Any extension of any known MIME type.
pub(super) fn file_ext(rng: &mut ThreadRng) -> String {
    let all: Vec<&str> = words::MIME_TYPES
        .iter()
        .flat_map(|(_, extensions)| extensions.split_whitespace())
        .collect();
    all.choose(rng).copied().unwrap_or("txt").to_owned()
}

/// An extension of a common document, sound, picture, video or page type.
pub(super) fn common_file_ext(rng: &mut ThreadRng) -> String {
    let mime = pick(rng, words::COMMON_MIME_TYPES);
    let extensions = words::MIME_TYPES
        .iter()
        .find(|(known, _)| *known == mime)
        .map_or("pdf", |(_, extensions)| extensions);
    let all: Vec<&str> = extensions.split_whitespace().collect();
    all.choose(rng).copied().unwrap_or("pdf").to_owned()
}

// ---- generators the table in `dynamic.rs` names directly ------------------

pub(super) fn uuid(_: &mut ThreadRng) -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `2025-03-04T17:02:11.123Z`, as JavaScript's `Date.toISOString`.
pub(super) fn iso_timestamp(_: &mut ThreadRng) -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// 0 to 1000, both included.
pub(super) fn random_int(rng: &mut ThreadRng) -> String {
    rng.random_range(0..=1000).to_string()
}

pub(super) fn boolean(rng: &mut ThreadRng) -> String {
    rng.random_bool(0.5).to_string()
}

pub(super) fn alphanumeric(rng: &mut ThreadRng) -> String {
    random_char(rng, ALPHANUMERIC).to_string()
}

pub(super) fn phone_number(rng: &mut ThreadRng) -> String {
    fill(rng, PHONE_FORMAT)
}

/// A one- or two-digit extension, a dash, a phone number.
pub(super) fn phone_number_ext(rng: &mut ThreadRng) -> String {
    let extension = rng.random_range(1..=99);
    format!("{extension}-{}", fill(rng, PHONE_FORMAT))
}

/// Two to five random words (Postman asks for more than faker's default).
pub(super) fn some_words(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(2..=5);
    random_words(rng, count)
}

pub(super) fn street_address(rng: &mut ThreadRng) -> String {
    let digits = rng.random_range(3..=5);
    let number = rng.random_range(10u32.pow(digits - 1)..10u32.pow(digits));
    format!("{number} {}", street_name(rng))
}

pub(super) fn latitude(rng: &mut ThreadRng) -> String {
    coordinate(rng, 90)
}

pub(super) fn longitude(rng: &mut ThreadRng) -> String {
    coordinate(rng, 180)
}

pub(super) fn product_name(rng: &mut ThreadRng) -> String {
    let adjective = pick(rng, words::PRODUCT_ADJECTIVES);
    let material = pick(rng, words::PRODUCT_MATERIALS);
    format!("{adjective} {material} {}", pick(rng, words::PRODUCTS))
}

pub(super) fn catch_phrase(rng: &mut ThreadRng) -> String {
    let adjective = pick(rng, words::CATCH_PHRASE_ADJECTIVES);
    let descriptor = pick(rng, words::CATCH_PHRASE_DESCRIPTORS);
    format!(
        "{adjective} {descriptor} {}",
        pick(rng, words::CATCH_PHRASE_NOUNS)
    )
}

pub(super) fn bs(rng: &mut ThreadRng) -> String {
    let verb = pick(rng, words::BS_VERBS);
    let adjective = pick(rng, words::BS_ADJECTIVES);
    format!("{verb} {adjective} {}", pick(rng, words::BS_NOUNS))
}

/// Up to a year ago.
pub(super) fn date_past(rng: &mut ThreadRng) -> String {
    js_date(-rng.random_range(1000..=YEAR_MS))
}

/// Up to a year ahead.
pub(super) fn date_future(rng: &mut ThreadRng) -> String {
    js_date(rng.random_range(1000..=YEAR_MS))
}

/// Up to a day ago.
pub(super) fn date_recent(rng: &mut ThreadRng) -> String {
    js_date(-rng.random_range(1000..=DAY_MS))
}

/// Eight digits.
pub(super) fn bank_account(rng: &mut ThreadRng) -> String {
    fill(rng, "########")
}

pub(super) fn bank_account_name(rng: &mut ThreadRng) -> String {
    format!("{} Account", pick(rng, words::ACCOUNT_TYPES))
}

/// faker's `finance.mask()` without arguments: four digits, no parentheses
/// or dots.
pub(super) fn credit_card_mask(rng: &mut ThreadRng) -> String {
    fill(rng, "####")
}

/// 0.00 to 1000.00, always two decimals.
pub(super) fn price(rng: &mut ThreadRng) -> String {
    let cents = rng.random_range(0..=100_000);
    format!("{}.{:02}", cents / 100, cents % 100)
}

pub(super) fn currency_code(rng: &mut ThreadRng) -> String {
    currency(rng).1.to_owned()
}

pub(super) fn currency_name(rng: &mut ThreadRng) -> String {
    currency(rng).0.to_owned()
}

pub(super) fn currency_symbol(rng: &mut ThreadRng) -> String {
    currency(rng).2.to_owned()
}

pub(super) fn verb(rng: &mut ThreadRng) -> String {
    hacker_verb(rng).0.to_owned()
}

pub(super) fn ingverb(rng: &mut ThreadRng) -> String {
    hacker_verb(rng).1.to_owned()
}

/// A GitHub avatar, one of the two forms Postman gives.
pub(super) fn avatar_url(rng: &mut ThreadRng) -> String {
    let user = rng.random_range(1..=100_000_000);
    format!("https://avatars.githubusercontent.com/u/{user}")
}

pub(super) fn email(rng: &mut ThreadRng) -> String {
    let user = slugify(&user_name(rng));
    format!("{user}@{}", pick(rng, words::FREE_EMAIL_DOMAINS))
}

pub(super) fn example_email(rng: &mut ThreadRng) -> String {
    let user = slugify(&user_name(rng));
    format!("{user}@{}", pick(rng, words::EXAMPLE_EMAIL_DOMAINS))
}

pub(super) fn protocol(rng: &mut ThreadRng) -> String {
    protocol_str(rng).to_owned()
}

pub(super) fn url(rng: &mut ThreadRng) -> String {
    let protocol = protocol_str(rng);
    format!("{protocol}://{}", domain_name(rng))
}

pub(super) fn ipv4(rng: &mut ThreadRng) -> String {
    let octets: [u8; 4] = rng.random();
    octets.map(|octet| octet.to_string()).join(".")
}

/// Eight groups of four lower-case hex digits, never shortened with `::`.
pub(super) fn ipv6(rng: &mut ThreadRng) -> String {
    let groups: [u16; 8] = rng.random();
    groups.map(|group| format!("{group:04x}")).join(":")
}

pub(super) fn mac_address(rng: &mut ThreadRng) -> String {
    let bytes: [u8; 6] = rng.random();
    bytes.map(|byte| format!("{byte:02x}")).join(":")
}

/// Fifteen letters, digits or underscores.
pub(super) fn password(rng: &mut ThreadRng) -> String {
    (0..15).map(|_| random_char(rng, PASSWORD_CHARS)).collect()
}

/// Three lorem words.
pub(super) fn lorem_three_words(rng: &mut ThreadRng) -> String {
    lorem_words(rng, 3)
}

/// Three lorem words joined by dashes.
pub(super) fn lorem_slug(rng: &mut ThreadRng) -> String {
    slugify(&lorem_words(rng, 3))
}

/// Two to six sentences.
pub(super) fn lorem_some_sentences(rng: &mut ThreadRng) -> String {
    let count = rng.random_range(2..=6);
    lorem_sentences(rng, count, " ")
}

pub(super) fn job_title(rng: &mut ThreadRng) -> String {
    let descriptor = pick(rng, words::JOB_DESCRIPTORS);
    let area = pick(rng, words::JOB_AREAS);
    format!("{descriptor} {area} {}", pick(rng, words::JOB_TYPES))
}

pub(super) fn file_path(rng: &mut ThreadRng) -> String {
    let directory = pick(rng, words::DIRECTORY_PATHS);
    format!("{directory}/{}", file_name(rng))
}

pub(super) fn common_file_name(rng: &mut ThreadRng) -> String {
    let stem = file_stem(rng);
    format!("{stem}.{}", common_file_ext(rng))
}

pub(super) fn mime_type(rng: &mut ThreadRng) -> String {
    let mime = words::MIME_TYPES.choose(rng).map(|(mime, _)| *mime);
    mime.unwrap_or("application/json").to_owned()
}

/// The part before the `/` of a MIME type, each kind as likely.
pub(super) fn file_type(rng: &mut ThreadRng) -> String {
    let mut kinds: Vec<&str> = words::MIME_TYPES
        .iter()
        .filter_map(|(mime, _)| mime.split_once('/').map(|(kind, _)| kind))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
        .choose(rng)
        .copied()
        .unwrap_or("application")
        .to_owned()
}

/// `major.minor.patch`, each a single digit.
pub(super) fn semver(rng: &mut ThreadRng) -> String {
    let [major, minor, patch] = [0; 3].map(|_: u8| rng.random_range(0..=9));
    format!("{major}.{minor}.{patch}")
}
