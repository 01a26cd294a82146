//! Everything a run needs, already validated: the library never sees clap.

use std::path::PathBuf;
use std::time::Duration;

use crate::capture::CaptureSpec;
use crate::collection::{Collection, DataRow, Environment};
use crate::http::{CookieJarFile, HttpVersion, ProxyEnv, TlsIdentity};
use crate::script::PackageSources;
use crate::snapshot::SnapshotOptions;

use super::retry::RetryOptions;
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

/// How `--shard I/N` splits a run over N processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 0-based (`--shard 1/3` is index 0).
    pub index: usize,
    /// How many shards there are (at least 1).
    pub count: usize,
    /// What is shared out.
    pub by: ShardBy,
}

/// The unit a run is sharded by (collections are shared out by the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardBy {
    /// Iterations, round-robin: shard `i` of `n` runs iterations `i`,
    /// `i + n`, … (0-based), each from the initial variables and cookies.
    Iteration,
    /// Top-level items (folders, and requests at the top level), in
    /// collection order, round-robin; every iteration runs in every shard.
    Folder,
}

impl Shard {
    /// Whether the `n`-th unit (0-based) belongs to this shard.
    pub fn owns(&self, n: usize) -> bool {
        n % self.count.max(1) == self.index
    }

    /// How many of `units` units this shard runs.
    pub fn share(&self, units: usize) -> usize {
        let count = self.count.max(1);
        if self.index >= units {
            0
        } else {
            (units - self.index - 1) / count + 1
        }
    }
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
    /// `--exclude-folder` names or ids: every folder or request with that
    /// name or id is left out, after the `--folder` selection.
    pub exclude_folders: Vec<String>,
    /// `--shard I/N`: run only this share of the units.
    pub shard: Option<Shard>,
    /// Names the collection on every item (`ItemRef::collection`), for a
    /// run of several collections whose reports must tell them apart.
    pub collection_label: Option<String>,
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
    /// `--http-version`.
    pub http_version: HttpVersion,
    /// `--env-var KEY=VALUE`, applied over the environment file.
    pub env_vars: Vec<(String, String)>,
    /// `--global-var KEY=VALUE`, applied over the globals file.
    pub global_vars: Vec<(String, String)>,
    /// Base directory of file bodies.
    pub working_dir: PathBuf,
    /// Read file bodies and form-data files outside `working_dir` too
    /// (Newman's default); `false` is `--no-insecure-file-read`.
    pub insecure_file_read: bool,
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
    /// `--retry`, `--retry-delay`, `--retry-all-methods`.
    pub retry: RetryOptions,
    /// `--max-response-size`: a response body past this many bytes is
    /// counted and hashed, not kept (`None`: no limit).
    pub max_response_size: Option<u64>,
    /// `--busy-poll`: how long to poll for a response before sleeping
    /// (zero: never); `None`: the default for the machine and `parallel`
    /// (`crate::http::busy_poll_window`).
    pub busy_poll: Option<Duration>,
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
            exclude_folders: Vec::new(),
            shard: None,
            collection_label: None,
            bail: Bail::default(),
            delay_request: Duration::ZERO,
            timeout: None,
            timeout_request: None,
            timeout_script: None,
            insecure: false,
            ignore_redirects: false,
            http_version: HttpVersion::Auto,
            env_vars: Vec::new(),
            global_vars: Vec::new(),
            working_dir: PathBuf::from("."),
            insecure_file_read: true,
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
            retry: RetryOptions::default(),
            max_response_size: Some(DEFAULT_MAX_RESPONSE_SIZE),
            busy_poll: None,
        }
    }

    /// The number of iterations this run will make.
    pub fn iterations(&self) -> usize {
        self.iteration_count
            .unwrap_or(self.iteration_data.len())
            .max(1)
    }

    /// The iteration shard, when the run is sharded by iteration.
    fn iteration_shard(&self) -> Option<Shard> {
        self.shard.filter(|s| s.by == ShardBy::Iteration)
    }

    /// How many iterations this process runs, given `planned` items per
    /// iteration: all of them unsharded, this shard's share with
    /// `--shard` by iteration, none when a folder shard got no folder.
    pub fn shard_iterations(&self, planned: usize) -> usize {
        match self.shard {
            Some(s) if s.by == ShardBy::Iteration => s.share(self.iterations()),
            Some(_) if planned == 0 => 0,
            _ => self.iterations(),
        }
    }

    /// The 0-based index in the whole run of this process's `n`-th
    /// iteration: data rows, `pm.info.iteration` and reports keep the
    /// original numbering in a shard.
    pub fn nth_iteration(&self, n: usize) -> usize {
        match self.iteration_shard() {
            Some(s) => s.index + n * s.count.max(1),
            None => n,
        }
    }

    /// Whether each iteration starts from the initial variables and an
    /// empty cookie jar (iterations of one run are spread over processes).
    pub fn iterations_independent(&self) -> bool {
        self.iteration_shard().is_some()
    }

    /// Whether a folder or request of the collection has `name` as its id
    /// or name (what `--folder` and `--exclude-folder` look for).
    pub fn has_item(&self, name: &str) -> bool {
        super::plan::has_item(&self.collection, name)
    }

    /// The items each iteration runs (after `--folder`, `--exclude-folder`
    /// and a folder shard), and the number of units the run could be
    /// sharded into by folder. Fails like the run would on an unknown name.
    pub fn planned_items(&self) -> Result<PlanSize, super::RunError> {
        let (items, units) = super::plan::plan_run_units(self)?;
        Ok(PlanSize {
            items: items.len(),
            top_level_units: units,
        })
    }
}

/// The size of a run's plan, for the CLI's notes on empty shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSize {
    /// Items per iteration in this process.
    pub items: usize,
    /// Top-level folders and requests that have items before a folder shard.
    pub top_level_units: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_round_robin() {
        let shard = |index, count| Shard {
            index,
            count,
            by: ShardBy::Iteration,
        };
        let owned = |s: Shard, units: usize| (0..units).filter(|&n| s.owns(n)).collect::<Vec<_>>();
        assert_eq!(owned(shard(0, 3), 7), [0, 3, 6]);
        assert_eq!(owned(shard(2, 3), 7), [2, 5]);
        for units in 0..10 {
            for count in 1..5 {
                let total: usize = (0..count).map(|i| shard(i, count).share(units)).sum();
                assert_eq!(total, units, "{units} units over {count}");
                for i in 0..count {
                    assert_eq!(
                        shard(i, count).share(units),
                        owned(shard(i, count), units).len()
                    );
                }
            }
        }
    }

    #[test]
    fn iterations_keep_their_numbers_in_a_shard() {
        let mut o = RunOptions::new(crate::collection::Collection::default());
        o.iteration_count = Some(7);
        o.shard = Some(Shard {
            index: 1,
            count: 3,
            by: ShardBy::Iteration,
        });
        let mine: Vec<usize> = (0..o.shard_iterations(1))
            .map(|n| o.nth_iteration(n))
            .collect();
        assert_eq!(mine, [1, 4]);
        o.shard = Some(Shard {
            index: 1,
            count: 3,
            by: ShardBy::Folder,
        });
        assert_eq!(o.shard_iterations(2), 7);
        assert_eq!(o.shard_iterations(0), 0);
        assert_eq!(o.nth_iteration(5), 5);
    }
}
