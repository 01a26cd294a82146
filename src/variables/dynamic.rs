//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, `{{$random…}}`).
//!
//! The 118 names postman-collection defines (`lib/superstring/dynamic-variables.js`),
//! each giving a value of the shape its faker-backed generator gives: a
//! `$randomEmail` looks like `Nina.Walsh42@gmail.com`, `$randomPrice` like
//! `412.07`, `$randomDatePast` like JavaScript's `Date.toString()`. Each
//! occurrence gets a fresh value. A user variable of the same name wins (the
//! resolver in `resolve.rs` only asks here when no scope has the name). The
//! generators are in `fake.rs`, their word lists in `words.rs`.
//!
//! Where courier departs from Postman, on purpose:
//! - dates are written in UTC (`… GMT+0000 (Coordinated Universal Time)`), as
//!   Node.js writes them with `TZ=UTC`, so a run gives the same shape on every
//!   machine;
//! - image URLs point at loremflickr.com with Postman's `/640/480/{category}`
//!   path, because placeimg.com, which Postman still names, has shut down;
//!   `$randomAvatarImage` is the GitHub avatar form Postman also produces;
//! - `$randomImageDataUri` is a valid SVG with a size and a random fill, where
//!   Postman's says `width="undefined"`.

use super::fake::{self, pick};
use super::words;

/// Makes one value of a dynamic variable.
type Generator = fn(&mut rand::rngs::ThreadRng) -> String;

/// A generator that picks one entry of a list in `words.rs`.
macro_rules! one_of {
    ($list:ident) => {
        |rng| pick(rng, words::$list).to_owned()
    };
}

/// A generator of picture URLs of one category.
macro_rules! image {
    ($category:literal) => {
        |rng| fake::image_url(rng, $category)
    };
}

/// Every dynamic variable with its generator, in postman-collection's order.
const GENERATORS: &[(&str, Generator)] = &[
    ("$guid", fake::uuid),
    ("$timestamp", fake::timestamp),
    ("$isoTimestamp", fake::iso_timestamp),
    ("$randomInt", fake::random_int),
    ("$randomPhoneNumber", fake::phone_number),
    ("$randomPhoneNumberExt", fake::phone_number_ext),
    ("$randomLocale", one_of!(LOCALES)),
    ("$randomWords", fake::some_words),
    ("$randomFilePath", fake::file_path),
    ("$randomDirectoryPath", one_of!(DIRECTORY_PATHS)),
    // addresses
    ("$randomCity", fake::city),
    ("$randomStreetName", fake::street_name),
    ("$randomStreetAddress", fake::street_address),
    ("$randomCountry", one_of!(COUNTRIES)),
    ("$randomCountryCode", one_of!(COUNTRY_CODES)),
    ("$randomLatitude", fake::latitude),
    ("$randomLongitude", fake::longitude),
    // commerce
    ("$randomColor", one_of!(COLORS)),
    ("$randomDepartment", one_of!(DEPARTMENTS)),
    ("$randomProductName", fake::product_name),
    ("$randomProductAdjective", one_of!(PRODUCT_ADJECTIVES)),
    ("$randomProductMaterial", one_of!(PRODUCT_MATERIALS)),
    ("$randomProduct", one_of!(PRODUCTS)),
    // company and business speak
    ("$randomCompanyName", fake::company_name),
    ("$randomCompanySuffix", one_of!(COMPANY_SUFFIXES)),
    ("$randomCatchPhrase", fake::catch_phrase),
    ("$randomBs", fake::bs),
    (
        "$randomCatchPhraseAdjective",
        one_of!(CATCH_PHRASE_ADJECTIVES),
    ),
    (
        "$randomCatchPhraseDescriptor",
        one_of!(CATCH_PHRASE_DESCRIPTORS),
    ),
    ("$randomCatchPhraseNoun", one_of!(CATCH_PHRASE_NOUNS)),
    ("$randomBsAdjective", one_of!(BS_ADJECTIVES)),
    ("$randomBsBuzz", one_of!(BS_VERBS)),
    ("$randomBsNoun", one_of!(BS_NOUNS)),
    // databases
    ("$randomDatabaseColumn", one_of!(DATABASE_COLUMNS)),
    ("$randomDatabaseType", one_of!(DATABASE_TYPES)),
    ("$randomDatabaseCollation", one_of!(DATABASE_COLLATIONS)),
    ("$randomDatabaseEngine", one_of!(DATABASE_ENGINES)),
    // dates
    ("$randomDatePast", fake::date_past),
    ("$randomDateFuture", fake::date_future),
    ("$randomDateRecent", fake::date_recent),
    ("$randomMonth", one_of!(MONTHS)),
    ("$randomWeekday", one_of!(WEEKDAYS)),
    // finance
    ("$randomBankAccount", fake::bank_account),
    ("$randomBankAccountName", fake::bank_account_name),
    ("$randomCreditCardMask", fake::credit_card_mask),
    ("$randomPrice", fake::price),
    ("$randomTransactionType", one_of!(TRANSACTION_TYPES)),
    ("$randomCurrencyCode", fake::currency_code),
    ("$randomCurrencyName", fake::currency_name),
    ("$randomCurrencySymbol", fake::currency_symbol),
    ("$randomBitcoin", fake::bitcoin_address),
    ("$randomBankAccountIban", fake::iban),
    ("$randomBankAccountBic", fake::bic),
    // hacker talk
    ("$randomAbbreviation", one_of!(HACKER_ABBREVIATIONS)),
    ("$randomAdjective", one_of!(HACKER_ADJECTIVES)),
    ("$randomNoun", one_of!(HACKER_NOUNS)),
    ("$randomVerb", fake::verb),
    ("$randomIngverb", fake::ingverb),
    ("$randomPhrase", fake::hacker_phrase),
    // images
    ("$randomAvatarImage", fake::avatar_url),
    ("$randomImageUrl", image!("")),
    ("$randomAbstractImage", image!("abstract")),
    ("$randomAnimalsImage", image!("animals")),
    ("$randomBusinessImage", image!("business")),
    ("$randomCatsImage", image!("cats")),
    ("$randomCityImage", image!("city")),
    ("$randomFoodImage", image!("food")),
    ("$randomNightlifeImage", image!("nightlife")),
    ("$randomFashionImage", image!("fashion")),
    ("$randomPeopleImage", image!("people")),
    ("$randomNatureImage", image!("nature")),
    ("$randomSportsImage", image!("sports")),
    ("$randomTransportImage", image!("transport")),
    ("$randomImageDataUri", fake::image_data_uri),
    // internet
    ("$randomEmail", fake::email),
    ("$randomExampleEmail", fake::example_email),
    ("$randomUserName", fake::user_name),
    ("$randomProtocol", fake::protocol),
    ("$randomUrl", fake::url),
    ("$randomDomainName", fake::domain_name),
    ("$randomDomainSuffix", one_of!(DOMAIN_SUFFIXES)),
    ("$randomDomainWord", fake::domain_word),
    ("$randomIP", fake::ipv4),
    ("$randomIPV6", fake::ipv6),
    ("$randomUserAgent", fake::user_agent),
    ("$randomHexColor", fake::hex_color),
    ("$randomMACAddress", fake::mac_address),
    ("$randomPassword", fake::password),
    // lorem ipsum
    ("$randomLoremWord", one_of!(LOREM_WORDS)),
    ("$randomLoremWords", fake::lorem_three_words),
    ("$randomLoremSentence", fake::lorem_sentence),
    ("$randomLoremSlug", fake::lorem_slug),
    ("$randomLoremSentences", fake::lorem_some_sentences),
    ("$randomLoremParagraph", fake::lorem_paragraph),
    ("$randomLoremParagraphs", fake::lorem_paragraphs),
    ("$randomLoremText", fake::lorem_text),
    ("$randomLoremLines", fake::lorem_lines),
    // names and jobs
    ("$randomFirstName", one_of!(FIRST_NAMES)),
    ("$randomLastName", one_of!(LAST_NAMES)),
    ("$randomFullName", fake::full_name),
    ("$randomJobTitle", fake::job_title),
    ("$randomNamePrefix", one_of!(NAME_PREFIXES)),
    ("$randomNameSuffix", one_of!(NAME_SUFFIXES)),
    ("$randomJobDescriptor", one_of!(JOB_DESCRIPTORS)),
    ("$randomJobArea", one_of!(JOB_AREAS)),
    ("$randomJobType", one_of!(JOB_TYPES)),
    // data types
    ("$randomUUID", fake::uuid),
    ("$randomBoolean", fake::boolean),
    ("$randomWord", fake::random_word),
    ("$randomAlphaNumeric", fake::alphanumeric),
    // files and systems
    ("$randomFileName", fake::file_name),
    ("$randomCommonFileName", fake::common_file_name),
    ("$randomMimeType", fake::mime_type),
    ("$randomCommonFileType", one_of!(COMMON_FILE_TYPES)),
    ("$randomCommonFileExt", fake::common_file_ext),
    ("$randomFileType", fake::file_type),
    ("$randomFileExt", fake::file_ext),
    ("$randomSemver", fake::semver),
];

/// The names this module knows, with the `$`, in postman-collection's order.
pub const DYNAMIC_VARIABLES: &[&str] = &NAMES;

const NAMES: [&str; GENERATORS.len()] = {
    let mut names = [""; GENERATORS.len()];
    let mut i = 0;
    while i < GENERATORS.len() {
        names[i] = GENERATORS[i].0;
        i += 1;
    }
    names
};

/// A fresh value for a dynamic variable, or `None` for an unknown name.
///
/// `name` includes the `$`, and case matters, as in Postman:
/// `dynamic_value("$randomEmail")` gives an address, `dynamic_value("$randomemail")`
/// gives `None`.
pub fn dynamic_value(name: &str) -> Option<String> {
    let (known, generate) = GENERATORS.iter().find(|(known, _)| *known == name)?;
    let value = generate(&mut rand::rng());
    GENERATED.with_borrow_mut(|log| {
        if let Some(log) = log {
            log.push(Generated {
                name: known,
                value: value.clone(),
            });
        }
    });
    Some(value)
}

/// A value a dynamic variable gave, kept for `--snapshots` (which hides
/// it where a response echoes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The variable, with its `$` (`$guid`).
    pub name: &'static str,
    /// The value it gave.
    pub value: String,
}

thread_local! {
    /// The values given on this thread since the last [`take_generated`],
    /// when [`record_generated`] turned recording on. Per thread because a
    /// run's items (and each `--parallel` worker's) run on one thread, with
    /// their scripts' `pm.variables.replaceIn` calls.
    static GENERATED: std::cell::RefCell<Option<Vec<Generated>>> =
        const { std::cell::RefCell::new(None) };
}

/// Starts keeping the values dynamic variables give on this thread (a
/// no-op when already on); a run with `--snapshots` turns it on.
pub fn record_generated() {
    GENERATED.with_borrow_mut(|log| {
        log.get_or_insert_with(Vec::new);
    });
}

/// The values given on this thread since the last call, oldest first
/// (empty when recording is off).
pub fn take_generated() -> Vec<Generated> {
    GENERATED.with_borrow_mut(|log| log.as_mut().map(std::mem::take).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_values_are_kept_only_when_recording() {
        // Tests run on threads of their own: this one's log is its own.
        let _ = dynamic_value("$guid");
        assert!(take_generated().is_empty());
        record_generated();
        let guid = dynamic_value("$guid").expect("guid");
        let int = dynamic_value("$randomInt").expect("int");
        assert_eq!(dynamic_value("$nope"), None);
        let kept = take_generated();
        assert_eq!(
            kept,
            vec![
                Generated {
                    name: "$guid",
                    value: guid
                },
                Generated {
                    name: "$randomInt",
                    value: int
                },
            ]
        );
        assert!(take_generated().is_empty());
    }
    use chrono::{DateTime, Utc};
    use regex::Regex;
    use std::collections::HashSet;

    /// Values generated per name in the shape test.
    const SAMPLES: usize = 40;

    /// The shape of every variable's values, as a regex that must match the
    /// whole value. `<name>` stands for a part of [`PARTS`]. A variable
    /// without an entry fails the test, so a new variable needs one.
    const SHAPES: &[(&str, &str)] = &[
        ("$guid", "<uuid>"),
        ("$timestamp", r"\d{10}"),
        (
            "$isoTimestamp",
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z",
        ),
        ("$randomInt", r"\d{1,4}"),
        ("$randomPhoneNumber", "<phone>"),
        ("$randomPhoneNumberExt", r"\d{1,2}-<phone>"),
        ("$randomLocale", "[a-z]{2,3}"),
        ("$randomWords", r"\S+( \S+){1,4}"),
        ("$randomFilePath", "(/[A-Za-z]+)+/<file>"),
        ("$randomDirectoryPath", "(/[A-Za-z]+)+"),
        ("$randomCity", "[A-Z][A-Za-z'.]*( [A-Z][A-Za-z'.]*)*"),
        ("$randomStreetName", "[A-Z][A-Za-z']+ [A-Z][a-z]+"),
        (
            "$randomStreetAddress",
            r"[1-9]\d{2,4} [A-Z][A-Za-z']+ [A-Z][a-z]+",
        ),
        ("$randomCountry", "[A-Z][a-z]+( [A-Za-z]+)*"),
        ("$randomCountryCode", "[A-Z]{2}"),
        ("$randomLatitude", r"-?\d{1,2}\.\d{4}"),
        ("$randomLongitude", r"-?\d{1,3}\.\d{4}"),
        ("$randomColor", "[a-z]+( [a-z]+)?"),
        ("$randomDepartment", "<Word>"),
        ("$randomProductName", "<Word> <Word> <Word>"),
        ("$randomProductAdjective", "<Word>"),
        ("$randomProductMaterial", "<Word>"),
        ("$randomProduct", "<Word>"),
        (
            "$randomCompanyName",
            "<last>( [A-Za-z ]+| - <last>|, <last> and <last>)",
        ),
        ("$randomCompanySuffix", "[A-Za-z]+( [A-Za-z]+)?"),
        (
            "$randomCatchPhrase",
            "[A-Z][a-z-]+ [a-z0-9][a-z0-9/ -]* [a-z][a-z -]*",
        ),
        ("$randomBs", "[a-z-]+ [a-z-]+ [A-Za-z][A-Za-z -]*"),
        ("$randomCatchPhraseAdjective", "[A-Z][a-z-]+"),
        ("$randomCatchPhraseDescriptor", "[a-z0-9][a-z0-9/ -]*"),
        ("$randomCatchPhraseNoun", "[a-z][a-z -]*"),
        ("$randomBsAdjective", "[a-z][a-z-]*"),
        ("$randomBsBuzz", "[a-z][a-z-]*"),
        ("$randomBsNoun", "[A-Za-z][A-Za-z -]*"),
        ("$randomDatabaseColumn", "[a-z][A-Za-z]*"),
        ("$randomDatabaseType", "[a-z]+"),
        ("$randomDatabaseCollation", "[a-z0-9]+_[a-z0-9_]+"),
        ("$randomDatabaseEngine", "[A-Za-z]+"),
        ("$randomDatePast", "<date>"),
        ("$randomDateFuture", "<date>"),
        ("$randomDateRecent", "<date>"),
        (
            "$randomMonth",
            "(January|February|March|April|May|June|July|August|September|October|November|December)",
        ),
        (
            "$randomWeekday",
            "(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)",
        ),
        ("$randomBankAccount", r"\d{8}"),
        ("$randomBankAccountName", "<Word>( <Word>)? Account"),
        ("$randomCreditCardMask", r"\d{4}"),
        ("$randomPrice", r"\d{1,4}\.\d{2}"),
        (
            "$randomTransactionType",
            "(deposit|withdrawal|payment|invoice)",
        ),
        ("$randomCurrencyCode", "[A-Z]{3}"),
        ("$randomCurrencyName", "[A-Z][A-Za-z]+( <Word>)*"),
        ("$randomCurrencySymbol", r"\S{1,3}"),
        ("$randomBitcoin", "[13][1-9A-HJ-NP-Za-km-z]{24,33}"),
        ("$randomBankAccountIban", r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}"),
        (
            "$randomBankAccountBic",
            "[A-Z]{4}[A-Z]{2}[A-Z][0-9]([A-Z]{3}|[0-9]{3})?",
        ),
        ("$randomAbbreviation", "[A-Z0-9]+"),
        ("$randomAdjective", "[a-z0-9][a-z0-9 -]*"),
        ("$randomNoun", "[a-z]+( [a-z]+)?"),
        ("$randomVerb", "[a-z]+( up)?"),
        ("$randomIngverb", "[a-z]+ing( up)?"),
        ("$randomPhrase", "[A-Z][A-Za-z0-9 ,'/-]+[.!]"),
        (
            "$randomAvatarImage",
            r"https://avatars\.githubusercontent\.com/u/\d+",
        ),
        ("$randomImageUrl", "<image><lock>"),
        ("$randomAbstractImage", "<image>/abstract<lock>"),
        ("$randomAnimalsImage", "<image>/animals<lock>"),
        ("$randomBusinessImage", "<image>/business<lock>"),
        ("$randomCatsImage", "<image>/cats<lock>"),
        ("$randomCityImage", "<image>/city<lock>"),
        ("$randomFoodImage", "<image>/food<lock>"),
        ("$randomNightlifeImage", "<image>/nightlife<lock>"),
        ("$randomFashionImage", "<image>/fashion<lock>"),
        ("$randomPeopleImage", "<image>/people<lock>"),
        ("$randomNatureImage", "<image>/nature<lock>"),
        ("$randomSportsImage", "<image>/sports<lock>"),
        ("$randomTransportImage", "<image>/transport<lock>"),
        (
            "$randomImageDataUri",
            r"data:image/svg\+xml;charset=UTF-8,%3Csvg%20[A-Za-z0-9%._!~*'()-]+%3C%2Fsvg%3E",
        ),
        ("$randomEmail", r"<user>@[a-z]+\.(com|me)"),
        ("$randomExampleEmail", r"<user>@example\.(com|org|net)"),
        ("$randomUserName", "<user>"),
        ("$randomProtocol", "https?"),
        ("$randomUrl", r"https?://[a-z]+\.[a-z]+"),
        ("$randomDomainName", r"[a-z]+\.[a-z]+"),
        ("$randomDomainSuffix", "[a-z]+"),
        ("$randomDomainWord", "[a-z]+"),
        ("$randomIP", r"\d{1,3}(\.\d{1,3}){3}"),
        ("$randomIPV6", "[0-9a-f]{4}(:[0-9a-f]{4}){7}"),
        ("$randomUserAgent", r"Mozilla/5\.0 \([^()]+\) \S.+"),
        ("$randomHexColor", "#[0-9a-f]{6}"),
        ("$randomMACAddress", "[0-9a-f]{2}(:[0-9a-f]{2}){5}"),
        ("$randomPassword", r"\w{15}"),
        ("$randomLoremWord", "<word>"),
        ("$randomLoremWords", "<word> <word> <word>"),
        ("$randomLoremSentence", "<sentence>"),
        ("$randomLoremSlug", "<word>-<word>-<word>"),
        ("$randomLoremSentences", "<sentence>( <sentence>){1,5}"),
        ("$randomLoremParagraph", "<paragraph>"),
        (
            "$randomLoremParagraphs",
            "<paragraph>\n \r<paragraph>\n \r<paragraph>",
        ),
        (
            "$randomLoremText",
            "<word>|<word> <word> <word>|<sentence>(( |\n|\n \r)<sentence>)*",
        ),
        ("$randomLoremLines", "<sentence>(\n<sentence>){0,4}"),
        ("$randomFirstName", "<Word>"),
        ("$randomLastName", "<last>"),
        (
            "$randomFullName",
            r"([A-Z][a-z]*\.? )?<Word> <last>( [A-Z][A-Za-z]*\.?)?",
        ),
        ("$randomJobTitle", "<Word> <Word> <Word>"),
        ("$randomNamePrefix", r"(Mr\.|Mrs\.|Ms\.|Miss|Dr\.|Mx\.)"),
        ("$randomNameSuffix", r"[A-Z][A-Za-z]*\.?"),
        ("$randomJobDescriptor", "<Word>"),
        ("$randomJobArea", "<Word>"),
        ("$randomJobType", "<Word>"),
        ("$randomUUID", "<uuid>"),
        ("$randomBoolean", "(true|false)"),
        ("$randomWord", r"\S+"),
        ("$randomAlphaNumeric", "[0-9a-z]"),
        ("$randomFileName", "<file>"),
        ("$randomCommonFileName", "<file>"),
        ("$randomMimeType", "[a-z]+/[a-z0-9.+-]+"),
        (
            "$randomCommonFileType",
            "(video|audio|image|text|application)",
        ),
        ("$randomCommonFileExt", "[a-z0-9]+"),
        ("$randomFileType", "[a-z]+"),
        ("$randomFileExt", "[a-z0-9]+"),
        ("$randomSemver", r"\d\.\d\.\d"),
    ];

    /// Parts of [`SHAPES`], expanded in this order (a paragraph is made of
    /// sentences, a sentence of words).
    const PARTS: &[(&str, &str)] = &[
        ("<paragraph>", "<sentence>( <sentence>){2,5}"),
        ("<sentence>", r"[A-Z][a-z]*( <word>){2,9}\."),
        ("<word>", "[a-z]+"),
        ("<Word>", "[A-Z][a-z]+"),
        ("<last>", "[A-Z][A-Za-z']+"),
        (
            "<uuid>",
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        ),
        ("<phone>", r"[2-9]\d{2}-[2-9]\d{2}-\d{4}"),
        ("<user>", r"[A-Za-z]+(\d{1,2}|[._][A-Za-z]+\d{0,2})"),
        ("<file>", r"\w+\.[a-z0-9]+"),
        ("<image>", r"https://loremflickr\.com/640/480"),
        ("<lock>", r"\?lock=\d+"),
        (
            "<date>",
            r"(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT\+0000 \(Coordinated Universal Time\)",
        ),
    ];

    /// The anchored regex of `name`'s shape.
    fn shape(name: &str) -> Option<String> {
        let (_, pattern) = SHAPES.iter().find(|(known, _)| *known == name)?;
        let pattern = PARTS
            .iter()
            .fold((*pattern).to_owned(), |pattern, (part, regex)| {
                pattern.replace(part, regex)
            });
        Some(format!("^(?:{pattern})$"))
    }

    fn values(name: &str, count: usize) -> Vec<String> {
        (0..count)
            .map(|_| dynamic_value(name).unwrap_or_else(|| panic!("{name} is not generated")))
            .collect()
    }

    #[test]
    fn every_variable_has_the_shape_postman_gives_it() {
        for name in DYNAMIC_VARIABLES {
            let pattern = shape(name).unwrap_or_else(|| panic!("no shape check for {name}"));
            let regex = Regex::new(&pattern).unwrap_or_else(|e| panic!("{name}: {e}"));
            for value in values(name, SAMPLES) {
                assert!(
                    regex.is_match(&value),
                    "{name} gave {value:?}, not {pattern}"
                );
            }
        }
    }

    #[test]
    fn postman_names_are_all_there_once() {
        assert_eq!(DYNAMIC_VARIABLES.len(), 118);
        let unique: HashSet<&str> = DYNAMIC_VARIABLES.iter().copied().collect();
        assert_eq!(unique.len(), DYNAMIC_VARIABLES.len());
        assert!(DYNAMIC_VARIABLES.iter().all(|name| name.starts_with('$')));
        for (name, _) in SHAPES {
            assert!(DYNAMIC_VARIABLES.contains(name), "shape for unknown {name}");
        }
        for name in [
            "$guid",
            "$randomBankAccountIban",
            "$randomLoremParagraphs",
            "$randomSemver",
        ] {
            assert!(DYNAMIC_VARIABLES.contains(&name), "{name} missing");
        }
    }

    #[test]
    fn random_variables_differ_between_calls() {
        // the clock-based ones may repeat within a second or a millisecond
        let random = DYNAMIC_VARIABLES
            .iter()
            .filter(|name| !matches!(**name, "$timestamp" | "$isoTimestamp"));
        for name in random {
            let distinct: HashSet<String> = values(name, 60).into_iter().collect();
            assert!(distinct.len() > 1, "{name} gave the same value 60 times");
        }
        let (first, second) = (dynamic_value("$guid"), dynamic_value("$guid"));
        assert_ne!(first, second);
    }

    #[test]
    fn unknown_names_give_none() {
        for name in [
            "$unknown",
            "$randomemail",
            "randomEmail",
            "$",
            "",
            "guid",
            "$guid ",
        ] {
            assert_eq!(dynamic_value(name), None, "{name:?}");
        }
    }

    #[test]
    fn timestamp_is_now_in_unix_seconds() {
        let value: i64 = dynamic_value("$timestamp")
            .and_then(|v| v.parse().ok())
            .unwrap_or_default();
        assert!((value - Utc::now().timestamp()).abs() <= 1, "{value}");
        let iso = dynamic_value("$isoTimestamp").unwrap_or_default();
        let at = DateTime::parse_from_rfc3339(&iso).map_err(|e| format!("{iso}: {e}"));
        assert!(at.is_ok_and(|at| (at.timestamp() - Utc::now().timestamp()).abs() <= 1));
    }

    #[test]
    fn numbers_stay_in_their_ranges() {
        let parse = |name: &str| -> Vec<f64> {
            values(name, 300)
                .iter()
                .map(|v| v.parse().unwrap_or(f64::NAN))
                .collect()
        };
        assert!(
            parse("$randomInt")
                .iter()
                .all(|n| (0.0..=1000.0).contains(n) && n.fract() == 0.0)
        );
        assert!(
            parse("$randomPrice")
                .iter()
                .all(|n| (0.0..=1000.0).contains(n))
        );
        assert!(
            parse("$randomLatitude")
                .iter()
                .all(|n| (-90.0..=90.0).contains(n))
        );
        assert!(
            parse("$randomLongitude")
                .iter()
                .all(|n| (-180.0..=180.0).contains(n))
        );
        for ip in values("$randomIP", 100) {
            assert!(
                ip.split('.').all(|octet| octet.parse::<u8>().is_ok()),
                "{ip}"
            );
        }
        for color in values("$randomHexColor", 100) {
            let channels = [1..3, 3..5, 5..7].map(|range| u8::from_str_radix(&color[range], 16));
            assert!(
                channels
                    .iter()
                    .all(|c| c.as_ref().is_ok_and(|c| *c <= 0x80)),
                "{color}"
            );
        }
    }

    #[test]
    fn dates_fall_in_their_windows() {
        let offset = |value: &str| {
            let date = DateTime::parse_from_str(
                value.trim_end_matches(" (Coordinated Universal Time)"),
                "%a %b %d %Y %H:%M:%S GMT%z",
            );
            date.map_or_else(
                |e| panic!("{value}: {e}"),
                |date| date.with_timezone(&Utc) - Utc::now(),
            )
        };
        let (day, year) = (chrono::TimeDelta::days(1), chrono::TimeDelta::days(365));
        let second = chrono::TimeDelta::seconds(2);
        for value in values("$randomDatePast", 50) {
            let offset = offset(&value);
            assert!(
                offset <= chrono::TimeDelta::zero() && offset >= -year - second,
                "{value}"
            );
        }
        for value in values("$randomDateFuture", 50) {
            let offset = offset(&value);
            assert!(offset >= -second && offset <= year + second, "{value}");
        }
        for value in values("$randomDateRecent", 50) {
            let offset = offset(&value);
            assert!(
                offset <= chrono::TimeDelta::zero() && offset >= -day - second,
                "{value}"
            );
        }
    }

    #[test]
    fn ibans_have_valid_check_digits() {
        for iban in values("$randomBankAccountIban", 200) {
            let (head, tail) = iban.split_at(4);
            let rearranged = format!("{tail}{head}");
            let remainder = rearranged
                .chars()
                .fold(0u32, |rest, c| match c.to_digit(36) {
                    Some(value) if value >= 10 => (rest * 100 + value) % 97,
                    Some(value) => (rest * 10 + value) % 97,
                    None => rest,
                });
            assert_eq!(remainder, 1, "{iban}");
            assert!((15..=31).contains(&iban.len()), "{iban}");
        }
    }

    #[test]
    fn data_uri_decodes_to_an_svg() {
        let uri = dynamic_value("$randomImageDataUri").unwrap_or_default();
        let encoded = uri.trim_start_matches("data:image/svg+xml;charset=UTF-8,");
        let svg = percent_encoding::percent_decode_str(encoded).decode_utf8_lossy();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>") && svg.contains("fill=\"#"), "{svg}");
    }
}
