//! API key auth (postman-runtime `apikey.js`): signs when the name or the
//! value is set; in a header it replaces headers whose name reads the same
//! in lodash's `lowerCase` (`X-Api-Key`, `x_api_key`, `XApiKey`); in the
//! query (`in: query`) it replaces parameters of that name and goes last.

use super::{AuthParams, SignContext, replace_query_param};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;

/// Signs `spec` with an API key.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let key = params.get("key");
    let value = params.get("value");
    if key.is_empty() && value.is_empty() {
        return Ok(());
    }
    if params.get("in") == "query" {
        return replace_query_param(spec, &key, Some(&value));
    }
    let words = lodash_lower_case(&key);
    spec.headers.retain(|(k, _)| lodash_lower_case(k) != words);
    if !key.is_empty() {
        spec.headers.push((key, value));
    }
    Ok(())
}

/// lodash's `lowerCase`: the words of `text` (split at anything but letters
/// and digits, at lower-to-upper and letter-digit changes, and before the
/// last capital of a run followed by a small letter), lower-cased, joined
/// with spaces.
pub(super) fn lodash_lower_case(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = run.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 {
                let prev = chars[i - 1];
                let next = chars.get(i + 1).copied();
                let split = (prev.is_lowercase() && c.is_uppercase())
                    || (prev.is_numeric() != c.is_numeric())
                    || (prev.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(char::is_lowercase));
                if split {
                    words.push(std::mem::take(&mut word));
                }
            }
            word.extend(c.to_lowercase());
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lodash_lower_case_words() {
        // What lodash 4's `_.lowerCase` gives for each (checked with Node).
        let cases = [
            ("X-Api-Key", "x api key"),
            ("x_api_key", "x api key"),
            ("XApiKey", "x api key"),
            ("X-API-KEY", "x api key"),
            ("xApiKEY", "x api key"),
            ("Api2Key", "api 2 key"),
            ("api-key2", "api key 2"),
            ("X-API-Key-v2", "x api key v 2"),
            ("XMLHttpRequest", "xml http request"),
            ("ABCdef", "ab cdef"),
            ("a1B2", "a 1 b 2"),
            ("apiKEYS", "api keys"),
            ("__", ""),
            ("a.b", "a b"),
        ];
        for (input, want) in cases {
            assert_eq!(lodash_lower_case(input), want, "{input}");
        }
    }
}
