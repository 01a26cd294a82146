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
