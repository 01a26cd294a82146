//! Turning `-r` and the `--reporter-*` flags into the reporters of a run.
//!
//! The terminal, progress bar and file reporters all come from `report/`;
//! this file only decides which run, where files go (Newman's default of a
//! timestamped file under a report directory when no path is given), and
//! whether the progress bar replaces the per-request lines.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use super::args::{ColorChoice, ReporterName, RunArgs};
use crate::report::cli::{CliOptions, CliReporter, Verbosity};
use crate::report::html::HtmlReporter;
use crate::report::json::JsonReporter;
use crate::report::junit::JunitReporter;
use crate::report::omit::Omit;
use crate::report::progress::{IMPLICIT_DELAY, ProgressReporter};
use crate::report::{Masker, Reporter, RunContext, default_report_path, report_timestamp};

/// Reporters in the order they get each event, and the report files they
/// will write.
pub struct Reporters {
    /// The reporters.
    pub list: Vec<Box<dyn Reporter>>,
    /// `(reporter, path)` of every file report.
    pub files: Vec<(&'static str, PathBuf)>,
}

/// Where the file reporters write, from `courier run` or `courier merge`.
pub struct FileOptions<'a> {
    /// The `-r` list.
    pub wants: &'a [ReporterName],
    /// `--reporter-junit-export`.
    pub junit_export: &'a Option<PathBuf>,
    /// `--reporter-json-export`.
    pub json_export: &'a Option<PathBuf>,
    /// `--reporter-html-export`.
    pub html_export: &'a Option<PathBuf>,
    /// `--reporter-html-template`.
    pub html_template: &'a Option<PathBuf>,
    /// Mask secrets (no `--no-mask`).
    pub mask: bool,
    /// What the json report leaves out (`--reporter-json-omit*`).
    pub json_omit: Omit,
    /// What the html report leaves out (`--reporter-html-omit*`).
    pub html_omit: Omit,
}

impl<'a> FileOptions<'a> {
    /// The file reporter options of `courier run`.
    pub fn of_run(args: &'a RunArgs) -> Self {
        let (json_omit, html_omit) = omissions(args);
        FileOptions {
            wants: &args.reporters,
            junit_export: &args.reporter_junit_export,
            json_export: &args.reporter_json_export,
            html_export: &args.reporter_html_export,
            html_template: &args.reporter_html_template,
            mask: !args.no_mask,
            json_omit,
            html_omit,
        }
    }
}

/// The terminal reporters (progress bar, cli) `args` ask for.
pub fn build_terminal(args: &RunArgs) -> Vec<Box<dyn Reporter>> {
    let wants = |r: ReporterName| args.reporters.contains(&r);
    let masker = Masker::new(!args.no_mask);
    let cli_on = wants(ReporterName::Cli);
    let tty = std::io::stdout().is_terminal();
    let progress = tty
        && !args.silent
        && (wants(ReporterName::Progress) || !cli_on)
        && !(cli_on && args.verbose);
    warn_unused_exports(args);

    let mut list: Vec<Box<dyn Reporter>> = Vec::new();
    if progress {
        // First, so the bar is cleared before the cli reporter prints its summary.
        let delay = if wants(ReporterName::Progress) {
            Duration::ZERO
        } else {
            IMPLICIT_DELAY
        };
        let mut bar = ProgressReporter::new(masker.clone(), delay);
        if args.compat.disable_unicode {
            bar = bar.with_ascii();
        }
        list.push(Box::new(bar));
    }
    if cli_on {
        let options = CliOptions {
            color: use_color(args.color),
            verbosity: if args.silent {
                Verbosity::Silent
            } else if args.verbose {
                Verbosity::Verbose
            } else {
                Verbosity::Normal
            },
            no_summary: args.reporter_cli_no_summary,
            no_failures: args.reporter_cli_no_failures,
            no_assertions: args.reporter_cli_no_assertions,
            no_success_assertions: args.reporter_cli_no_success_assertions,
            no_requests: progress,
            ascii: args.compat.disable_unicode,
        };
        // Not a held lock: the progress bar's ticker thread writes to stdout too.
        let out = std::io::stdout();
        list.push(Box::new(CliReporter::new(out, options, masker.clone())));
    }
    list
}

/// The file reporters (junit, json, html) `f` asks for, fed `context`.
/// Fails (exit code 2) when a `--reporter-html-template` cannot be read or
/// compiled.
pub fn build_files(f: &FileOptions<'_>, context: &RunContext) -> Result<Reporters> {
    let wants = |r: ReporterName| f.wants.contains(&r);
    let masker = Masker::new(f.mask);
    let mut list: Vec<Box<dyn Reporter>> = Vec::new();
    let mut files = Vec::new();
    let timestamp = report_timestamp(SystemTime::now());
    let path_for = |given: &Option<PathBuf>, ext: &str| {
        given
            .clone()
            .unwrap_or_else(|| default_report_path(Path::new(""), &timestamp, ext))
    };
    let context = |omit: Omit| {
        let mut context = context.clone();
        omit.collection(&mut context.collection);
        context
    };
    if wants(ReporterName::Junit) {
        let path = path_for(f.junit_export, "xml");
        files.push(("junit", path.clone()));
        list.push(Box::new(JunitReporter::new(path, masker.clone())));
    }
    if wants(ReporterName::Json) {
        let path = path_for(f.json_export, "json");
        files.push(("json", path.clone()));
        let masker = masker.clone().with_omit(f.json_omit);
        list.push(Box::new(JsonReporter::new(
            path,
            masker,
            context(f.json_omit),
        )));
    }
    if wants(ReporterName::Html) {
        let template = match f.html_template {
            Some(p) => Some(std::fs::read_to_string(p).with_context(|| {
                format!("cannot read --reporter-html-template {}", p.display())
            })?),
            None => None,
        };
        let path = path_for(f.html_export, "html");
        files.push(("html", path.clone()));
        let masker = masker.clone().with_omit(f.html_omit);
        let html = HtmlReporter::new(path, masker, context(f.html_omit), template.as_deref())
            .with_context(|| match f.html_template {
                Some(p) => format!("--reporter-html-template {}", p.display()),
                None => "the built-in html template".to_owned(),
            })?;
        list.push(Box::new(html));
    }
    Ok(Reporters { list, files })
}

/// What the json and html reports leave out (the Postman CLI's
/// `--reporter-{json,html}-omit*` options).
fn omissions(args: &RunArgs) -> (Omit, Omit) {
    let c = &args.compat;
    let one = |request_bodies, response_bodies, headers, all| {
        let flags = Omit {
            request_bodies,
            response_bodies,
            headers,
        };
        if all { flags.union(Omit::ALL) } else { flags }
    };
    (
        one(
            c.reporter_json_omit_request_bodies,
            c.reporter_json_omit_response_bodies,
            c.reporter_json_omit_headers,
            c.reporter_json_omit_all_headers_and_body,
        ),
        one(
            c.reporter_html_omit_request_bodies,
            c.reporter_html_omit_response_bodies,
            c.reporter_html_omit_headers,
            c.reporter_html_omit_all_headers_and_body,
        ),
    )
}

/// Newman ignores the options of reporters that do not run; say so.
fn warn_unused_exports(args: &RunArgs) {
    let given = [
        (
            ReporterName::Junit,
            "junit",
            args.reporter_junit_export.is_some(),
        ),
        (
            ReporterName::Json,
            "json",
            args.reporter_json_export.is_some()
                || args.compat.reporter_json_structure.is_some()
                || omissions(args).0.any(),
        ),
        (
            ReporterName::Html,
            "html",
            args.reporter_html_export.is_some()
                || args.reporter_html_template.is_some()
                || omissions(args).1.any(),
        ),
    ];
    for (reporter, name, set) in given {
        if set && !args.reporters.contains(&reporter) {
            eprintln!(
                "warning: --reporter-{name}-… is ignored because the {name} reporter is not on; add it with -r cli,{name}"
            );
        }
    }
}

/// Whether the terminal output gets colours: `--color`, `NO_COLOR`, and
/// whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::On => true,
        ColorChoice::Off => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
