//! Everything a run needs, already validated: the library never sees clap.

use std::path::PathBuf;
use std::time::Duration;

use crate::capture::CaptureSpec;
use crate::collection::{Collection, DataRow, Environment};
use crate::http::{CookieJarFile, ProxyEnv, TlsIdentity};
use crate::script::PackageSources;
use crate::snapshot::SnapshotOptions;

/// `--max-response-size` unless given: 256 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 256 * 1024 * 1024;

/// When `--bail` stops the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bail {
    /// Stop at the first failed assertion, request or script.
    pub on_failure: bool,
    /// Refuse to start when a `--folder` matches nothing (always an error in courier).
    pub on_folder: bool,
}

/// Options of one run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The collection to run.
    pub collection: Collection,
    /// The environment file, if any.
    pub environment: Option<Environment>,
    /// The globals file, if any.
    pub globals: Option<Environment>,
    /// Iteration data rows (`-d`).
    pub iteration_data: Vec<DataRow>,
    /// `-n`; defaults to the number of data rows, or 1.
    pub iteration_count: Option<usize>,
    /// `--folder` names or ids, in the order given.
    pub folders: Vec<String>,
    /// `--bail`.
    pub bail: Bail,
    /// `--delay-request`: pause between requests.
    pub delay_request: Duration,
    /// `--timeout`: limit of the whole run.
    pub timeout: Option<Duration>,
    /// `--timeout-request`: limit of one request.
    pub timeout_request: Option<Duration>,
    /// `--timeout-script`: limit of one script.
    pub timeout_script: Option<Duration>,
    /// `-k/--insecure`.
    pub insecure: bool,
    /// `--ignore-redirects`.
    pub ignore_redirects: bool,
    /// `--env-var KEY=VALUE`, applied over the environment file.
    pub env_vars: Vec<(String, String)>,
    /// `--global-var KEY=VALUE`, applied over the globals file.
    pub global_vars: Vec<(String, String)>,
    /// Base directory of file bodies.
    pub working_dir: PathBuf,
    /// `--captures FILE`.
    pub captures: Option<CaptureSpec>,
    /// `false` with `--no-scripts`: scripts are counted as not run.
    pub run_scripts: bool,
    /// Send every request to this base URL instead (`--mock`).
    pub base_override: Option<String>,
    /// `--parallel N`: iterations on N workers, each from the initial state.
    pub parallel: usize,
    /// Compare every response with a stored snapshot (`--snapshots DIR`).
    pub snapshots: Option<SnapshotOptions>,
    /// Client certificates and extra CAs (`--ssl-client-cert*`, `--ssl-extra-ca-certs`).
    pub tls: TlsIdentity,
    /// Proxies, from the environment as postman-request reads it.
    pub proxy: ProxyEnv,
    /// The cookies the jar starts with (`--cookie-jar`).
    pub cookie_jar: Option<CookieJarFile>,
    /// `--oauth2-fetch`: get OAuth 2.0 tokens from the grant settings even
    /// when the auth holds an access token.
    pub oauth2_fetch: bool,
    /// `--oauth2-browser`: authorization-code logins in the user's browser.
    pub oauth2_browser: bool,
    /// Where `pm.require` finds `@scope/name` and `npm:` packages.
    pub packages: PackageSources,
    /// Vault secrets, key and value (`--vault FILE`, `COURIER_VAULT_<KEY>`).
    pub vault: Vec<(String, String)>,
    /// `--max-response-size`: a response body past this many bytes is
    /// counted and hashed, not kept (`None`: no limit).
    pub max_response_size: Option<u64>,
}

impl RunOptions {
    /// Defaults for `collection`: one iteration, scripts on, no limits.
    pub fn new(collection: Collection) -> Self {
        RunOptions {
            collection,
            environment: None,
            globals: None,
            iteration_data: Vec::new(),
            iteration_count: None,
            folders: Vec::new(),
            bail: Bail::default(),
            delay_request: Duration::ZERO,
            timeout: None,
            timeout_request: None,
            timeout_script: None,
            insecure: false,
            ignore_redirects: false,
            env_vars: Vec::new(),
            global_vars: Vec::new(),
            working_dir: PathBuf::from("."),
            captures: None,
            run_scripts: true,
            base_override: None,
            parallel: 1,
            snapshots: None,
            tls: TlsIdentity::default(),
            proxy: ProxyEnv::from_env(),
            cookie_jar: None,
            oauth2_fetch: false,
            oauth2_browser: false,
            packages: PackageSources::default(),
            vault: Vec::new(),
            max_response_size: Some(DEFAULT_MAX_RESPONSE_SIZE),
        }
    }

    /// The number of iterations this run will make.
    pub fn iterations(&self) -> usize {
        self.iteration_count
            .unwrap_or(self.iteration_data.len())
            .max(1)
    }
}
