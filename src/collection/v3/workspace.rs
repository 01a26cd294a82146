//! Finding a collection by name through `.postman/resources.yaml`, the
//! manifest Postman v12 writes at the root of a repository it works in
//! (its "Local View").
//!
//! The manifest lives in `ROOT/.postman/resources.yaml`; every path in it is
//! relative to the `.postman/` directory. The collections of the repository
//! are those Postman registers:
//!
//! - every entry of `ROOT/postman/collections/` (the default folder, which
//!   Postman registers without listing it);
//! - `localResources.collections`, a list of paths;
//! - the keys of `cloudResources.collections`, a map of path to cloud id.
//!
//! Each is a v3 collection directory (its name is the definition's `name`,
//! else the directory name) or a collection JSON file (`info.name`, or `name`
//! in v1). The manifest is looked for in the current directory and its
//! parents, up to the root of the git repository.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::{definition_path, dir_name, yaml};
use crate::collection::LoadError;

/// Where the manifest sits inside a repository root.
const MANIFEST: &str = ".postman/resources.yaml";

/// Why a collection name could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The manifest could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// No registered collection (or environment) has the name.
    #[error(
        "no {what} named `{name}` in {manifest}; {}",
        known_list(what, .known)
    )]
    NotFound {
        /// `collection` or `environment`.
        what: &'static str,
        /// The name asked for.
        name: String,
        /// The manifest searched.
        manifest: PathBuf,
        /// The names of the registered collections.
        known: Vec<String>,
    },
    /// Several registered collections (or environments) have the name.
    #[error(
        "{} {what}s are named `{name}` in {manifest} ({}); give the path of the one to use",
        .paths.len(),
        .paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    Ambiguous {
        /// `collection` or `environment`.
        what: &'static str,
        /// The name asked for.
        name: String,
        /// The manifest searched.
        manifest: PathBuf,
        /// The collections with that name.
        paths: Vec<PathBuf>,
    },
}

fn known_list(what: &str, known: &[String]) -> String {
    if known.is_empty() {
        return format!("it registers no {what}; give the {what}'s path");
    }
    let quoted: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
    format!(
        "the {what}s there are {}; give one of these names or the {what}'s path",
        quoted.join(", ")
    )
}

/// A collection the manifest registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// Its display name.
    pub name: String,
    /// The directory or file.
    pub path: PathBuf,
}

/// The parts of `resources.yaml` that name collections.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    #[serde(default)]
    local_resources: Option<LocalResources>,
    #[serde(default)]
    cloud_resources: Option<CloudResources>,
}

#[derive(Debug, Default, Deserialize)]
struct LocalResources {
    #[serde(default)]
    collections: Option<Vec<String>>,
    #[serde(default)]
    environments: Option<Vec<String>>,
    #[serde(default)]
    globals: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct CloudResources {
    #[serde(default)]
    collections: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    environments: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    globals: Option<BTreeMap<String, Value>>,
}

/// What a manifest registers: collections, or environments (and globals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entity {
    Collections,
    Environments,
}

/// The manifest governing `start`: `.postman/resources.yaml` in `start` or
/// the nearest parent that has one, not above the git repository's root
/// (the first directory with a `.git`).
pub fn find_manifest(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    for dir in start.ancestors() {
        let manifest = dir.join(MANIFEST);
        if manifest.is_file() {
            return Some(manifest);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The collections `manifest` registers, in the order listed (the default
/// folder first, by file name), each once. Paths that do not exist are
/// skipped: a manifest may name what was since removed.
pub fn registered(manifest: &Path) -> Result<Vec<Registered>, LoadError> {
    registered_of(manifest, Entity::Collections)
}

/// The environments and globals files `manifest` registers: every file of
/// `ROOT/postman/environments/` and `ROOT/postman/globals/`, then
/// `localResources.environments` / `.globals` and the keys of
/// `cloudResources.environments` / `.globals`; each named by its `name`.
pub fn registered_environments(manifest: &Path) -> Result<Vec<Registered>, LoadError> {
    registered_of(manifest, Entity::Environments)
}

fn registered_of(manifest: &Path, entity: Entity) -> Result<Vec<Registered>, LoadError> {
    let bytes = std::fs::read(manifest).map_err(|source| LoadError::Read {
        kind: "workspace manifest",
        path: manifest.to_owned(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let parsed: Option<Manifest> = yaml::parse(
        "workspace manifest",
        manifest,
        text.trim_start_matches('\u{feff}'),
    )?;
    let parsed = parsed.unwrap_or_default();
    let base = manifest.parent().unwrap_or(Path::new("."));
    let root = base.parent().unwrap_or(Path::new("."));
    let (mut paths, listed, cloud) = match entity {
        Entity::Collections => (
            default_folder(&root.join("postman").join("collections")),
            parsed.local_resources.and_then(|l| l.collections),
            parsed.cloud_resources.and_then(|c| c.collections),
        ),
        Entity::Environments => {
            let mut paths = default_folder(&root.join("postman").join("environments"));
            paths.extend(default_folder(&root.join("postman").join("globals")));
            let local = parsed.local_resources.unwrap_or_default();
            let cloud = parsed.cloud_resources.unwrap_or_default();
            let listed = local
                .environments
                .into_iter()
                .chain(local.globals)
                .flatten();
            let mut cloud_map = cloud.environments.unwrap_or_default();
            cloud_map.extend(cloud.globals.unwrap_or_default());
            (paths, Some(listed.collect()), Some(cloud_map))
        }
    };
    let cloud = cloud
        .map(|m| m.into_keys().collect::<Vec<_>>())
        .unwrap_or_default();
    paths.extend(
        listed
            .unwrap_or_default()
            .iter()
            .chain(&cloud)
            .map(|p| base.join(p.trim())),
    );
    let mut seen = Vec::new();
    let mut found = Vec::new();
    for path in paths {
        let Ok(canonical) = path.canonicalize() else {
            continue;
        };
        if seen.contains(&canonical) {
            continue;
        }
        let name = match entity {
            Entity::Collections => collection_name(&canonical),
            Entity::Environments => environment_name(&canonical),
        };
        if let Some(name) = name {
            seen.push(canonical.clone());
            found.push(Registered {
                name,
                path: canonical,
            });
        }
    }
    Ok(found)
}

/// The `name` of the environment or globals file at `path` (JSON, or
/// YAML as Postman v12 writes them), or `None` when it is not one.
fn environment_name(path: &Path) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = if super::is_yaml(path) {
        yaml::parse("environment", path, text).ok()?
    } else {
        serde_json::from_str(text).ok()?
    };
    let value = ["environment", "globals"]
        .iter()
        .find_map(|k| value.get(k).filter(|v| v.is_object()))
        .unwrap_or(&value);
    value.get("values")?;
    value.get("name").and_then(Value::as_str).map(str::to_owned)
}

/// The entries of Postman's default collections folder, by file name.
fn default_folder(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
}

/// The name of the collection at `path`, or `None` when it is not one.
fn collection_name(path: &Path) -> Option<String> {
    if path.is_dir() {
        let def_path = definition_path(path);
        let text = std::fs::read_to_string(&def_path).ok()?;
        let definition: Value = yaml::parse("collection", &def_path, &text).ok()?;
        if definition["$kind"] != "collection" {
            return None;
        }
        let name = definition["name"].as_str().map(str::to_owned);
        return Some(name.unwrap_or_else(|| dir_name(path)));
    }
    let text = std::fs::read_to_string(path).ok()?;
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    json["info"]["name"]
        .as_str()
        .or_else(|| json["name"].as_str())
        .map(str::to_owned)
}

/// Resolves `name` among the collections of the manifest governing
/// `start`; `Ok(None)` when there is no manifest.
pub fn find_by_name(start: &Path, name: &str) -> Result<Option<PathBuf>, WorkspaceError> {
    find_in(start, name, Entity::Collections)
}

/// Resolves `name` among the environments and globals files of the
/// manifest governing `start`; `Ok(None)` when there is no manifest.
pub fn find_environment_by_name(
    start: &Path,
    name: &str,
) -> Result<Option<PathBuf>, WorkspaceError> {
    find_in(start, name, Entity::Environments)
}

fn find_in(start: &Path, name: &str, entity: Entity) -> Result<Option<PathBuf>, WorkspaceError> {
    let Some(manifest) = find_manifest(start) else {
        return Ok(None);
    };
    let all = registered_of(&manifest, entity)?;
    let mut matching: Vec<PathBuf> = all
        .iter()
        .filter(|r| r.name == name)
        .map(|r| r.path.clone())
        .collect();
    let what = match entity {
        Entity::Collections => "collection",
        Entity::Environments => "environment",
    };
    match matching.len() {
        0 => Err(WorkspaceError::NotFound {
            what,
            name: name.to_owned(),
            manifest,
            known: all.into_iter().map(|r| r.name).collect(),
        }),
        1 => Ok(matching.pop()),
        _ => Err(WorkspaceError::Ambiguous {
            what,
            name: name.to_owned(),
            manifest,
            paths: matching,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(path, text).expect("write");
    }

    fn v3(root: &Path, dir: &str, name: Option<&str>) {
        let name = name.map(|n| format!("name: {n}\n")).unwrap_or_default();
        write(
            root,
            &format!("{dir}/.resources/definition.yaml"),
            &format!("$kind: collection\n{name}"),
        );
    }

    /// A repository with one collection of each kind the manifest can name.
    fn repository() -> tempfile::TempDir {
        let repo = tempfile::tempdir().expect("temp dir");
        let root = repo.path();
        std::fs::create_dir(root.join(".git")).expect("git");
        v3(root, "postman/collections/Orders API", None);
        v3(root, "postman/collections/b", Some("Billing"));
        v3(root, "tests/E2E", Some("End to end"));
        write(
            root,
            "api/v2.json",
            r#"{"info": {"name": "Legacy"}, "item": []}"#,
        );
        write(root, "api/v1.json", r#"{"name": "Older", "requests": []}"#);
        write(root, "api/notes.txt", "not a collection");
        write(
            root,
            MANIFEST,
            "workspace:\n  id: 0c4f\ncloudResources:\n  collections:\n    ../api/v2.json: 1-2\n    ../postman/collections/b: 3-4\nlocalResources:\n  collections:\n    - ../tests/E2E/\n    - ../api/v1.json\n    - ../api/notes.txt\n    - ../gone\n",
        );
        repo
    }

    #[test]
    fn issue14_registers_the_default_folder_then_the_listed_paths_once() {
        let repo = repository();
        let manifest = repo.path().join(MANIFEST);
        let names: Vec<String> = registered(&manifest)
            .expect("manifest")
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(
            names,
            ["Orders API", "Billing", "End to end", "Older", "Legacy"]
        );
    }

    #[test]
    fn issue14_finds_the_manifest_from_a_sub_directory_up_to_the_git_root() {
        let repo = repository();
        let deep = repo.path().join("src/deep");
        std::fs::create_dir_all(&deep).expect("dir");
        let found = find_manifest(&deep).expect("manifest");
        assert_eq!(
            found,
            repo.path().join(MANIFEST).canonicalize().expect("path")
        );
        // A nested repository without a manifest stops the search.
        std::fs::create_dir_all(deep.join("inner/.git")).expect("git");
        assert_eq!(find_manifest(&deep.join("inner")), None);
    }

    #[test]
    fn issue14_a_name_resolves_to_its_collection() {
        let repo = repository();
        let path = find_by_name(repo.path(), "End to end").expect("found");
        let expected = repo.path().join("tests/E2E").canonicalize().expect("path");
        assert_eq!(path, Some(expected));
        let path = find_by_name(repo.path(), "Orders API").expect("found");
        assert!(path.is_some_and(|p| p.ends_with("postman/collections/Orders API")));
    }

    #[test]
    fn issue14_an_unknown_name_lists_the_known_ones() {
        let repo = repository();
        let err = find_by_name(repo.path(), "orders api").expect_err("case matters");
        let text = err.to_string();
        assert!(text.contains("no collection named `orders api`"), "{text}");
        assert!(
            text.contains("`Orders API`, `Billing`, `End to end`, `Older`, `Legacy`"),
            "{text}"
        );
    }

    #[test]
    fn issue14_two_collections_of_one_name_are_ambiguous() {
        let repo = repository();
        v3(repo.path(), "postman/collections/c", Some("Billing"));
        let err = find_by_name(repo.path(), "Billing").expect_err("two");
        assert!(matches!(err, WorkspaceError::Ambiguous { ref paths, .. } if paths.len() == 2));
    }

    #[test]
    fn issue14_no_manifest_is_no_answer_and_a_bad_one_is_an_error() {
        let repo = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(repo.path().join(".git")).expect("git");
        assert!(matches!(find_by_name(repo.path(), "x"), Ok(None)));
        write(repo.path(), MANIFEST, "# only comments\n");
        let err = find_by_name(repo.path(), "x").expect_err("none registered");
        assert!(
            err.to_string().contains("it registers no collection"),
            "{err}"
        );
        write(repo.path(), MANIFEST, "localResources: [unclosed\n");
        let err = find_by_name(repo.path(), "x").expect_err("bad YAML");
        let text = err.to_string();
        assert!(text.contains("resources.yaml is not valid YAML"), "{text}");
        assert!(text.contains("line"), "{text}");
    }

    #[test]
    fn issue14_environments_and_globals_resolve_by_name() {
        let repo = repository();
        let root = repo.path();
        write(
            root,
            "postman/environments/staging.environment.yaml",
            "name: Staging\nvalues:\n  - key: a\n    value: b\n",
        );
        write(
            root,
            "postman/globals/workspace.globals.yaml",
            "name: Team\nvalues: []\n",
        );
        write(
            root,
            "env/prod.json",
            r#"{"name": "Production", "values": []}"#,
        );
        write(root, "env/not-an-env.json", r#"{"name": "Nope"}"#);
        write(root, "env/g.globals.yaml", "name: Shared\nvalues: []\n");
        write(
            root,
            MANIFEST,
            "localResources:\n  environments:\n    - ../env/prod.json\n    - ../env/not-an-env.json\ncloudResources:\n  globals:\n    ../env/g.globals.yaml: 1-2\n",
        );
        let names: Vec<String> = registered_environments(&root.join(MANIFEST))
            .expect("manifest")
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["Staging", "Team", "Production", "Shared"]);
        let found = find_environment_by_name(root, "Production").expect("found");
        assert!(found.is_some_and(|p| p.ends_with("env/prod.json")));
        let err = find_environment_by_name(root, "Dev").expect_err("unknown");
        let text = err.to_string();
        assert!(text.contains("no environment named `Dev` in "), "{text}");
        assert!(
            text.contains("the environments there are `Staging`, `Team`, `Production`, `Shared`"),
            "{text}"
        );
    }
}
