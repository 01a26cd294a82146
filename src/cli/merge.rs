//! `courier merge`: the shards' JSON reports of a `--shard I/N` run
//! become one report of each kind (`report::merge` reads them back into the
//! run's events; the ordinary reporters write the files), and the terminal
//! shows the whole run's summary and failures.

use anyhow::{Result, bail};

use super::args::{MergeArgs, ReporterName};
use super::exit;
use super::reporters::{self, FileOptions, use_color};
use crate::report::cli::{CliOptions, CliReporter};
use crate::report::merge::{MergedRun, read_report};
use crate::report::{Masker, Reporter};
use crate::runner::RunEvent;

/// Runs `courier merge`; `Ok` carries the exit code (1 when the merged run failed).
pub(super) fn merge(args: &MergeArgs) -> Result<u8> {
    if args.reporters.contains(&ReporterName::Progress) {
        bail!("courier merge has no progress bar to show; use -r cli,json,junit,html");
    }
    let shards = args
        .reports
        .iter()
        .map(|p| read_report(p))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = MergedRun::new(shards)?;
    let files = reporters::build_files(
        &FileOptions {
            wants: &args.reporters,
            junit_export: &args.reporter_junit_export,
            json_export: &args.reporter_json_export,
            html_export: &args.reporter_html_export,
            html_template: &args.reporter_html_template,
            // The shard reports are masked already; masking again keeps them so.
            mask: true,
            json_omit: Default::default(),
            html_omit: Default::default(),
        },
        &merged.context,
    )?;
    let mut list: Vec<Box<dyn Reporter>> = Vec::new();
    if args.reporters.contains(&ReporterName::Cli) {
        let options = CliOptions {
            color: use_color(args.color),
            no_requests: true,
            ..CliOptions::default()
        };
        list.push(Box::new(CliReporter::new(
            std::io::stdout(),
            options,
            Masker::new(true),
        )));
    }
    list.extend(files.list);
    let mut errors = Vec::new();
    let summary = merged.replay(&mut |event: &RunEvent<'_>| {
        super::runs::feed(&mut list, &mut errors, event);
    })?;
    if let Some(e) = errors.into_iter().next() {
        return Err(e.into());
    }
    for (reporter, path) in &files.files {
        super::say(format_args!("{reporter} report: {}", path.display()));
    }
    Ok(if summary.failed() && !args.suppress_exit_code {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}
