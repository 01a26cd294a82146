//! Error messages as V8 writes them.
//!
//! Reports show a script's `TypeError` or `ReferenceError` as its text, and
//! people compare that text with what Postman (V8) shows for the same
//! script. QuickJS words the common errors differently (`cannot read
//! property 'json' of undefined` where V8 says `Cannot read properties of
//! undefined (reading 'json')`), and for a call of something that is not a
//! function it does not name the callee at all; V8 names it as written in
//! the source (`pm.response.jsonn is not a function`). [`error_text`]
//! rewrites those forms, reading the callee from the script's source at
//! the position of the error's stack frame. Anything else passes as it is
//! (`JSON.parse` errors already read as liquid-json's, see `js/base.js`).

use super::convert::SCRIPT_FILE;

/// How the engine wraps a script (`engine.rs`): text before the script's
/// first line, on that same line.
pub(crate) const WRAP_PREFIX: &str = "(async function () {";

/// The wrapper of a script that never awaits (a plain function is cheaper
/// to call than an async one); as long as [`WRAP_PREFIX`], so columns on
/// the first line read the same.
pub(crate) const SYNC_WRAP_PREFIX: &str = "(function       () {";

/// `Name: message` of a thrown error, worded as V8 words it. `stack` is
/// the error's stack trace and `source` the script it came from, to name
/// the callee of a failed call.
pub(crate) fn error_text(name: &str, message: &str, stack: &str, source: &str) -> String {
    let (name, message) = translate(name, message, stack, source);
    if name.is_empty() {
        message
    } else {
        format!("{name}: {message}")
    }
}

/// The V8 name and message for QuickJS's `name` and `message`.
fn translate(name: &str, message: &str, stack: &str, source: &str) -> (String, String) {
    let same = || (name.to_owned(), message.to_owned());
    match name {
        "TypeError" => match type_error(message, stack, source) {
            Some(text) => (name.to_owned(), text),
            None => same(),
        },
        "ReferenceError" => match message
            .strip_suffix(" is not initialized")
            .filter(|n| *n != "lexical variable")
        {
            Some(variable) => (
                name.to_owned(),
                format!("Cannot access '{variable}' before initialization"),
            ),
            None => same(),
        },
        "InternalError" if message == "stack overflow" => (
            "RangeError".to_owned(),
            "Maximum call stack size exceeded".to_owned(),
        ),
        "RangeError" if message == "invalid array length" => {
            (name.to_owned(), "Invalid array length".to_owned())
        }
        _ => same(),
    }
}

fn type_error(message: &str, stack: &str, source: &str) -> Option<String> {
    for (verb, noun) in [("read", "reading"), ("set", "setting")] {
        let Some(rest) = message.strip_prefix(&format!("cannot {verb} property '")) else {
            continue;
        };
        for base in ["undefined", "null"] {
            // Spreading or iterating `undefined`: V8 names the expression
            // (`u is not iterable`), which the message cannot tell.
            if let Some(key) = rest
                .strip_suffix(&format!("' of {base}"))
                .filter(|key| *key != "Symbol.iterator")
            {
                return Some(format!(
                    "Cannot {verb} properties of {base} ({noun} '{key}')"
                ));
            }
        }
    }
    match message {
        "cannot convert to object" => Some("Cannot convert undefined or null to object".into()),
        "not a function" | "not a constructor" => {
            let (callee, constructed) = callee_at(stack, source)?;
            // QuickJS says `not a function` for `new 3` too.
            let what = if constructed {
                "a constructor"
            } else {
                "a function"
            };
            Some(format!("{callee} is not {what}"))
        }
        _ => message
            .strip_prefix('\'')
            .and_then(|m| m.strip_suffix("' is read-only"))
            .map(|_| "Assignment to constant variable.".to_owned()),
    }
}

/// The callee of the call a `not a function` error comes from, as V8
/// prints it: the expression before the call's `(` at the stack's first
/// position in the script, with inner calls shown as `(...)`; and whether
/// `new` calls it.
fn callee_at(stack: &str, source: &str) -> Option<(String, bool)> {
    let (line, column) = first_script_position(stack)?;
    let text = source.lines().nth(line.checked_sub(1)?)?;
    // Line 1 shares its line with the wrapper's prefix.
    let column = if line == 1 {
        column.checked_sub(WRAP_PREFIX.chars().count())?
    } else {
        column
    };
    let chars: Vec<char> = text.chars().collect();
    // QuickJS points at the callee's start or at its `(`; find the `(` that opens the call.
    let start = column.checked_sub(1)?.min(chars.len());
    let open = (start..chars.len()).find(|&i| chars[i] == '(')?;
    let (from, callee) = callee_before(&chars, open)?;
    let before: String = chars[..from].iter().collect();
    let constructed = before
        .trim_end()
        .strip_suffix("new")
        .is_some_and(|rest| !rest.chars().last().is_some_and(is_ident));
    Some((callee, constructed))
}

/// The expression that ends right before `chars[open]` (a call's `(`):
/// identifiers joined by `.` or `?.`, with `[...]` and `(...)` groups,
/// read backwards; with the index where it starts.
fn callee_before(chars: &[char], open: usize) -> Option<(usize, String)> {
    let mut i = open;
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    let end = i;
    while let Some(&c) = i.checked_sub(1).and_then(|k| chars.get(k)) {
        if c == ')' || c == ']' {
            i = group_start(chars, i - 1)?;
            continue;
        }
        if !is_ident(c) {
            break;
        }
        while i > 0 && is_ident(chars[i - 1]) {
            i -= 1;
        }
        if i > 0 && chars[i - 1] == '.' {
            i -= 1;
            if i > 0 && chars[i - 1] == '?' {
                i -= 1;
            }
            continue;
        }
        break;
    }
    let expr: String = chars[i..end].iter().collect();
    if !expr.chars().next().is_some_and(is_ident) {
        return None;
    }
    Some((i, shorten_calls(&expr)))
}

/// Where the group closed by `chars[close]` (`)` or `]`) opens.
fn group_start(chars: &[char], close: usize) -> Option<usize> {
    let closer = chars[close];
    let opener = if closer == ')' { '(' } else { '[' };
    let mut depth = 0usize;
    let mut j = close + 1;
    loop {
        j = j.checked_sub(1)?;
        if chars[j] == closer {
            depth += 1;
        } else if chars[j] == opener {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// `a.b(1, 2).c` → `a.b(...).c`, as V8 prints a call inside a callee.
fn shorten_calls(expr: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in expr.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    out.push_str("(...)");
                }
                depth += 1;
            }
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// `(line, column)` of the stack's first frame when it is in the user's
/// script (an error from inside a built-in, as `[1].map(3)`, starts with
/// the built-in's frame: the position of its call says nothing of the
/// callee).
fn first_script_position(stack: &str) -> Option<(usize, usize)> {
    let needle = format!("{SCRIPT_FILE}:");
    stack.lines().next().and_then(|frame| {
        let at = frame.find(&needle)?;
        if !matches!(frame[..at].chars().last(), Some('(') | Some(' ')) {
            return None;
        }
        let mut parts = frame[at + needle.len()..].split(|c: char| !c.is_ascii_digit());
        let line = parts.next()?.parse().ok()?;
        let column = parts.next()?.parse().ok()?;
        Some((line, column))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn callee(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let open = chars.iter().rposition(|c| *c == '(')?;
        callee_before(&chars, open).map(|(_, callee)| callee)
    }

    #[test]
    fn callees_read_as_v8_prints_them() {
        assert_eq!(callee("f(").as_deref(), Some("f"));
        assert_eq!(
            callee("  pm.response.jsonBody (").as_deref(),
            Some("pm.response.jsonBody")
        );
        assert_eq!(callee("x = a.b(1, g(2)).c(").as_deref(), Some("a.b(...).c"));
        assert_eq!(callee("pm[k](").as_deref(), Some("pm[k]"));
        assert_eq!(callee("a?.b(").as_deref(), Some("a?.b"));
        assert_eq!(callee("(a || b)(").as_deref(), None);
        assert_eq!(callee("1 + (").as_deref(), None);
    }

    #[test]
    fn positions_come_from_the_first_script_frame() {
        let stack = "    at <anonymous> (script:2:14)\n    at start (courier/pm.js:3:1)\n";
        assert_eq!(first_script_position(stack), Some((2, 14)));
        let native = "    at map (native)\n    at <anonymous> (script:2:14)\n";
        assert_eq!(first_script_position(native), None);
        assert_eq!(first_script_position("    at x (other:1:1)"), None);
    }

    #[test]
    fn both_wrappers_shift_the_first_line_alike() {
        assert_eq!(
            SYNC_WRAP_PREFIX.chars().count(),
            WRAP_PREFIX.chars().count()
        );
    }

    #[test]
    fn other_messages_pass_unchanged() {
        assert_eq!(error_text("Error", "boom", "", ""), "Error: boom");
        assert_eq!(error_text("", "plain", "", ""), "plain");
        assert_eq!(
            error_text("ReferenceError", "x is not defined", "", ""),
            "ReferenceError: x is not defined"
        );
        // Without a position in the script, the callee stays unnamed.
        assert_eq!(
            error_text("TypeError", "not a function", "", "f()"),
            "TypeError: not a function"
        );
    }
}
