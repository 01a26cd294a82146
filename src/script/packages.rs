//! `pm.require` packages: where their files are found, read once per run.
//!
//! Two kinds of package, as in Postman's package library:
//! - `@scope/name`: a team package, one CommonJS `.js` file in the
//!   packages directory (`--packages DIR`), at `DIR/@scope/name.js`;
//! - `npm:name@version` (or `npm:@scope/name@version`): a pure-JavaScript
//!   CommonJS package installed in the `node_modules` directory next to the
//!   collection. Its `package.json` `version` must be the one asked for; its
//!   `main` (or `index.js`) is the entry; inside it, relative requires and
//!   JSON files resolve as in Node, and bare names from `node_modules`.
//!
//! This file only finds and reads files ([`PackageStore`]); `js/packages.js`
//! evaluates them (once per script that requires them, as postman-sandbox
//! does) and `engine.rs` compiles each file once per run. Errors name the
//! package as the script wrote it and say what to do.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use rquickjs::context::EvalOptions;
use rquickjs::{Ctx, Exception, Function, Object};

/// Where `pm.require` looks for packages.
#[derive(Debug, Clone, Default)]
pub struct PackageSources {
    /// The directory of `@scope/name` packages (`--packages`).
    pub packages_dir: Option<PathBuf>,
    /// The `node_modules` directory of `npm:` packages (next to the collection).
    pub node_modules: Option<PathBuf>,
}

/// Node's built-in modules: a package that needs one (and courier does not
/// provide it) cannot run in the sandbox.
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// A file of a package, ready to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A JavaScript or JSON file: its id (the package name for a team
    /// package, the path for npm files), whether it is JSON, and its text.
    File {
        id: String,
        json: bool,
        source: String,
    },
    /// A Node built-in module (`require('url')` inside an npm package).
    Builtin(String),
}

/// What `find(spec, from)` answered, by its arguments.
type Answers = HashMap<(String, Option<String>), Result<Found, String>>;

/// Finds and reads package files; each name is resolved and each file read
/// once per run (a file removed during the run is still found).
#[derive(Debug, Default)]
pub(crate) struct PackageStore {
    sources: PackageSources,
    files: RefCell<HashMap<PathBuf, Result<Rc<str>, String>>>,
    answers: RefCell<Answers>,
}

impl PackageStore {
    pub fn new(sources: PackageSources) -> Self {
        PackageStore {
            sources,
            files: RefCell::new(HashMap::new()),
            answers: RefCell::new(HashMap::new()),
        }
    }

    /// Resolves what `pm.require(spec)` names (`from` is `None`), or what a
    /// file of an npm package requires (`from` is that file's path).
    pub fn find(&self, spec: &str, from: Option<&str>) -> Result<Found, String> {
        let key = (spec.to_owned(), from.map(str::to_owned));
        if let Some(known) = self.answers.borrow().get(&key) {
            return known.clone();
        }
        let answer = self.resolve(spec, from);
        self.answers.borrow_mut().insert(key, answer.clone());
        answer
    }

    fn resolve(&self, spec: &str, from: Option<&str>) -> Result<Found, String> {
        match from {
            Some(file) => self.find_inside(spec, Path::new(file)),
            None if spec.starts_with("npm:") => self.find_npm(spec),
            None if spec.starts_with('@') => self.find_team(spec),
            None => Err(format!(
                "Cannot find package '{spec}': pm.require takes '@scope/name' (a file in \
                 --packages DIR) or 'npm:name@version' (from node_modules next to the collection)"
            )),
        }
    }

    fn read(&self, path: &Path) -> Result<Rc<str>, String> {
        if let Some(known) = self.files.borrow().get(path) {
            return known.clone();
        }
        let read = std::fs::read_to_string(path)
            .map(Rc::from)
            .map_err(|e| format!("cannot read {}: {e}", path.display()));
        self.files
            .borrow_mut()
            .insert(path.to_owned(), read.clone());
        read
    }

    fn find_team(&self, spec: &str) -> Result<Found, String> {
        let valid = spec.strip_prefix('@').and_then(|rest| rest.split_once('/'));
        let Some((scope, name)) = valid.filter(|(s, n)| safe_segment(s) && safe_segment(n)) else {
            return Err(format!(
                "Cannot find package '{spec}': a package name reads '@scope/name'"
            ));
        };
        let Some(dir) = &self.sources.packages_dir else {
            return Err(format!(
                "Cannot find package '{spec}': no packages directory (give --packages DIR, \
                 or create ./postman-packages, holding @{scope}/{name}.js)"
            ));
        };
        let path = dir.join(format!("@{scope}")).join(format!("{name}.js"));
        if !path.is_file() {
            return Err(format!(
                "Cannot find package '{spec}': there is no {}",
                path.display()
            ));
        }
        let source = self
            .read(&path)
            .map_err(|e| format!("Cannot load package '{spec}': {e}"))?;
        Ok(Found::File {
            id: spec.to_owned(),
            json: false,
            source: source.to_string(),
        })
    }

    fn find_npm(&self, spec: &str) -> Result<Found, String> {
        let (name, version) = split_npm(spec)
            .ok_or_else(|| format!("Cannot find package '{spec}': write 'npm:name@version'"))?;
        let Some(root) = &self.sources.node_modules else {
            return Err(format!(
                "Cannot find package '{spec}': there is no node_modules directory next to the \
                 collection (run `npm install {name}@{}` there)",
                version.unwrap_or("VERSION")
            ));
        };
        let dir = root.join(name);
        let manifest = dir.join("package.json");
        if !manifest.is_file() {
            return Err(format!(
                "Cannot find package '{spec}': {} is not installed in {} (run `npm install {name}{}` \
                 next to the collection)",
                name,
                root.display(),
                version.map(|v| format!("@{v}")).unwrap_or_default()
            ));
        }
        let json = self.manifest(&manifest, spec)?;
        let installed = json.get("version").and_then(|v| v.as_str()).unwrap_or("");
        if let Some(wanted) = version
            && wanted != installed
        {
            return Err(format!(
                "Cannot find package '{spec}': {} holds version {installed} of {name}, not {wanted}",
                root.display()
            ));
        }
        self.entry(&dir, &json)
            .ok_or_else(|| {
                format!(
                    "Cannot find package '{spec}': {} names no entry file that exists",
                    manifest.display()
                )
            })
            .and_then(|path| self.file(&path, spec))
    }

    fn manifest(&self, path: &Path, spec: &str) -> Result<serde_json::Value, String> {
        let text = self
            .read(path)
            .map_err(|e| format!("Cannot load package '{spec}': {e}"))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("Cannot load package '{spec}': {}: {e}", path.display()))
    }

    /// The entry file of the package in `dir`: its `main`, or `index.js`.
    fn entry(&self, dir: &Path, manifest: &serde_json::Value) -> Option<PathBuf> {
        let main = manifest
            .get("main")
            .and_then(|m| m.as_str())
            .filter(|m| !m.is_empty());
        match main {
            Some(main) => resolve_file(&dir.join(main)).or_else(|| index_of(&dir.join(main))),
            None => index_of(dir),
        }
    }

    fn file(&self, path: &Path, spec: &str) -> Result<Found, String> {
        let source = self
            .read(path)
            .map_err(|e| format!("Cannot load package '{spec}': {e}"))?;
        Ok(Found::File {
            id: path.to_string_lossy().into_owned(),
            json: path.extension().is_some_and(|e| e == "json"),
            source: source.to_string(),
        })
    }

    /// `require(spec)` inside the npm file `from`.
    fn find_inside(&self, spec: &str, from: &Path) -> Result<Found, String> {
        let base = from.parent().unwrap_or(Path::new("."));
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            let target = normalize(&base.join(spec));
            let root = self.sources.node_modules.as_deref().unwrap_or(base);
            if !target.starts_with(normalize(root)) {
                return Err(format!("'{spec}' is outside node_modules"));
            }
            return resolve_file(&target)
                .or_else(|| self.directory_entry(&target))
                .ok_or_else(|| format!("Cannot find module '{spec}' (no such file)"))
                .and_then(|path| self.file(&path, spec));
        }
        let bare = spec.strip_prefix("node:").unwrap_or(spec);
        if bare
            .split(['/', '\\'])
            .any(|part| part == ".." || part == ".")
            || bare.is_empty()
        {
            return Err(format!("Cannot find module '{spec}': not a package name"));
        }
        let top = bare.split('/').next().unwrap_or(bare);
        if NODE_BUILTINS.contains(&top) {
            return Ok(Found::Builtin(bare.to_owned()));
        }
        let mut dir = Some(base);
        while let Some(d) = dir {
            let candidate = d.join("node_modules").join(bare);
            let found = resolve_file(&candidate).or_else(|| self.directory_entry(&candidate));
            if let Some(path) = found {
                return self.file(&path, spec);
            }
            if self.sources.node_modules.as_deref() == Some(d) {
                break;
            }
            dir = d.parent();
        }
        if let Some(root) = &self.sources.node_modules {
            let candidate = root.join(bare);
            if let Some(path) =
                resolve_file(&candidate).or_else(|| self.directory_entry(&candidate))
            {
                return self.file(&path, spec);
            }
        }
        Err(format!(
            "Cannot find module '{spec}': it is not installed in node_modules"
        ))
    }

    /// A directory required as a module: its `package.json` `main`, or `index`.
    fn directory_entry(&self, dir: &Path) -> Option<PathBuf> {
        if !dir.is_dir() {
            return None;
        }
        let manifest = dir.join("package.json");
        if manifest.is_file()
            && let Ok(json) = self.manifest(&manifest, &dir.to_string_lossy())
        {
            return self.entry(dir, &json);
        }
        index_of(dir)
    }
}

/// `name` and the version of `npm:name@version` (`npm:@scope/name@version` too).
fn split_npm(spec: &str) -> Option<(&str, Option<&str>)> {
    let rest = spec.strip_prefix("npm:")?;
    let (name, version) = match rest[1.min(rest.len())..].find('@') {
        Some(at) => (&rest[..at + 1], Some(&rest[at + 2..])),
        None => (rest, None),
    };
    let mut parts = name.split('/');
    let valid = match (parts.next(), parts.next(), parts.next()) {
        (Some(scope), Some(n), None) => {
            scope.starts_with('@') && safe_segment(&scope[1..]) && safe_segment(n)
        }
        (Some(n), None, None) => safe_segment(n),
        _ => false,
    };
    (valid && version.is_none_or(|v| !v.is_empty())).then_some((name, version))
}

/// A path segment that names a file inside the directory, not elsewhere.
fn safe_segment(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', '\0'])
}

/// `path` as a file, or with `.js` or `.json` added, as Node tries them.
fn resolve_file(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(path.to_owned());
    }
    ["js", "json"].iter().find_map(|ext| {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        let candidate = PathBuf::from(name);
        candidate.is_file().then_some(candidate)
    })
}

fn index_of(dir: &Path) -> Option<PathBuf> {
    ["index.js", "index.json"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `packageFind(spec, from)` and `packageCompile(id, source)` for `js/packages.js`.
pub(crate) fn add_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    store: &Rc<PackageStore>,
) -> rquickjs::Result<()> {
    let s = store.clone();
    native.set(
        "packageFind",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, spec: String, from: Option<String>| {
                // A team package's `require` is the sandbox's; an npm file's resolves in node_modules.
                let team = from.is_none() && spec.starts_with('@');
                let found = s
                    .find(&spec, from.as_deref())
                    .map_err(|e| Exception::throw_message(&ctx, &e))?;
                let out = Object::new(ctx.clone())?;
                match found {
                    Found::File { id, json, source } => {
                        out.set("id", id)?;
                        out.set("json", json)?;
                        out.set("source", source)?;
                        out.set("team", team)?;
                    }
                    Found::Builtin(name) => out.set("builtin", name)?,
                }
                Ok::<_, rquickjs::Error>(out)
            },
        )?,
    )?;
    native.set(
        "packageCompile",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, id: String, source: String| -> rquickjs::Result<Function<'js>> {
                let mut opts = EvalOptions::default();
                opts.filename = Some(id);
                opts.strict = false;
                let wrapped = format!(
                    "(function (exports, require, module, __filename, __dirname) {{{source}\n}})"
                );
                ctx.eval_with_options(wrapped, opts)
            },
        )?,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_specs_split_into_name_and_version() {
        assert_eq!(
            split_npm("npm:lodash@4.17.21"),
            Some(("lodash", Some("4.17.21")))
        );
        assert_eq!(
            split_npm("npm:@team/x@1.0.0"),
            Some(("@team/x", Some("1.0.0")))
        );
        assert_eq!(split_npm("npm:left-pad"), Some(("left-pad", None)));
        assert_eq!(split_npm("npm:@team/x"), Some(("@team/x", None)));
        assert_eq!(split_npm("npm:../etc@1"), None);
        assert_eq!(split_npm("npm:a/b/c@1"), None);
        assert_eq!(split_npm("npm:x@"), None);
    }

    #[test]
    fn team_names_cannot_leave_the_packages_directory() {
        let store = PackageStore::new(PackageSources {
            packages_dir: Some(PathBuf::from("/nonexistent")),
            node_modules: None,
        });
        let err = store.find("@../x", None).unwrap_err();
        assert!(err.contains("'@scope/name'"), "{err}");
        let err = store.find("@team/a/b", None).unwrap_err();
        assert!(err.contains("'@scope/name'"), "{err}");
        let err = store.find("@team/utils", None).unwrap_err();
        assert!(err.contains("/nonexistent/@team/utils.js"), "{err}");
    }

    #[test]
    fn node_builtins_are_reported_as_such() {
        let store = PackageStore::new(PackageSources::default());
        assert_eq!(
            store.find("node:fs", Some("/x/node_modules/a/index.js")),
            Ok(Found::Builtin("fs".into()))
        );
        assert_eq!(
            store.find("path", Some("/x/node_modules/a/index.js")),
            Ok(Found::Builtin("path".into()))
        );
    }

    #[test]
    fn bare_requires_cannot_climb_out_of_node_modules() {
        let store = PackageStore::new(PackageSources {
            packages_dir: None,
            node_modules: Some(PathBuf::from("/x/node_modules")),
        });
        let err = store
            .find("a/../../../etc/passwd", Some("/x/node_modules/a/index.js"))
            .unwrap_err();
        assert!(err.contains("not a package name"), "{err}");
        let err = store
            .find("../../../etc/passwd", Some("/x/node_modules/a/index.js"))
            .unwrap_err();
        assert!(err.contains("outside node_modules"), "{err}");
    }

    #[test]
    fn paths_normalize_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
