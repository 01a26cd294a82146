//! The clap definitions. Doc comments are the `--help` text; flag names and
//! meanings follow Newman's so a CI script can swap `newman run` for
//! `courier run`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Run Postman collections without Postman.
///
/// Exit codes: 0 when every request was sent and every assertion passed;
/// 1 when a request failed, an assertion failed or a script threw;
/// 2 when the run could not start (bad arguments, unreadable or invalid
/// collection, environment, data or captures file).
#[derive(Debug, Parser)]
#[command(name = "courier", version, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a collection: send its requests in order, run its scripts, report.
    Run(Box<RunArgs>),
    /// Review, accept or reject pending snapshot changes (`.snap.new` files).
    Snapshots(SnapshotsArgs),
    /// Convert a collection (v1 → v2.1, v2.x → v3 directory, v3 directory →
    /// v2.1) or an environment (JSON ↔ YAML).
    Convert(ConvertArgs),
}

/// When to colour the terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    On,
    /// Never colour.
    Off,
}

/// A reporter `-r` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReporterName {
    /// Each request as it finishes, a summary table and a failure list.
    Cli,
    /// JUnit XML for CI servers.
    Junit,
    /// Newman's JSON report.
    Json,
    /// A self-contained HTML page.
    Html,
    /// A progress bar on a terminal (the cli reporter then prints only its summary).
    Progress,
}

/// Arguments of `courier run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The collection file (Postman Collection v1, v2.0 or v2.1 JSON), a
    /// Postman v3 collection directory (YAML), or the name of a collection
    /// the repository's `.postman/resources.yaml` registers.
    pub collection: PathBuf,

    /// Environment file (as exported by the Postman app).
    #[arg(short = 'e', long, value_name = "PATH")]
    pub environment: Option<PathBuf>,

    /// Globals file.
    #[arg(short = 'g', long, value_name = "PATH")]
    pub globals: Option<PathBuf>,

    /// Run only this folder or request (by name or id); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub folder: Vec<String>,

    /// Number of iterations (default: one per data row, or 1).
    #[arg(short = 'n', long, value_name = "N")]
    pub iteration_count: Option<usize>,

    /// Iteration data: a CSV file with a header row or a JSON array of objects.
    #[arg(short = 'd', long, value_name = "PATH")]
    pub iteration_data: Option<PathBuf>,

    /// Stop the run at the first failure (`--bail` or `--bail failure`);
    /// `--bail folder` only checks that every --folder exists, which courier always does.
    #[arg(long, value_name = "MODIFIER", num_args = 0..=1, default_missing_value = "failure", value_parser = ["failure", "folder"])]
    pub bail: Vec<String>,

    /// Pause between requests, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub delay_request: u64,

    /// Time limit of the whole run, in milliseconds.
    #[arg(long, value_name = "MS")]
    pub timeout: Option<u64>,

    /// Time limit of each request, in milliseconds.
    #[arg(long, value_name = "MS")]
    pub timeout_request: Option<u64>,

    /// Time limit of each script, in milliseconds.
    #[arg(long, value_name = "MS")]
    pub timeout_script: Option<u64>,

    /// Accept invalid TLS certificates.
    #[arg(short = 'k', long)]
    pub insecure: bool,

    /// Never follow redirects.
    #[arg(long)]
    pub ignore_redirects: bool,

    /// Client certificate (PEM) sent to every https URL not matched by
    /// --ssl-client-cert-list.
    #[arg(long, value_name = "PATH")]
    pub ssl_client_cert: Option<PathBuf>,

    /// Private key (PEM) of --ssl-client-cert (default: looked for in the
    /// certificate file).
    #[arg(long, value_name = "PATH", requires = "ssl_client_cert")]
    pub ssl_client_key: Option<PathBuf>,

    /// Passphrase of an encrypted --ssl-client-key.
    #[arg(long, value_name = "PASSPHRASE", requires = "ssl_client_cert")]
    pub ssl_client_passphrase: Option<String>,

    /// Client certificates per URL: a JSON array of {name, matches, cert,
    /// key, pfx, passphrase} as Newman reads it; tried before --ssl-client-cert.
    #[arg(long, value_name = "PATH")]
    pub ssl_client_cert_list: Option<PathBuf>,

    /// CA certificates (PEM) trusted besides the system's.
    #[arg(long, value_name = "PATH")]
    pub ssl_extra_ca_certs: Option<PathBuf>,

    /// Start with the cookies of this file (tough-cookie's serialized JSON,
    /// as newman --export-cookie-jar writes it).
    #[arg(long, value_name = "PATH")]
    pub cookie_jar: Option<PathBuf>,

    /// Write the cookie jar at the end of the run to this file, as Newman
    /// does (tough-cookie's serialized JSON), atomically.
    #[arg(long, value_name = "PATH")]
    pub export_cookie_jar: Option<PathBuf>,

    /// Get OAuth 2.0 tokens from each oauth2 auth's grant settings even
    /// when it holds an access token (without it, only empty tokens are fetched).
    #[arg(long)]
    pub oauth2_fetch: bool,

    /// Do an OAuth 2.0 authorization-code grant whose server shows a login
    /// page in the browser ($BROWSER, else the system's), listening on the
    /// auth's loopback redirect_uri (http://127.0.0.1:PORT/...).
    #[arg(long)]
    pub oauth2_browser: bool,

    /// Set an environment variable (over the environment file); repeatable.
    #[arg(long, value_name = "KEY=VALUE")]
    pub env_var: Vec<String>,

    /// Set a global variable (over the globals file); repeatable.
    #[arg(long, value_name = "KEY=VALUE")]
    pub global_var: Vec<String>,

    /// Write the final environment to this file (Postman format, real values).
    #[arg(long, value_name = "PATH")]
    pub export_environment: Option<PathBuf>,

    /// Write the final globals to this file (Postman format, real values).
    #[arg(long, value_name = "PATH")]
    pub export_globals: Option<PathBuf>,

    /// Directory that file bodies and form-data files are relative to
    /// (default: the current directory).
    #[arg(long, value_name = "DIR")]
    pub working_dir: Option<PathBuf>,

    /// Declarative captures file: JSONPath, header, body or status values
    /// stored into variables after each item (see the README).
    #[arg(long, value_name = "FILE")]
    pub captures: Option<PathBuf>,

    /// Do not execute the collection's JavaScript (they are counted as not run).
    #[arg(long)]
    pub no_scripts: bool,

    /// Answer every request from the collection's saved example responses,
    /// served on a loopback port, instead of the real hosts.
    #[arg(long)]
    pub mock: bool,

    /// Run iterations on N workers at once. Each iteration then starts from
    /// the initial variables and an empty cookie jar (in a sequential run,
    /// iteration k sees what k-1 set); output stays in iteration order.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub parallel: u16,

    /// Reporters, comma-separated: cli, junit, json, html, progress.
    /// File reporters write to --reporter-<name>-export, or to
    /// courier-reports/courier-run-report-<timestamp>-<n>.<ext>.
    #[arg(
        short = 'r',
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "cli",
        value_name = "LIST"
    )]
    pub reporters: Vec<ReporterName>,

    /// Where the junit reporter writes its XML.
    #[arg(long, value_name = "PATH")]
    pub reporter_junit_export: Option<PathBuf>,

    /// Where the json reporter writes Newman's JSON report.
    #[arg(long, value_name = "PATH")]
    pub reporter_json_export: Option<PathBuf>,

    /// Where the html reporter writes its page.
    #[arg(long, value_name = "PATH")]
    pub reporter_html_export: Option<PathBuf>,

    /// A handlebars template for the html reporter, instead of the built-in
    /// one; it gets the data model described in the README.
    #[arg(long, value_name = "PATH")]
    pub reporter_html_template: Option<PathBuf>,

    /// cli reporter: no summary table.
    #[arg(long)]
    pub reporter_cli_no_summary: bool,

    /// cli reporter: no failure table.
    #[arg(long)]
    pub reporter_cli_no_failures: bool,

    /// cli reporter: no assertion lines.
    #[arg(long)]
    pub reporter_cli_no_assertions: bool,

    /// cli reporter: no lines for passed assertions.
    #[arg(long)]
    pub reporter_cli_no_success_assertions: bool,

    /// Show secrets in reports: environment / globals values of type
    /// secret, credential headers and token fields are masked as ******** otherwise.
    #[arg(long)]
    pub no_mask: bool,

    /// Write the collection as run (with its final collection variables,
    /// real values) to this file, atomically.
    #[arg(long, value_name = "PATH")]
    pub export_collection: Option<PathBuf>,

    /// Colour the terminal output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print request and response headers, bodies (cut past 2 kB, with a
    /// byte count) and timings.
    #[arg(long, conflicts_with = "silent")]
    pub verbose: bool,

    /// Print nothing but errors.
    #[arg(long)]
    pub silent: bool,

    /// Exit 0 even when requests or assertions failed.
    #[arg(short = 'x', long)]
    pub suppress_exit_code: bool,

    /// Directory of `pm.require('@scope/name')` packages, one CommonJS file
    /// each at DIR/@scope/name.js (default: ./postman-packages if it exists).
    /// `npm:name@version` packages come from node_modules next to the collection.
    #[arg(long, value_name = "DIR")]
    pub packages: Option<PathBuf>,

    /// Vault secrets for `{{vault:key}}` and `pm.vault`: a JSON object of
    /// key to value. Environment variables COURIER_VAULT_<key> add to it and
    /// win. What scripts change with pm.vault.set / unset is written back to
    /// FILE at the end of the run (values that came from the environment
    /// variables stay out of it).
    #[arg(long, value_name = "FILE")]
    pub vault: Option<PathBuf>,

    /// Largest response body kept in memory, in bytes or with a unit
    /// (512KiB, 256MiB, 1GiB; 0: no limit). A larger body is counted and
    /// hashed, not kept: tests still see its status, headers, size and time,
    /// but reading it (pm.response.text(), json(), responseBody) fails, and
    /// reports and snapshots show its size and sha256.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = crate::http::parse_size)]
    pub max_response_size: u64,

    /// Response snapshots (`--snapshots DIR` and its options).
    #[command(flatten)]
    pub snapshot: SnapshotArgs,
}

// ── Snapshot testing (src/snapshot/) ────────────────────────────────────
// Owned by the snapshot work; kept in one block so other changes to this
// file do not collide with it.

/// `courier run` options of response snapshots.
#[derive(Debug, Args)]
#[command(next_help_heading = "Snapshot testing")]
pub struct SnapshotArgs {
    /// Compare every response with its snapshot under DIR
    /// (`DIR/<collection>/<folder>/<item>.snap`); missing snapshots are written,
    /// a changed response fails with a diff and leaves a .snap.new to review.
    /// DIR/courier.snapshots.json may set headers and redactions.
    #[arg(long, value_name = "DIR")]
    pub snapshots: Option<std::path::PathBuf>,

    /// Accept new and changed responses: overwrite the snapshots instead of failing.
    #[arg(long, env = "COURIER_UPDATE_SNAPSHOTS", value_parser = clap::builder::FalseyValueParser::new())]
    pub update_snapshots: bool,

    /// Hide a volatile value behind a placeholder: a JSONPath into the JSON
    /// body ('$..id'), a header name (Set-Cookie), or a URL header followed
    /// by ? to hide its query values (Location?); repeatable.
    #[arg(long, value_name = "RULE", requires = "snapshots")]
    pub snapshot_redact: Vec<String>,

    /// A response header to show in snapshots (default: Content-Type and
    /// Location); repeatable, replaces the default and the configuration file's list.
    #[arg(long, value_name = "NAME", requires = "snapshots")]
    pub snapshot_header: Vec<String>,

    /// Sort the keys of JSON objects in snapshots (default: the server's order).
    #[arg(long, requires = "snapshots")]
    pub snapshot_sort_keys: bool,
}

/// Arguments of `courier snapshots`.
#[derive(Debug, Args)]
pub struct SnapshotsArgs {
    /// What to do with the pending snapshots.
    #[arg(value_enum)]
    pub action: SnapshotAction,

    /// The snapshot directory given to `courier run --snapshots`.
    #[arg(value_name = "DIR")]
    pub dir: std::path::PathBuf,

    /// Colour the diffs.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// What `courier snapshots` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SnapshotAction {
    /// Show each pending change with its diff and ask: accept, reject, skip or quit.
    Review,
    /// Accept every pending change.
    Accept,
    /// Reject every pending change.
    Reject,
}

/// The format `courier convert --to` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertTo {
    /// A Collection v2.1 JSON file (environments: JSON).
    #[value(name = "v2.1")]
    V21,
    /// A Postman v3 collection directory (environments: YAML).
    #[value(name = "v3")]
    V3,
}

/// Arguments of `courier convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The collection file or v3 directory, or the environment file, to convert.
    #[arg(value_name = "SRC")]
    pub src: PathBuf,

    /// The format to write.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: ConvertTo,

    /// Where to write it (a file, or the v3 directory to create).
    #[arg(short = 'o', long = "output", value_name = "DEST")]
    pub output: PathBuf,

    /// Replace DEST if it exists.
    #[arg(long)]
    pub force: bool,
}
