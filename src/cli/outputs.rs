//! The files a run writes: checked before anything is sent, written at
//! the end one by one.
//!
//! [`planned`] lists every output of `courier run` (exports, file reports
//! at their given or default paths, the snapshot directory) with the flag
//! that asked for it; [`check`] probes each one (`report::check_writable`)
//! so an unwritable path stops the run with exit code 2 before the first
//! request. At the end, [`Finish`] writes each export on its own: one that
//! still fails is reported and the others are written, and the run exits 3.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::args::RunArgs;
use crate::report::{check_dir_writable, check_writable, write_atomically};

/// One file or directory the run will write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The flag that asked for it (`--export-environment`, `-r json`).
    pub flag: String,
    /// Where.
    pub path: PathBuf,
    /// A directory the run writes files in (`--snapshots`), not a file.
    pub is_dir: bool,
}

impl Output {
    fn file(flag: impl Into<String>, path: &Path) -> Self {
        Output {
            flag: flag.into(),
            path: path.to_owned(),
            is_dir: false,
        }
    }
}

/// Every output of the run `args` describes; `reports` are the file
/// reporters' `(name, path)`, default paths included.
pub fn planned(args: &RunArgs, reports: &[(&'static str, PathBuf)]) -> Vec<Output> {
    let mut outputs = Vec::new();
    let exports = [
        ("--export-environment", &args.export_environment),
        ("--export-globals", &args.export_globals),
        ("--export-collection", &args.export_collection),
        ("--export-cookie-jar", &args.export_cookie_jar),
    ];
    for (flag, path) in exports {
        if let Some(path) = path {
            outputs.push(Output::file(flag, path));
        }
    }
    for (name, path) in reports {
        let given = match *name {
            "junit" => args.reporter_junit_export.is_some(),
            "json" => args.reporter_json_export.is_some(),
            "html" => args.reporter_html_export.is_some(),
            _ => false,
        };
        let flag = if given {
            format!("--reporter-{name}-export")
        } else {
            format!("-r {name} (its default report path)")
        };
        outputs.push(Output::file(flag, path));
    }
    if let Some(dir) = &args.snapshot.snapshots {
        outputs.push(Output {
            flag: "--snapshots".into(),
            path: dir.clone(),
            is_dir: true,
        });
    }
    outputs
}

/// Probes every output; the first that cannot be written is the error
/// (exit code 2: nothing has been sent yet).
pub fn check(outputs: &[Output]) -> Result<()> {
    for output in outputs {
        let probed = if output.is_dir {
            check_dir_writable(&output.path)
        } else {
            check_writable(&output.path)
        };
        if let Err(e) = probed {
            anyhow::bail!(
                "cannot write {} ({}): {e}; nothing was sent. Give {} a path in a directory you can write to",
                output.path.display(),
                output.flag,
                output.flag,
            );
        }
    }
    Ok(())
}

/// The end of a run: each output is attempted on its own; a failure is
/// printed and remembered, and the next output is still written.
#[derive(Debug, Default)]
pub struct Finish {
    failed: usize,
}

impl Finish {
    /// Records the outcome of writing one output.
    pub fn attempt(&mut self, written: Result<()>) {
        if let Err(e) = written {
            self.failure(&crate::error::describe(e.as_ref()));
        }
    }

    /// Records an output that could not be written, with its message.
    pub fn failure(&mut self, message: &str) {
        eprintln!("error: {message}");
        self.failed += 1;
    }

    /// Whether any output could not be written (exit code 3).
    pub fn any_failed(&self) -> bool {
        self.failed > 0
    }
}

/// Writes `value` as pretty JSON with a final newline (the exports of
/// environment, globals and collection).
pub fn export_json<T: serde::Serialize>(path: &Path, value: &T, what: &str) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_atomically(path, text.as_bytes())
        .with_context(|| format!("cannot write the {what} export to {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn run_args(args: &[&str]) -> RunArgs {
        let mut argv = vec!["courier", "run", "c.json"];
        argv.extend_from_slice(args);
        match super::super::Cli::parse_from(argv).command {
            super::super::Command::Run(args) => *args,
            other => panic!("not a run: {other:?}"),
        }
    }

    #[test]
    fn issue15_every_output_is_planned_with_its_flag() {
        let args = run_args(&[
            "--export-environment",
            "e.json",
            "--export-cookie-jar",
            "jar.json",
            "--reporter-json-export",
            "r.json",
            "--snapshots",
            "snaps",
        ]);
        let reports = [
            ("json", PathBuf::from("r.json")),
            ("junit", PathBuf::from("courier-reports/x.xml")),
        ];
        let flags: Vec<(String, PathBuf)> = planned(&args, &reports)
            .into_iter()
            .map(|o| (o.flag, o.path))
            .collect();
        assert_eq!(
            flags,
            [
                ("--export-environment".into(), "e.json".into()),
                ("--export-cookie-jar".into(), "jar.json".into()),
                ("--reporter-json-export".into(), "r.json".into()),
                (
                    "-r junit (its default report path)".into(),
                    "courier-reports/x.xml".into()
                ),
                ("--snapshots".into(), "snaps".into()),
            ]
        );
    }

    #[test]
    fn issue15_an_unwritable_output_names_path_flag_and_os_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let good = Output::file("--export-globals", &dir.path().join("g.json"));
        let bad = Output::file("--export-environment", &file.join("env.json"));
        let err = check(&[good, bad]).unwrap_err().to_string();
        assert!(
            err.contains(&format!("{}", file.join("env.json").display())),
            "{err}"
        );
        assert!(err.contains("(--export-environment)"), "{err}");
        assert!(err.contains("os error"), "{err}");
        assert!(err.contains("nothing was sent"), "{err}");
    }

    #[test]
    fn issue15_one_failed_output_does_not_stop_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let mut finish = Finish::default();
        let value = serde_json::json!({"a": 1});
        finish.attempt(export_json(&file.join("env.json"), &value, "environment"));
        assert!(finish.any_failed());
        finish.attempt(export_json(&dir.path().join("g.json"), &value, "globals"));
        let written = std::fs::read_to_string(dir.path().join("g.json")).unwrap();
        assert_eq!(written, "{\n  \"a\": 1\n}\n");
    }
}
