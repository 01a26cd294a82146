//! Command-line parsing and turning options into a run.
//!
//! Two stages, as the design asks: `args` is the clap derive whose doc
//! comments are the help text; [`run_options`] validates it into a
//! [`RunOptions`] the library understands, loading every file up front so a
//! bad file stops the run before anything is sent (exit code 2). Then the
//! run is driven here, events go to the reporters, and the outcome becomes
//! an exit code.

mod args;
mod reporters;
mod vault;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Parser;

pub use args::{
    Cli, ColorChoice, Command, ConvertArgs, ConvertTo, ReporterName, RunArgs, SnapshotAction,
    SnapshotArgs, SnapshotsArgs,
};

use crate::capture::CaptureSpec;
use crate::collection::{load_collection, load_environment, load_iteration_data};
use crate::http::{
    ClientCertificate, CookieJarFile, TlsIdentity, load_certificate_list, load_extra_roots,
};
use crate::report::write_atomically;
use crate::runner::{Bail, RunEvent, RunOptions, Runner};
use crate::script::PackageSources;
use crate::snapshot::SnapshotOptions;
use vault::VaultSource;

/// Exit codes, in one place.
pub mod exit {
    /// Every request was sent and every assertion passed.
    pub const SUCCESS: u8 = 0;
    /// A request failed, an assertion failed, or a script threw.
    pub const FAILURE: u8 = 1;
    /// The run could not start: bad arguments or input files.
    pub const CANNOT_START: u8 = 2;
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
        Command::Run(mut args) => match collection_by_name(&mut args).and_then(|()| run(&args)) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("error: {}", crate::error::describe(e.as_ref()));
                ExitCode::from(exit::CANNOT_START)
            }
        },
        Command::Convert(args) => convert(&args),
        Command::Snapshots(args) => match snapshots(&args) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("error: {}", crate::error::describe(e.as_ref()));
                ExitCode::from(exit::CANNOT_START)
            }
        },
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

/// Validates arguments and loads every input file.
pub fn run_options(args: &RunArgs) -> Result<RunOptions> {
    let collection = if args.collection.is_dir() {
        let loaded = crate::collection::v3::load_dir(&args.collection)?;
        for warning in &loaded.warnings {
            eprintln!("warning: {warning}");
        }
        loaded.collection
    } else {
        load_collection(&args.collection)?
    };
    let mut options = RunOptions::new(collection);
    if let Some(p) = &args.environment {
        options.environment = Some(load_environment("environment", p)?);
    }
    if let Some(p) = &args.globals {
        options.globals = Some(load_environment("globals", p)?);
    }
    if let Some(p) = &args.iteration_data {
        let data = load_iteration_data(p)?;
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
    options.packages = package_sources(args)?;
    options.vault = VaultSource::load(args.vault.as_deref(), std::env::vars())?.secrets();
    options.max_response_size = Some(args.max_response_size).filter(|&n| n > 0);
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
fn package_sources(args: &RunArgs) -> Result<PackageSources> {
    let packages_dir = match &args.packages {
        Some(dir) if !dir.is_dir() => bail!("--packages {} is not a directory", dir.display()),
        Some(dir) => Some(dir.clone()),
        None => Some(PathBuf::from("postman-packages")).filter(|d| d.is_dir()),
    };
    let beside = if args.collection.is_dir() {
        args.collection.clone()
    } else {
        args.collection
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
    let mut options = SnapshotOptions::load(dir)?;
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

/// Runs `courier snapshots review|accept|reject DIR`; `Ok` carries the exit code.
fn snapshots(args: &SnapshotsArgs) -> Result<u8> {
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
    }
    Ok(exit::SUCCESS)
}
// ── end of snapshot testing ─────────────────────────────────────────────

/// `COLLECTION` that is no file or directory but the name of a collection
/// registered in the repository's `.postman/resources.yaml` becomes that
/// collection's path.
fn collection_by_name(args: &mut RunArgs) -> Result<()> {
    if args.collection.exists() {
        return Ok(());
    }
    let name = args.collection.to_string_lossy().into_owned();
    let here = std::env::current_dir().context("cannot read the current directory")?;
    if let Some(path) = crate::collection::v3::workspace::find_by_name(&here, &name)? {
        args.collection = path;
    }
    Ok(())
}

/// Runs `courier run`; `Ok` carries the exit code.
fn run(args: &RunArgs) -> Result<u8> {
    let mut options = run_options(args)?;
    let vault = VaultSource::load(args.vault.as_deref(), std::env::vars())?;
    let _mock = if args.mock {
        let server = crate::mock::MockServer::spawn(&options.collection)
            .context("cannot start the mock server")?;
        options.base_override = Some(server.url());
        Some(server)
    } else {
        None
    };
    let reporters::Reporters {
        list: mut reporters,
        files,
    } = reporters::build(args, &options)?;
    let collection = args
        .export_collection
        .as_ref()
        .map(|_| options.collection.clone());
    let mut report_error = None;
    let mut on_event = |event: &RunEvent<'_>| {
        for r in reporters.iter_mut() {
            if let Err(e) = r.on_event(event)
                && report_error.is_none()
            {
                report_error = Some(e);
            }
        }
    };
    let outcome = Runner::new(options).run_blocking(&mut on_event)?;
    if let Some(e) = report_error {
        return Err(e.into());
    }
    if !args.silent {
        for (reporter, path) in &files {
            println!("{reporter} report: {}", path.display());
        }
    }
    if let Some(path) = &args.export_environment {
        export_json(path, &outcome.environment_file(), "environment")?;
    }
    if let Some(path) = &args.export_globals {
        export_json(path, &outcome.globals_file(), "globals")?;
    }
    if let Some(path) = &args.export_cookie_jar {
        // As Newman writes it: two-space indents, no final newline.
        let text = serde_json::to_string_pretty(&outcome.cookie_jar)?;
        write_atomically(path, text.as_bytes())
            .with_context(|| format!("cannot write the cookie jar export to {}", path.display()))?;
    }
    vault.save(&outcome.scopes.vault)?;
    if let (Some(path), Some(mut collection)) = (&args.export_collection, collection) {
        // Newman exports the collection as run: its variables as they ended.
        collection.variable = outcome.scopes.collection.to_variables();
        export_json(path, &collection, "collection")?;
    }
    Ok(if outcome.summary.failed() && !args.suppress_exit_code {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

fn export_json<T: serde::Serialize>(path: &Path, value: &T, what: &str) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_atomically(path, text.as_bytes())
        .with_context(|| format!("cannot write the {what} export to {}", path.display()))
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
