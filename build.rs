//! Compiles the script prelude (`src/script/js/*.js`) to QuickJS bytecode.
//!
//! Parsing the prelude's JavaScript took about ten milliseconds of every run
//! that has scripts; reading bytecode takes a fraction of that. Each file
//! becomes a module whose default export is the file's `(function (C) {...})`.
//! The engine falls back to the source when the bytecode cannot be read.

use std::path::{Path, PathBuf};

use rquickjs::module::WriteOptions;
use rquickjs::{Context, Module, Runtime};

/// The prelude files, as named in `src/script/engine.rs`.
const FILES: &[&str] = &[
    "base",
    "libraries",
    "expect",
    "expect_more",
    "variable",
    "sdk",
    "pm_members",
    "postman",
    "pm",
    "libs",
    "lodash",
    "moment",
    "schema",
    "xml",
    "collection",
    "node_url",
    "node_json",
    "cryptojs",
    "cheerio",
    "packages",
    "sugar",
    "sugar_base",
    "sugar_array",
    "sugar_string",
    "sugar_number",
    "sugar_date_locale",
    "sugar_date",
    "sugar_date_methods",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    git_commit();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let runtime = Runtime::new().expect("a QuickJS runtime for compiling the prelude");
    let context = Context::full(&runtime).expect("a QuickJS context for compiling the prelude");
    context.with(|ctx| {
        for name in FILES {
            let path = Path::new("src/script/js").join(format!("{name}.js"));
            println!("cargo:rerun-if-changed={}", path.display());
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            let module = Module::declare(
                ctx.clone(),
                format!("courier/{name}.js"),
                format!("export default {source}"),
            )
            .unwrap_or_else(|e| panic!("compiling {}: {e}", path.display()));
            let bytes = module
                .write(WriteOptions::default())
                .unwrap_or_else(|e| panic!("writing bytecode of {}: {e}", path.display()));
            let target = out.join(format!("{name}.qjsbc"));
            std::fs::write(&target, bytes)
                .unwrap_or_else(|e| panic!("writing {}: {e}", target.display()));
        }
    });
}

/// `COURIER_GIT_COMMIT` for `courier --version`: `git rev-parse --short
/// HEAD`, or `unknown` when git or the repository is missing (a source
/// tarball, `cargo install` from a registry). Rebuilt when HEAD moves.
fn git_commit() {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=COURIER_GIT_COMMIT={commit}");
    // HEAD itself (another branch checked out) and the branch it points to
    // (a new commit); only files that exist, or cargo would rerun every build.
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    for path in watched.into_iter().flatten() {
        if Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
