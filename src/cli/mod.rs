//! Command-line parsing and turning options into a run.
//!
//! Two stages, as the design asks: `args` is the clap derive whose doc
//! comments are the help text; [`run_options`] validates it into a
//! [`RunOptions`] the library understands, loading every file up front so a
//! bad file stops the run before anything is sent (exit code 2), and
//! `outputs` checks every file the run will write just as early. Then the
//! run is driven here (`signals` turns Ctrl-C into a clean stop), events go
//! to the reporters, the exports are written, and the outcome becomes an
//! exit code.

mod args;
mod merge;
mod outputs;
mod remote;
mod reporters;
mod runs;
mod shell;
mod signals;
mod vault;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Parser;

pub use args::{
    Cli, ColorChoice, Command, CompatArgs, CompletionsArgs, ConvertArgs, ConvertTo, ManArgs,
    MergeArgs, ReporterName, RunArgs, ShardArg, ShardByArg, SnapshotAction, SnapshotArgs,
    SnapshotsArgs,
};

use crate::capture::CaptureSpec;
use crate::collection::{load_collection, load_environment, load_iteration_data};
use crate::http::{
    ClientCertificate, CookieJarFile, HttpVersion, TlsIdentity, load_certificate_list,
    load_extra_roots,
};
use crate::report::write_atomically;
use crate::runner::{Bail, RunOptions};
use crate::script::PackageSources;
use crate::snapshot::{LiveItems, SnapshotOptions};
use vault::VaultSource;

/// Exit codes, in one place.
pub mod exit {
    /// Every request was sent and every assertion passed.
    pub const SUCCESS: u8 = 0;
    /// A request failed, an assertion failed, or a script threw.
    pub const FAILURE: u8 = 1;
    /// The run could not start: bad arguments, input files, or an output
    /// path that cannot be written (nothing was sent).
    pub const CANNOT_START: u8 = 2;
    /// The run finished but a report or export could not be written (the
    /// others were).
    pub const OUTPUT_FAILED: u8 = 3;
    /// The run was interrupted (Ctrl-C / SIGINT, SIGTERM); the reports and
    /// exports hold what ran before.
    pub const INTERRUPTED: u8 = 130;
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout and usage errors to stderr.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::CANNOT_START
            } else {
                exit::SUCCESS
            });
        }
    };
    match cli.command {
        Command::Run(args) => match runs::run(&args) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("error: {}", crate::error::describe(e.as_ref()));
                ExitCode::from(exit::CANNOT_START)
            }
        },
        Command::Convert(args) => convert(&args),
        Command::Merge(args) => match merge::merge(&args) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("error: {}", crate::error::describe(e.as_ref()));
                ExitCode::from(exit::CANNOT_START)
            }
        },
        Command::Snapshots(args) => match snapshots(&args) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("error: {}", crate::error::describe(e.as_ref()));
                ExitCode::from(exit::CANNOT_START)
            }
        },
        Command::Completions(args) => shell::completions(args.shell),
        Command::Man(args) => shell::man(args.subcommand.as_deref()),
    }
}

/// `courier convert`: warnings and errors on stderr; exit 0 or 2.
fn convert(args: &ConvertArgs) -> ExitCode {
    let target = match args.to {
        ConvertTo::V21 => crate::convert::Target::V21,
        ConvertTo::V3 => crate::convert::Target::V3,
    };
    match crate::convert::convert(&args.src, target, &args.output, args.force) {
        Ok(warnings) => {
            for warning in &warnings {
                eprintln!("warning: {warning}");
            }
            ExitCode::from(exit::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {}", crate::error::describe(&e));
            ExitCode::from(exit::CANNOT_START)
        }
    }
}

/// Parses `KEY=VALUE`; the value may contain `=`.
fn key_value(flag: &str, text: &str) -> Result<(String, String)> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => bail!(
            "{flag} `{text}` is not KEY=VALUE; write it as {flag} name=value (quote it if the value has spaces)"
        ),
    }
}

/// Validates arguments and loads every input file, for the collection
/// at `path` (one of `args.collections`, resolved; a URL is downloaded).
pub fn run_options(args: &RunArgs, path: &Path) -> Result<RunOptions> {
    let api_key = args.compat.postman_api_key.as_deref();
    let collection = match remote::collection(path, api_key)? {
        Some(remote) => remote,
        None => load_any_collection(path)?,
    };
    let mut options = RunOptions::new(collection);
    if let Some(p) = &args.environment {
        options.environment = Some(match remote::environment("environment", p, api_key)? {
            Some(remote) => remote,
            None => load_environment("environment", p)?,
        });
    }
    if let Some(p) = &args.globals {
        options.globals = Some(match remote::environment("globals", p, api_key)? {
            Some(remote) => remote,
            None => load_environment("globals", p)?,
        });
    }
    if let Some(p) = &args.iteration_data {
        let data = match remote::iteration_data(p, api_key)? {
            Some(remote) => remote,
            None => load_iteration_data(p)?,
        };
        for warning in &data.warnings {
            eprintln!("warning: {warning}");
        }
        options.iteration_data = data.rows;
    }
    if args.iteration_count == Some(0) {
        bail!("--iteration-count must be at least 1");
    }
    options.iteration_count = args.iteration_count;
    options.folders = args.folder.clone();
    options.exclude_folders = args.exclude_folder.clone();
    options.bail = Bail {
        on_failure: args.bail.iter().any(|b| b == "failure"),
        on_folder: args.bail.iter().any(|b| b == "folder"),
    };
    options.delay_request = Duration::from_millis(args.delay_request);
    options.timeout = args.timeout.map(Duration::from_millis);
    options.timeout_request = args.timeout_request.map(Duration::from_millis);
    options.timeout_script = args.timeout_script.map(Duration::from_millis);
    options.insecure = args.insecure;
    options.ignore_redirects = args.ignore_redirects;
    options.http_version = HttpVersion::from_flag(&args.http_version).unwrap_or_default();
    options.oauth2_fetch = args.oauth2_fetch;
    options.oauth2_browser = args.oauth2_browser;
    options.env_vars = args
        .env_var
        .iter()
        .map(|t| key_value("--env-var", t))
        .collect::<Result<_>>()?;
    options.global_vars = args
        .global_var
        .iter()
        .map(|t| key_value("--global-var", t))
        .collect::<Result<_>>()?;
    if let Some(dir) = &args.working_dir {
        if !dir.is_dir() {
            bail!("--working-dir {} is not a directory", dir.display());
        }
        options.working_dir = dir.clone();
    }
    options.insecure_file_read = !args.compat.no_insecure_file_read;
    if let Some(p) = &args.captures {
        options.captures = Some(CaptureSpec::load(p)?);
    }
    options.tls = tls_identity(args, &options.working_dir)?;
    if let Some(p) = &args.cookie_jar {
        options.cookie_jar = Some(CookieJarFile::load(p)?);
    }
    options.run_scripts = !args.no_scripts;
    options.parallel = usize::from(args.parallel);
    options.snapshots = snapshot_options(&args.snapshot)?;
    options.packages = package_sources(args, path)?;
    options.vault = VaultSource::load(args.vault.as_deref(), std::env::vars())?.secrets();
    options.retry = crate::runner::RetryOptions {
        count: args.retry,
        delay: Duration::from_millis(args.retry_delay),
        all_methods: args.retry_all_methods,
    };
    options.max_response_size = Some(args.max_response_size).filter(|&n| n > 0);
    options.busy_poll = args.busy_poll.map(Duration::from_micros);
    Ok(options)
}

/// `--ssl-client-cert-list`, then `--ssl-client-cert` (matching every URL,
/// so last), and `--ssl-extra-ca-certs`, read now so a bad file stops the
/// run. Certificate paths are relative to --working-dir, as in Newman.
fn tls_identity(args: &RunArgs, working_dir: &Path) -> Result<TlsIdentity> {
    let mut identity = TlsIdentity::default();
    if let Some(list) = &args.ssl_client_cert_list {
        identity.certificates = load_certificate_list(list, working_dir)?
            .into_iter()
            .map(Arc::new)
            .collect();
    }
    if let Some(cert) = &args.ssl_client_cert {
        let key = args.ssl_client_key.as_ref().map(|k| working_dir.join(k));
        identity
            .certificates
            .push(Arc::new(ClientCertificate::from_pem_files(
                "client-cert",
                &working_dir.join(cert),
                key.as_deref(),
                args.ssl_client_passphrase.as_deref(),
            )?));
    }
    if let Some(ca) = &args.ssl_extra_ca_certs {
        identity.extra_roots = load_extra_roots(&working_dir.join(ca))?;
    }
    Ok(identity)
}

/// `--packages DIR` (or ./postman-packages) and the collection's `node_modules`.
fn package_sources(args: &RunArgs, collection: &Path) -> Result<PackageSources> {
    let packages_dir = match &args.packages {
        Some(dir) if !dir.is_dir() => bail!("--packages {} is not a directory", dir.display()),
        Some(dir) => Some(dir.clone()),
        None => Some(PathBuf::from("postman-packages")).filter(|d| d.is_dir()),
    };
    let beside = if collection.is_dir() {
        collection.to_path_buf()
    } else {
        collection
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let node_modules = beside.join("node_modules");
    Ok(PackageSources {
        packages_dir,
        node_modules: node_modules.is_dir().then_some(node_modules),
    })
}

// ── Snapshot testing (src/snapshot/) ────────────────────────────────────

/// `--snapshots DIR` and its flags, over `DIR/courier.snapshots.json`.
fn snapshot_options(args: &SnapshotArgs) -> Result<Option<SnapshotOptions>> {
    let Some(dir) = &args.snapshots else {
        return Ok(None);
    };
    let mut options =
        SnapshotOptions::load(dir).with_context(|| format!("--snapshots {}", dir.display()))?;
    options.update = args.update_snapshots;
    options.sort_keys |= args.snapshot_sort_keys;
    if !args.snapshot_header.is_empty() {
        options.headers = args.snapshot_header.clone();
    }
    for rule in &args.snapshot_redact {
        options.redact(rule)?;
    }
    Ok(Some(options))
}

/// Prints one line on stdout; a closed stdout (`courier run … | head`) is
/// not an error worth a panic, so a failed write is ignored.
fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Runs `courier snapshots review|accept|reject|prune DIR`; `Ok` carries the exit code.
fn snapshots(args: &SnapshotsArgs) -> Result<u8> {
    if args.action != SnapshotAction::Prune && !args.collection.is_empty() {
        bail!("--collection is for `courier snapshots prune` only");
    }
    let mut out = std::io::stdout().lock();
    match args.action {
        SnapshotAction::Review => {
            let color = reporters::use_color(args.color);
            crate::snapshot::review(&args.dir, &mut std::io::stdin().lock(), &mut out, color)?;
        }
        SnapshotAction::Accept => {
            crate::snapshot::accept_all(&args.dir, &mut out)?;
        }
        SnapshotAction::Reject => {
            crate::snapshot::reject_all(&args.dir, &mut out)?;
        }
        SnapshotAction::Prune => {
            if args.collection.is_empty() {
                bail!(
                    "`courier snapshots prune {}` needs the collection whose requests keep \
                     their snapshots: add --collection FILE",
                    args.dir.display()
                );
            }
            if !args.dir.is_dir() {
                bail!("{} is not a directory", args.dir.display());
            }
            for path in &args.collection {
                let collection = load_any_collection(path)?;
                LiveItems::new(&args.dir, &collection).prune(&mut out)?;
            }
        }
    }
    Ok(exit::SUCCESS)
}

/// A collection file, or a v3 collection directory.
fn load_any_collection(path: &Path) -> Result<crate::collection::Collection> {
    if path.is_dir() {
        let loaded = crate::collection::v3::load_dir(path)?;
        for warning in &loaded.warnings {
            eprintln!("warning: {warning}");
        }
        return Ok(loaded.collection);
    }
    Ok(load_collection(path)?)
}

/// After a `--snapshots` run: one line naming the snapshots of requests the
/// collection no longer has, and how to delete them.
fn report_stale_snapshots(live: &LiveItems, dir: &Path, collection: &Path) -> Result<()> {
    let stale = live.stale()?;
    if stale.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = stale
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap_or(p).display().to_string())
        .collect();
    say(format_args!(
        "{} snapshot(s) of requests no longer in the collection: {} \
         (delete them with `courier snapshots prune {} --collection {}`)",
        stale.len(),
        names.join(", "),
        dir.display(),
        collection.display()
    ));
    Ok(())
}
// ── end of snapshot testing ─────────────────────────────────────────────

/// Writes every `--export-*` the run asked for, each on its own.
fn write_exports(
    args: &RunArgs,
    outcome: &crate::runner::RunOutcome,
    collection: Option<crate::collection::Collection>,
    finish: &mut outputs::Finish,
) {
    if let Some(path) = &args.export_environment {
        let env = outcome.environment_file();
        finish.attempt(outputs::export_json(path, &env, "environment"));
    }
    if let Some(path) = &args.export_globals {
        let globals = outcome.globals_file();
        finish.attempt(outputs::export_json(path, &globals, "globals"));
    }
    if let Some(path) = &args.export_cookie_jar {
        finish.attempt(export_cookie_jar(path, &outcome.cookie_jar));
    }
    if let (Some(path), Some(mut collection)) = (&args.export_collection, collection) {
        // Newman exports the collection as run: its variables as they ended.
        collection.variable = outcome.scopes.collection.to_variables();
        finish.attempt(outputs::export_json(path, &collection, "collection"));
    }
}

/// `--export-cookie-jar`: as Newman writes it, two-space indents and no
/// final newline.
fn export_cookie_jar(path: &Path, jar: &CookieJarFile) -> Result<()> {
    let text = serde_json::to_string_pretty(jar)?;
    write_atomically(path, text.as_bytes())
        .with_context(|| format!("cannot write the cookie jar export to {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_parsing() {
        assert_eq!(
            key_value("--env-var", "a=b=c").unwrap(),
            ("a".to_owned(), "b=c".to_owned())
        );
        assert_eq!(key_value("--env-var", "a=").unwrap().1, "");
        let err = key_value("--env-var", "novalue").unwrap_err().to_string();
        assert!(err.contains("not KEY=VALUE"), "{err}");
        assert!(key_value("--env-var", "=v").is_err());
    }
}
