//! Running the real binary and normalising its output for snapshots.

use std::path::PathBuf;
use std::process::Command;

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Path of a file of the repository.
#[allow(dead_code)] // used by the PingOne tests
pub fn repo_file(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs `courier` with `args`, colour off, from the repository root.
pub fn courier(args: &[&str]) -> Run {
    courier_in(env!("CARGO_MANIFEST_DIR").as_ref(), args)
}

/// Runs `courier` with `args`, colour off, in `dir` (default report paths land there).
pub fn courier_in(dir: &std::path::Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_courier"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run courier");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Output with ports, timings and sizes replaced by stable placeholders.
pub fn normalize(text: &str) -> String {
    let rules = [
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        (r"\d+(\.\d+)?(ms|s)\b", "[time]"),
        (r"\d+m \d+\.\d+s", "[time]"),
        (r"\d+(\.\d+)?(B|kB|MB)\b", "[size]"),
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "[uuid]",
        ),
        // Table widths depend on the lengths replaced above: collapse padding.
        (r" {2,}", " "),
        (r"[─═]+", "─"),
        (r"(?m) +$", ""),
    ];
    replace_all(text, &rules)
}

/// Applies regex replacements in order.
pub fn replace_all(text: &str, rules: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (pattern, replacement) in rules {
        out = regex::Regex::new(pattern)
            .expect("pattern")
            .replace_all(&out, *replacement)
            .into_owned();
    }
    out
}

/// Runs the binary with `args` plus `-r json` and a report in a temporary
/// directory; returns the run and the parsed report (the report must exist).
pub fn courier_with_json_report(args: &[&str]) -> (Run, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.json");
    let report_arg = report.to_string_lossy().into_owned();
    let mut all = args.to_vec();
    all.extend(["-r", "json", "--reporter-json-export", &report_arg]);
    let run = courier(&all);
    let text = std::fs::read_to_string(&report)
        .unwrap_or_else(|e| panic!("the JSON report: {e}\n{}\n{}", run.stdout, run.stderr));
    let json = serde_json::from_str(&text).expect("the JSON report is JSON");
    (run, json)
}

/// Every assertion of a JSON report, in order: (name, passed).
pub fn assertion_outcomes(report: &serde_json::Value) -> Vec<(String, bool)> {
    report["run"]["executions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["assertions"].as_array().cloned().unwrap_or_default())
        .map(|a| {
            (
                a["assertion"].as_str().unwrap_or_default().to_owned(),
                a["error"].is_null(),
            )
        })
        .collect()
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
