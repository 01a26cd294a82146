//! A v2.x collection (JSON value) as a Postman v3 collection directory,
//! laid out as `postman collection migrate` writes it:
//! `.resources/definition.yaml` (`$kind: collection`) at the top and in
//! every folder (a sub-directory), one `<name>.request.yaml` per request,
//! siblings numbered by `order` (1000, 2000, …), saved examples under
//! `.resources/<name>.resources/examples/<example>.example.yaml`.
//!
//! The mapping is the inverse of the reader's (`collection::v3`), so the
//! directory runs exactly as the file it came from.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::yaml_out::to_yaml;

/// One file to write: its path inside the collection directory and text.
pub type File = (PathBuf, String);

/// The files of the v3 directory of `collection`; what cannot be carried
/// over is named in `warnings`.
pub fn collection_files(collection: &Value, warnings: &mut Vec<String>) -> Vec<File> {
    let mut files = Vec::new();
    let mut def = Map::new();
    def.insert("$kind".into(), "collection".into());
    let info = collection.get("info");
    let name = info
        .and_then(|i| i.get("name"))
        .cloned()
        .unwrap_or_else(|| "Collection".into());
    def.insert("name".into(), name);
    if let Some(d) = info
        .and_then(|i| i.get("description"))
        .filter(|d| !d.is_null())
    {
        def.insert("description".into(), d.clone());
    }
    container(collection, &mut def, "collection", warnings);
    files.push((definition(&PathBuf::new()), to_yaml(&Value::Object(def))));
    items(collection, &PathBuf::new(), &mut files, warnings);
    files
}

fn definition(dir: &std::path::Path) -> PathBuf {
    dir.join(".resources").join("definition.yaml")
}

/// Variables, auth, scripts and settings of a collection or folder.
fn container(src: &Value, def: &mut Map<String, Value>, what: &str, warnings: &mut Vec<String>) {
    let vars = listed(src.get("variable"));
    if !vars.is_empty() {
        def.insert("variables".into(), pairs(&vars, false));
    }
    // One `{type, credentials}` (migrate writes a one-entry multi-auth list
    // whose entries need a random `id` for the Postman CLI to apply them;
    // the single form runs the same there and stays the same on every
    // conversion).
    if let Some(auth) = src.get("auth").and_then(auth) {
        def.insert("auth".into(), Value::Object(auth));
    }
    let scripts = scripts(src, "http:", what, warnings);
    if !scripts.is_empty() {
        def.insert("scripts".into(), Value::Array(scripts));
    }
    if let Some(s) = src.get("protocolProfileBehavior").filter(|s| is_full(s)) {
        def.insert("settings".into(), s.clone());
    }
}

fn is_full(v: &Value) -> bool {
    v.as_object().is_some_and(|m| !m.is_empty())
}

/// The items of `parent`, as files under `dir`.
fn items(parent: &Value, dir: &std::path::Path, files: &mut Vec<File>, warnings: &mut Vec<String>) {
    let Some(list) = parent.get("item").and_then(Value::as_array) else {
        return;
    };
    let mut taken = HashSet::new();
    for (index, item) in list.iter().enumerate() {
        let order = (index as u64 + 1) * 1000;
        let name = item.get("name").and_then(Value::as_str).unwrap_or("");
        let stem = unique(&file_stem(name), &mut taken);
        if item.get("item").is_some_and(Value::is_array) {
            let sub = dir.join(&stem);
            let mut def = Map::new();
            def.insert("$kind".into(), "collection".into());
            if let Some(id) = item.get("id").filter(|i| i.is_string()) {
                def.insert("id".into(), id.clone());
            }
            def.insert("name".into(), name.into());
            if let Some(d) = item.get("description").filter(|d| !d.is_null()) {
                def.insert("description".into(), d.clone());
            }
            container(item, &mut def, name, warnings);
            def.insert("order".into(), order.into());
            files.push((definition(&sub), to_yaml(&Value::Object(def))));
            items(item, &sub, files, warnings);
        } else {
            request_files(item, name, &stem, order, dir, files, warnings);
        }
    }
}

/// `<stem>.request.yaml` and its examples.
fn request_files(
    item: &Value,
    name: &str,
    stem: &str,
    order: u64,
    dir: &std::path::Path,
    files: &mut Vec<File>,
    warnings: &mut Vec<String>,
) {
    let mut req = Map::new();
    req.insert("$kind".into(), "http-request".into());
    if let Some(id) = item.get("id").filter(|i| i.is_string()) {
        req.insert("id".into(), id.clone());
    }
    if name != stem {
        req.insert("name".into(), name.into());
    }
    let request = item.get("request").cloned().unwrap_or(Value::Null);
    request_fields(&request, &mut req);
    let scripts = scripts(item, "", name, warnings);
    if !scripts.is_empty() {
        req.insert("scripts".into(), Value::Array(scripts));
    }
    if let Some(s) = item.get("protocolProfileBehavior").filter(|s| is_full(s)) {
        req.insert("settings".into(), s.clone());
    }
    let examples = item.get("response").and_then(Value::as_array);
    if let Some(examples) = examples.filter(|e| !e.is_empty()) {
        let rel = PathBuf::from(".resources")
            .join(format!("{stem}.resources"))
            .join("examples");
        req.insert(
            "examples".into(),
            format!("./.resources/{stem}.resources/examples").into(),
        );
        let mut taken = HashSet::new();
        for (i, example) in examples.iter().enumerate() {
            let ex_name = example.get("name").and_then(Value::as_str).unwrap_or("");
            let ex_stem = unique(&file_stem(ex_name), &mut taken);
            let text = to_yaml(&example_value(example, ex_name, &ex_stem, i));
            files.push((dir.join(&rel).join(format!("{ex_stem}.example.yaml")), text));
        }
    }
    req.insert("order".into(), order.into());
    files.push((
        dir.join(format!("{stem}.request.yaml")),
        to_yaml(&Value::Object(req)),
    ));
}

/// A saved response as an `http-example`.
fn example_value(example: &Value, name: &str, stem: &str, index: usize) -> Value {
    let mut out = Map::new();
    out.insert("$kind".into(), "http-example".into());
    if name != stem {
        out.insert("name".into(), name.into());
    }
    if let Some(original) = example.get("originalRequest") {
        let mut req = Map::new();
        request_fields(original, &mut req);
        out.insert("request".into(), Value::Object(req));
    }
    let mut response = Map::new();
    if let Some(code) = example.get("code").filter(|c| c.is_u64()) {
        response.insert("statusCode".into(), code.clone());
    }
    if let Some(status) = example.get("status").filter(|s| s.is_string()) {
        response.insert("statusText".into(), status.clone());
    }
    if let Some(headers) = example.get("header").and_then(Value::as_array)
        && !headers.is_empty()
    {
        response.insert("headers".into(), pairs(headers, false));
    }
    if let Some(body) = example.get("body").filter(|b| !b.is_null()) {
        let kind = example
            .get("_postman_previewlanguage")
            .and_then(Value::as_str)
            .unwrap_or("text");
        response.insert("body".into(), json!({"type": kind, "content": body}));
    }
    out.insert("response".into(), Value::Object(response));
    out.insert("order".into(), ((index as u64 + 1) * 1000).into());
    Value::Object(out)
}

/// url, method, headers, queryParams, pathVariables, body, auth and
/// description of a v2 `request` (an object, or a URL string).
fn request_fields(request: &Value, req: &mut Map<String, Value>) {
    if let Value::String(url) = request {
        req.insert("url".into(), url.clone().into());
        req.insert("method".into(), "GET".into());
        return;
    }
    let url = request.get("url").cloned().unwrap_or(Value::Null);
    req.insert("url".into(), raw_url(&url).into());
    let method = request
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or("GET");
    req.insert("method".into(), method.into());
    let headers = request.get("header").and_then(Value::as_array);
    if let Some(h) = headers {
        req.insert("headers".into(), pairs(h, false));
    }
    if let Some(q) = url.get("query").and_then(Value::as_array) {
        req.insert("queryParams".into(), Value::Array(untyped(q)));
    }
    if let Some(v) = url.get("variable").and_then(Value::as_array) {
        req.insert("pathVariables".into(), pairs(&untyped(v), false));
    }
    if let Some(b) = request.get("body").and_then(|b| body(b, headers)) {
        req.insert("body".into(), b);
    }
    if let Some(a) = request.get("auth").and_then(auth) {
        req.insert("auth".into(), Value::Object(a));
    }
    if let Some(d) = request.get("description").filter(|d| !d.is_null()) {
        req.insert("description".into(), d.clone());
    }
}

/// The URL as typed: `raw`, or built from its parts when there is none;
/// with the URL object's `auth` (`{user, password}`) as its user info.
fn raw_url(url: &Value) -> String {
    if let Some(s) = url.as_str() {
        return s.to_owned();
    }
    let text = match url.get("raw").and_then(Value::as_str) {
        Some(raw) => raw.to_owned(),
        None => url_from_parts(url),
    };
    match url.get("auth") {
        Some(auth) => with_user_info(&text, auth),
        None => text,
    }
}

/// `text` with the user info of a URL object's `auth` after its scheme
/// (unless it has user info already): `user`, `:password` or
/// `user:password`, as postman-collection writes them, with the characters
/// that would end the user info escaped (`{{variables}}` stay as they are,
/// resolved when sent).
fn with_user_info(text: &str, auth: &Value) -> String {
    let escape = |s: &str, colon: bool| {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '@' => out.push_str("%40"),
                ':' if colon => out.push_str("%3A"),
                '/' => out.push_str("%2F"),
                '?' => out.push_str("%3F"),
                '#' => out.push_str("%23"),
                c => out.push(c),
            }
        }
        out
    };
    let user = auth.get("user").and_then(Value::as_str);
    let password = auth.get("password").and_then(Value::as_str);
    let info = match (user, password) {
        (None, None) => return text.to_owned(),
        (Some(u), None) => escape(u, true),
        (u, Some(p)) => format!("{}:{}", escape(u.unwrap_or(""), true), escape(p, false)),
    };
    let (scheme, rest) = match text.find("://") {
        Some(i) => text.split_at(i + 3),
        None => ("", text),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return text.to_owned();
    }
    format!("{scheme}{info}@{rest}")
}

/// A URL object's text built from its parts (it has no `raw`).
fn url_from_parts(url: &Value) -> String {
    let part = |key: &str, sep: &str| match url.get(key) {
        Some(Value::Array(list)) => list
            .iter()
            .map(|p| {
                p.as_str().map(str::to_owned).unwrap_or_else(|| {
                    p.get("value")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned()
                })
            })
            .collect::<Vec<_>>()
            .join(sep),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let mut raw = String::new();
    if let Some(protocol) = url.get("protocol").and_then(Value::as_str) {
        raw.push_str(&format!("{protocol}://"));
    }
    raw.push_str(&part("host", "."));
    if let Some(port) = url.get("port").and_then(Value::as_str) {
        raw.push_str(&format!(":{port}"));
    }
    let path = part("path", "/");
    if !path.is_empty() {
        raw.push('/');
        raw.push_str(&path);
    }
    raw
}

/// A v2 body as `{type, content}`; `None` when nothing is sent.
fn body(body: &Value, headers: Option<&Vec<Value>>) -> Option<Value> {
    // A disabled body is not sent; v3 has no way to keep it switched off.
    if body.get("disabled").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let mode = body.get("mode").and_then(Value::as_str)?;
    let content = body.get(mode).cloned().unwrap_or(Value::Null);
    Some(match mode {
        "raw" => {
            // v3 raw types are json, text, xml, html, javascript; another
            // language (`graphql` on a raw body) is sent as text is.
            let language = match body
                .pointer("/options/raw/language")
                .and_then(Value::as_str)
            {
                Some(l @ ("json" | "text" | "xml" | "html" | "javascript")) => l.to_owned(),
                Some(_) => "text".to_owned(),
                None => no_language(headers),
            };
            json!({"type": language, "content": content})
        }
        "formdata" => json!({"type": mode, "content": falsy_as_empty(content)}),
        "urlencoded" | "graphql" => json!({"type": mode, "content": content}),
        "file" => {
            let content = match content.get("src") {
                Some(Value::String(src)) => Value::String(src.clone()),
                _ => content,
            };
            json!({"type": "file", "content": content})
        }
        // An unknown mode with a `raw` text is sent as raw text.
        _ => match body.get("raw") {
            Some(Value::String(raw)) => json!({"type": no_language(headers), "content": raw}),
            _ => return None,
        },
    })
}

/// Form-data fields whose value is `false` or `0` as the empty text,
/// which is what Postman sends for them (the v3 reader would send
/// `false` / `0`).
fn falsy_as_empty(content: Value) -> Value {
    let Value::Array(list) = content else {
        return content;
    };
    let falsy = |v: &Value| v == &Value::Bool(false) || v.as_f64() == Some(0.0);
    Value::Array(
        list.into_iter()
            .map(|mut p| {
                if let Some(o) = p.as_object_mut()
                    && o.get("value").is_some_and(falsy)
                {
                    o.insert("value".into(), "".into());
                }
                p
            })
            .collect(),
    )
}

/// The type a raw body without a language is written with so it is sent
/// the same: `json` when the user's Content-Type is JSON (Postman then
/// treats it as JSON), else `text`.
fn no_language(headers: Option<&Vec<Value>>) -> String {
    let json_ct = headers.into_iter().flatten().any(|h| {
        let key = h.get("key").and_then(Value::as_str).unwrap_or("");
        let value = h.get("value").and_then(Value::as_str).unwrap_or("");
        let disabled = h.get("disabled").and_then(Value::as_bool).unwrap_or(false);
        !disabled
            && key.eq_ignore_ascii_case("content-type")
            && value.starts_with("application/")
            && value
                .split(';')
                .next()
                .is_some_and(|t| t.trim_end().ends_with("json"))
    });
    if json_ct { "json" } else { "text" }.to_owned()
}

/// A v2 auth as `{type, credentials}` (credentials as `{key, value, type}`
/// entries, which keeps their types; v2.0's `{name: value}` form too).
fn auth(auth: &Value) -> Option<Map<String, Value>> {
    let kind = auth.get("type").and_then(Value::as_str)?;
    let mut out = Map::new();
    out.insert("type".into(), kind.into());
    match auth.get(kind) {
        Some(Value::Array(list)) => {
            out.insert("credentials".into(), pairs(list, true));
        }
        Some(Value::Object(map)) => {
            out.insert("credentials".into(), Value::Object(map.clone()));
        }
        _ => {}
    }
    Some(out)
}

/// Query parameters or path variables with a value that is not text
/// (`null`, a number, a boolean) without their value: Postman sends none
/// for them (`?n`, `:id` left as is), and the v3 reader would send the
/// value's text.
fn untyped(list: &[Value]) -> Vec<Value> {
    list.iter()
        .map(|p| match p {
            Value::Object(o) if o.get("value").is_some_and(|v| !v.is_string()) => {
                let mut o = o.clone();
                o.remove("value");
                Value::Object(o)
            }
            other => other.clone(),
        })
        .collect()
}

/// A list as Postman reads one: an array, or a single object as a list of
/// one (the collection format allows both for `variable` and `event`).
fn listed(value: Option<&Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(list)) => list.clone(),
        Some(obj @ Value::Object(_)) => vec![obj.clone()],
        _ => Vec::new(),
    }
}

/// `{key, value}` entries as a `key: value` map, as migrate writes the
/// simple ones; kept as the list when an entry has more (disabled,
/// description, a type the reader would not infer) or a key repeats.
/// `typed`: a `type` matching the value (`string`, `boolean`) may go.
fn pairs(list: &[Value], typed: bool) -> Value {
    let mut map = Map::new();
    for entry in list {
        let Some(obj) = entry.as_object() else {
            return Value::Array(list.to_vec());
        };
        let (Some(Value::String(key)), Some(value)) = (obj.get("key"), obj.get("value")) else {
            return Value::Array(list.to_vec());
        };
        let type_ok = match (obj.get("type").and_then(Value::as_str), value) {
            (None, v) => !typed || v.is_string(),
            (Some("string"), Value::String(_)) | (Some("boolean"), Value::Bool(_)) => typed,
            _ => false,
        };
        let plain = value.is_string() || (typed && value.is_boolean());
        let extra = obj
            .keys()
            .any(|k| !matches!(k.as_str(), "key" | "value" | "type"));
        if !type_ok || !plain || extra || map.contains_key(key) {
            return Value::Array(list.to_vec());
        }
        map.insert(key.clone(), value.clone());
    }
    Value::Object(map)
}

/// `event`s as v3 scripts; `prefix` is `http:` on folders and collections.
fn scripts(src: &Value, prefix: &str, owner: &str, warnings: &mut Vec<String>) -> Vec<Value> {
    let mut out = Vec::new();
    for event in src
        .get("event")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let listen = event.get("listen").and_then(Value::as_str).unwrap_or("");
        let kind = match listen {
            "prerequest" => "beforeRequest",
            "test" => "afterResponse",
            other => {
                warnings.push(format!(
                    "“{owner}”: a `{other}` script has no v3 form; left out"
                ));
                continue;
            }
        };
        if event.get("disabled").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let script = event.get("script");
        let code = match script.and_then(|s| s.get("exec")) {
            Some(Value::Array(lines)) => lines
                .iter()
                .map(|l| l.as_str().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n"),
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let language = script
            .and_then(|s| s.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("text/javascript");
        out.push(json!({"type": format!("{prefix}{kind}"), "code": code, "language": language}));
    }
    out
}

/// A file-name stem for `name`: characters no file system takes become
/// `_`, a leading `.` too (the reader skips dot files).
pub fn file_stem(name: &str) -> String {
    let mut stem: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    stem = stem.trim_end_matches([' ', '.']).to_owned();
    if stem.starts_with('.') || stem.is_empty() {
        stem.insert(0, '_');
    }
    stem
}

/// `stem`, or `stem 2`, `stem 3`… when a sibling already has it.
fn unique(stem: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = stem.to_owned();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem} {n}");
        n += 1;
    }
    candidate
}
