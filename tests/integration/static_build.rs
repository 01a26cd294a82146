//! Installing without Rust and running in CI (issue 17): the commands of
//! `docs/ci.md` run against the bundled PingOne collection with `--mock`, its
//! YAML parses, the `Dockerfile` has the promised shape, and
//! `scripts/build-static.sh` refuses what it cannot build with a clear message.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{Run, repo_file};

/// The value the CI examples' secret variable holds in these tests.
const SECRET: &str = "ci-secret-4f1b9e";

/// A fenced code block of a Markdown file: its info string and its text.
struct Block {
    lang: String,
    text: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (fence, current.take()) {
            (Some(_), Some(block)) => out.push(block),
            (Some(lang), None) => {
                current = Some(Block {
                    lang: lang.trim().to_owned(),
                    text: String::new(),
                })
            }
            (None, Some(mut block)) => {
                block.text.push_str(line);
                block.text.push('\n');
                current = Some(block);
            }
            (None, None) => {}
        }
    }
    assert!(current.is_none(), "docs/ci.md has an unclosed code block");
    out
}

/// The `courier …` commands of a code block: shell continuation lines joined,
/// a YAML list dash or `run:` key in front of the command removed.
fn courier_commands(text: &str) -> Vec<String> {
    let joined = text.replace("\\\n", " ");
    joined
        .lines()
        .map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("- ").unwrap_or(line);
            line.strip_prefix("run: ").unwrap_or(line).trim()
        })
        .filter(|line| line.starts_with("courier "))
        .map(str::to_owned)
        .collect()
}

/// The word after `flag` in `command`.
fn flag_value<'a>(command: &'a str, flag: &str) -> &'a str {
    let mut words = command.split_whitespace();
    words
        .by_ref()
        .find(|w| *w == flag)
        .unwrap_or_else(|| panic!("`{command}` has no {flag}"));
    words
        .next()
        .unwrap_or_else(|| panic!("{flag} without a value"))
}

/// Runs a documented command with `sh -c` in `dir`: `courier` is this build's
/// binary, the CI secret is in the environment and `--mock` is appended.
fn run_documented(dir: &Path, command: &str) -> Run {
    let rest = command.strip_prefix("courier ").expect("a courier command");
    let bin = env!("CARGO_BIN_EXE_courier");
    let out = Command::new("sh")
        .args(["-c", &format!("'{bin}' {rest} --mock")])
        .current_dir(dir)
        .env("PINGONE_ADMIN_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A working directory laid out as the CI examples expect: the collection and
/// environment under the names the docs use.
fn ci_checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = |from: &str, to: &str| {
        std::fs::copy(repo_file(from), dir.path().join(to)).expect("copy into the checkout");
    };
    copy(
        "collections/pingone-offline-access.postman_collection.json",
        "api.postman_collection.json",
    );
    copy(
        "environments/pingone.postman_environment.json",
        "ci.postman_environment.json",
    );
    dir
}

fn check_ci_command(block: &Block, command: &str) {
    let dir = ci_checkout();
    let run = run_documented(dir.path(), command);
    assert_eq!(run.code, 0, "{command}\n{}\n{}", run.stdout, run.stderr);
    for flag in ["--reporter-junit-export", "--reporter-html-export"] {
        let path = flag_value(command, flag);
        let report = std::fs::read_to_string(dir.path().join(path))
            .unwrap_or_else(|e| panic!("{flag} {path} was not written: {e}"));
        assert!(!report.contains(SECRET), "the secret is in {path}");
        let elsewhere = block.text.replace(command, "");
        assert!(
            elsewhere.contains(path),
            "the {} example does not publish {path}:\n{}",
            block.lang,
            block.text
        );
    }
    let junit = std::fs::read_to_string(
        dir.path()
            .join(flag_value(command, "--reporter-junit-export")),
    )
    .expect("junit");
    // One test case per assertion of the workflow, none failed.
    assert_eq!(junit.matches("<testcase").count(), 33, "{junit}");
    assert!(junit.contains("failures=\"0\" errors=\"0\""), "{junit}");
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
}

#[test]
fn issue17_every_courier_command_of_docs_ci_md_runs() {
    let doc = std::fs::read_to_string(repo_file("docs/ci.md")).expect("docs/ci.md");
    let blocks = blocks(&doc);
    let mut ran = Vec::new();
    for block in &blocks {
        if block.lang == "yaml" {
            serde_saphyr::from_str::<Value>(&block.text)
                .unwrap_or_else(|e| panic!("a YAML block of docs/ci.md does not parse: {e}"));
        }
        for command in courier_commands(&block.text) {
            assert!(
                command.contains("--env-var \"adminAppSecret=$PINGONE_ADMIN_SECRET\""),
                "{command}"
            );
            check_ci_command(block, &command);
            ran.push(block.lang.clone());
        }
    }
    assert_eq!(ran, ["yaml", "yaml", "groovy"], "GitHub, GitLab, Jenkins");
}

#[test]
fn issue17_the_ci_yaml_examples_publish_junit_and_html() {
    let doc = std::fs::read_to_string(repo_file("docs/ci.md")).expect("docs/ci.md");
    let yaml: Vec<Value> = blocks(&doc)
        .iter()
        .filter(|b| b.lang == "yaml")
        .map(|b| serde_saphyr::from_str(&b.text).expect("YAML"))
        .collect();
    let [github, gitlab] = yaml.as_slice() else {
        panic!("expected a GitHub and a GitLab example, got {yaml:?}");
    };
    let steps = github["jobs"]["api-tests"]["steps"]
        .as_array()
        .expect("steps");
    let run = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.starts_with("courier ")))
        .expect("a courier step");
    assert_eq!(
        run["env"]["PINGONE_ADMIN_SECRET"],
        "${{ secrets.PINGONE_ADMIN_SECRET }}"
    );
    let always: Vec<&Value> = steps.iter().filter(|s| s["if"] == "always()").collect();
    assert_eq!(always.len(), 2, "both report steps run after a failure");

    let job = &gitlab["api-tests"];
    assert_eq!(job["artifacts"]["when"], "always");
    assert_eq!(job["artifacts"]["reports"]["junit"], "reports/junit.xml");
    assert_eq!(job["artifacts"]["paths"][0], "reports/report.html");
}

/// The instructions of a Dockerfile, continuation lines joined.
fn instructions(text: &str) -> Vec<(String, String)> {
    text.replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (word, rest) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (word.to_ascii_uppercase(), rest.trim().to_owned())
        })
        .collect()
}

#[test]
fn issue17_the_dockerfile_builds_on_rust_and_ships_courier_on_scratch() {
    let text = std::fs::read_to_string(repo_file("Dockerfile")).expect("Dockerfile");
    let all = instructions(&text);
    let stages: Vec<&str> = all
        .iter()
        .filter(|(w, _)| w == "FROM")
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(stages, ["rust:1.95 AS builder", "scratch"]);
    let last_from = all.iter().rposition(|(w, _)| w == "FROM").expect("FROM");
    let (builder, last) = all.split_at(last_from);
    assert!(
        builder.iter().any(|(w, a)| w == "RUN"
            && a.contains("musl-tools")
            && a.contains("rustup target add")),
        "the builder installs the musl target and compiler"
    );
    assert!(
        builder
            .iter()
            .any(|(w, a)| w == "RUN" && a.contains("scripts/build-static.sh")),
        "the builder runs scripts/build-static.sh"
    );
    let copies: Vec<&str> = last
        .iter()
        .filter(|(w, _)| w == "COPY")
        .map(|(_, a)| a.as_str())
        .collect();
    assert!(
        copies
            .iter()
            .any(|c| c.starts_with("--from=builder")
                && c.contains("/etc/ssl/certs/ca-certificates.crt")),
        "{copies:?}"
    );
    let entrypoint = last
        .iter()
        .find(|(w, _)| w == "ENTRYPOINT")
        .map(|(_, a)| a.as_str())
        .expect("ENTRYPOINT");
    let entrypoint: Vec<String> = serde_json::from_str(entrypoint).expect("exec form");
    assert_eq!(entrypoint.len(), 1);
    assert!(
        copies
            .iter()
            .any(|c| c.starts_with("--from=builder") && c.ends_with(&entrypoint[0])),
        "the entrypoint {entrypoint:?} is the binary copied from the builder"
    );
    assert!(entrypoint[0].ends_with("/courier"));

    let ignore = std::fs::read_to_string(repo_file(".dockerignore")).expect(".dockerignore");
    let ignored: Vec<&str> = ignore.lines().map(str::trim).collect();
    assert!(ignored.contains(&"target/") && ignored.contains(&".git/"));
}

fn build_static(args: &[&str], extra_env: &[(&str, &str)]) -> Run {
    let out = Command::new(repo_file("scripts/build-static.sh"))
        .args(args)
        .env("PATH", "/usr/bin:/bin")
        .env_remove("COURIER_MUSL_CC")
        .envs(extra_env.iter().copied())
        .output()
        .expect("run scripts/build-static.sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn issue17_build_static_refuses_an_unknown_architecture_and_a_missing_compiler() {
    let unknown = build_static(&["sparc"], &[]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("unknown architecture 'sparc'"));
    assert!(unknown.stdout.is_empty(), "{}", unknown.stdout);

    // A compiler that does not exist stands for a machine without one: the
    // script stops before rustup or cargo, naming what to install.
    let other = if std::env::consts::ARCH == "aarch64" {
        "x86_64"
    } else {
        "aarch64"
    };
    let missing = build_static(&[other], &[("COURIER_MUSL_CC", "no-such-musl-gcc")]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(
        missing.stderr.contains(&format!("{other}-linux-musl-gcc")),
        "{}",
        missing.stderr
    );
    assert!(missing.stdout.is_empty(), "{}", missing.stdout);
}
