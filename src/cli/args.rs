//! The clap definitions. Doc comments are the `--help` text; flag names and
//! meanings follow Newman's so a CI script can swap `newman run` for
//! `courier run`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `courier --version`: the crate version and the git commit it was built
/// from (`unknown` outside a git checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("COURIER_GIT_COMMIT"),
    ")"
);

/// Run Postman collections without Postman.
///
/// Exit codes: 0 when every request was sent and every assertion passed;
/// 1 when a request failed, an assertion failed or a script threw;
/// 2 when the run could not start (bad arguments, unreadable or invalid
/// collection, environment, data or captures file, an output that cannot
/// be written); 3 when the run finished but a report or export could not
/// be written; 130 when Ctrl-C or SIGTERM interrupted the run.
#[derive(Debug, Parser)]
#[command(name = "courier", version = VERSION, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a collection: send its requests in order, run its scripts, report.
    ///
    /// Exit codes: 0 every request was sent and every assertion passed; 1 a
    /// request failed, an assertion failed or a script threw; 2 the run
    /// could not start, nothing was sent (bad arguments, an unreadable or
    /// invalid input file, or an output path — export, report, snapshot
    /// directory — that cannot be written); 3 the run finished but a report
    /// or export could not be written (the others were written); 130 Ctrl-C
    /// (SIGINT) or SIGTERM interrupted the run: no request is sent after the
    /// first signal, requests in flight get 5 s to finish (a second Ctrl-C
    /// stops them at once), then every report and export is written for
    /// what ran, marked interrupted.
    Run(Box<RunArgs>),
    /// Review, accept or reject pending snapshot changes (`.snap.new` files),
    /// or prune the snapshots of requests a collection no longer has.
    Snapshots(SnapshotsArgs),
    /// Convert a collection (v1 → v2.1, v2.x → v3 directory, v3 directory →
    /// v2.1) or an environment (JSON ↔ YAML).
    Convert(ConvertArgs),
    /// Combine the JSON reports of the shards of a run (`courier run
    /// --shard I/N -r json`) into one report of each kind, with the stats of
    /// the whole run.
    Merge(MergeArgs),
    /// Print a shell completion script: `courier completions bash > /etc/bash_completion.d/courier`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `courier man | man -l -`; `courier man run` for a subcommand's.
    Man(ManArgs),
}

/// Arguments of `courier completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `courier man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand whose page to print (default: courier's own).
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
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
    /// the repository's `.postman/resources.yaml` registers. Several run one
    /// after the other, each from the given environment, globals and data
    /// files, with one exit code; a directory that is not a v3 collection
    /// stands for its `*collection.json` files and v3 collection
    /// sub-directories, in name order.
    #[arg(required = true, num_args = 1.., value_name = "COLLECTION")]
    pub collections: Vec<PathBuf>,

    /// Environment file (as exported by the Postman app).
    #[arg(short = 'e', long, value_name = "PATH")]
    pub environment: Option<PathBuf>,

    /// Globals file.
    #[arg(short = 'g', long, value_name = "PATH")]
    pub globals: Option<PathBuf>,

    /// Run only this folder or request (by name or id); repeat for several.
    #[arg(short = 'i', long, value_name = "NAME")]
    pub folder: Vec<String>,

    /// Leave out every folder or request with this name or id (after
    /// --folder); repeat for several. A name that matches nothing stops the run.
    #[arg(long, value_name = "NAME")]
    pub exclude_folder: Vec<String>,

    /// Run only shard I of N (1-based), e.g. `--shard 2/3`: the run's units
    /// (see --shard-by) are shared out round-robin, so N processes with
    /// I = 1..N together run every unit once. Merge their JSON reports
    /// with `courier merge`.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<ShardArg>,

    /// What --shard shares out (default: iterations when the run has
    /// several, else top-level folders).
    #[arg(long, value_enum, value_name = "UNIT", requires = "shard")]
    pub shard_by: Option<ShardByArg>,

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

    /// HTTP version: `auto` (HTTP/2 when TLS's ALPN agrees, HTTP/1.1 on
    /// http://; a request's protocolVersion setting may choose), `1.1`, or
    /// `2` (with prior knowledge on http://).
    #[arg(long, value_name = "VERSION", default_value = "auto", value_parser = ["auto", "1.1", "2"])]
    pub http_version: String,

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
    /// File reporters write to --reporter-NAME-export, or to
    /// courier-reports/courier-run-report-TIMESTAMP-N.EXT.
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
    /// key to value. Environment variables COURIER_VAULT_KEY add to it and
    /// win. What scripts change with pm.vault.set / unset is written back to
    /// FILE at the end of the run (values that came from the environment
    /// variables stay out of it).
    #[arg(long, value_name = "FILE")]
    pub vault: Option<PathBuf>,

    /// Send a request again, up to N times, after a network error, a 429 or
    /// a 5xx (GET, HEAD, OPTIONS, PUT, DELETE and TRACE only, unless
    /// --retry-all-methods). Pre-request scripts are not run again; test
    /// scripts run once, on the last response.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub retry: usize,

    /// Wait before the first retry, in milliseconds; it doubles for each
    /// next one (with jitter). A Retry-After header wins; --timeout-request
    /// caps every wait.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub retry_delay: u64,

    /// Retry every method (POST and PATCH too), not only idempotent ones.
    #[arg(long)]
    pub retry_all_methods: bool,

    /// Largest response body kept in memory, in bytes or with a unit
    /// (512KiB, 256MiB, 1GiB; 0: no limit). A larger body is counted and
    /// hashed, not kept: tests still see its status, headers, size and time,
    /// but reading it (pm.response.text(), json(), responseBody) fails, and
    /// reports and snapshots show its size and sha256.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = crate::http::parse_size)]
    pub max_response_size: u64,

    /// Microseconds to keep polling for a response before sleeping until
    /// it comes (0: sleep at once). Polling spares the wake-up a sleeping
    /// CPU needs, which on virtual machines can take longer than a local
    /// server takes to answer. Default: 200 when requests go one at a
    /// time and the machine has another CPU, else 0.
    #[arg(long, value_name = "MICROS", value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub busy_poll: Option<u64>,

    /// Newman's and the Postman CLI's remaining options (listed before
    /// the snapshot flags, whose help heading would otherwise take them).
    #[command(flatten)]
    pub compat: CompatArgs,

    /// Response snapshots (`--snapshots DIR` and its options).
    #[command(flatten)]
    pub snapshot: SnapshotArgs,
}

/// `--shard I/N`, 1-based as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardArg {
    /// I, from 1.
    pub index: usize,
    /// N.
    pub count: usize,
}

/// Parses `I/N` with 1 ≤ I ≤ N.
fn parse_shard(text: &str) -> Result<ShardArg, String> {
    let usage =
        || format!("`{text}` is not I/N; write e.g. --shard 1/3 (shard 1 of 3, counted from 1)");
    let (i, n) = text.split_once('/').ok_or_else(usage)?;
    let index: usize = i.trim().parse().map_err(|_| usage())?;
    let count: usize = n.trim().parse().map_err(|_| usage())?;
    if count == 0 || index == 0 || index > count {
        return Err(format!(
            "`{text}`: the shard must be from 1 to N and N at least 1 (e.g. --shard 1/3 … --shard 3/3)"
        ));
    }
    Ok(ShardArg { index, count })
}

/// The unit `--shard` shares out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShardByArg {
    /// Iterations (data rows): shard I runs iterations I, I+N, …
    Iteration,
    /// Top-level folders (and top-level requests), in collection order.
    Folder,
    /// Whole collections, in a run of several.
    Collection,
}

/// Arguments of `courier merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' JSON reports (`courier run --shard I/N -r json
    /// --reporter-json-export FILE`), in any order.
    #[arg(required = true, num_args = 1.., value_name = "SHARD-REPORT")]
    pub reports: Vec<PathBuf>,

    /// Reporters, comma-separated: cli (the summary), json, junit, html.
    #[arg(
        short = 'r',
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "cli",
        value_name = "LIST"
    )]
    pub reporters: Vec<ReporterName>,

    /// Where the merged JUnit XML goes.
    #[arg(long, value_name = "PATH")]
    pub reporter_junit_export: Option<PathBuf>,

    /// Where the merged JSON report goes.
    #[arg(long, value_name = "PATH")]
    pub reporter_json_export: Option<PathBuf>,

    /// Where the merged HTML page goes.
    #[arg(long, value_name = "PATH")]
    pub reporter_html_export: Option<PathBuf>,

    /// A handlebars template for the html reporter.
    #[arg(long, value_name = "PATH")]
    pub reporter_html_template: Option<PathBuf>,

    /// Colour the terminal summary.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Exit 0 even when the merged run failed.
    #[arg(short = 'x', long)]
    pub suppress_exit_code: bool,
}

// ── Newman / Postman CLI compatibility flags (cli/remote.rs, report/omit.rs) ──

/// `courier run` options that Newman 6.2 and the Postman CLI have.
#[derive(Debug, Args)]
pub struct CompatArgs {
    /// Plain ASCII instead of Unicode symbols and box lines in the terminal
    /// output (Newman's words: Pass, Folder, Root, Sub-folder).
    #[arg(long)]
    pub disable_unicode: bool,

    /// Refuse file bodies and form-data files outside --working-dir, as
    /// Newman does (the request is sent without them, with a warning).
    /// Without it, any path is read.
    #[arg(long = "no-insecure-file-read")]
    pub no_insecure_file_read: bool,

    /// Postman API key, sent as X-Api-Key when the collection, environment,
    /// globals or data is a URL on api.getpostman.com.
    #[arg(
        long,
        value_name = "KEY",
        env = "POSTMAN_API_KEY",
        hide_env_values = true
    )]
    pub postman_api_key: Option<String>,

    /// The JSON report's structure: only `newman` (what courier writes).
    #[arg(long, value_name = "STRUCTURE", value_parser = ["newman"])]
    pub reporter_json_structure: Option<String>,

    /// json reporter: leave request bodies out.
    #[arg(long = "reporter-json-omitRequestBodies")]
    pub reporter_json_omit_request_bodies: bool,

    /// json reporter: leave response bodies out.
    #[arg(long = "reporter-json-omitResponseBodies")]
    pub reporter_json_omit_response_bodies: bool,

    /// json reporter: leave request and response headers out.
    #[arg(long = "reporter-json-omitHeaders")]
    pub reporter_json_omit_headers: bool,

    /// json reporter: leave every header and body out.
    #[arg(long = "reporter-json-omitAllHeadersAndBody")]
    pub reporter_json_omit_all_headers_and_body: bool,

    /// html reporter: leave request bodies out.
    #[arg(long = "reporter-html-omitRequestBodies")]
    pub reporter_html_omit_request_bodies: bool,

    /// html reporter: leave response bodies out.
    #[arg(long = "reporter-html-omitResponseBodies")]
    pub reporter_html_omit_response_bodies: bool,

    /// html reporter: leave request and response headers out.
    #[arg(long = "reporter-html-omitHeaders")]
    pub reporter_html_omit_headers: bool,

    /// html reporter: leave every header and body out.
    #[arg(long = "reporter-html-omitAllHeadersAndBody")]
    pub reporter_html_omit_all_headers_and_body: bool,
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
    /// What to do: review, accept or reject the pending snapshots, or
    /// prune the stale ones.
    #[arg(value_enum)]
    pub action: SnapshotAction,

    /// The snapshot directory given to `courier run --snapshots`.
    #[arg(value_name = "DIR")]
    pub dir: std::path::PathBuf,

    /// prune: the collection whose requests keep their snapshots (a file or
    /// a v3 directory); repeat for several. Snapshots under DIR/NAME (the collection name)
    /// that no request of it would write are deleted.
    #[arg(long, value_name = "FILE")]
    pub collection: Vec<std::path::PathBuf>,

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
    /// Delete the snapshots of requests the --collection no longer has.
    Prune,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_arguments() {
        assert_eq!(parse_shard("2/3"), Ok(ShardArg { index: 2, count: 3 }));
        assert_eq!(parse_shard("1/1"), Ok(ShardArg { index: 1, count: 1 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3"] {
            let err = parse_shard(bad).expect_err(bad);
            assert!(err.contains("--shard"), "{bad}: {err}");
        }
    }

    #[test]
    fn i_is_folder_and_collections_are_many() {
        let cli = Cli::try_parse_from([
            "courier",
            "run",
            "a.json",
            "b.json",
            "-i",
            "F",
            "--folder",
            "G",
            "--exclude-folder",
            "X",
            "--shard",
            "1/2",
            "--shard-by",
            "folder",
        ])
        .expect("parses");
        let Command::Run(args) = cli.command else {
            panic!("not run");
        };
        assert_eq!(args.collections.len(), 2);
        assert_eq!(args.folder, ["F", "G"]);
        assert_eq!(args.exclude_folder, ["X"]);
        assert_eq!(args.shard_by, Some(ShardByArg::Folder));
    }
}
