//! Replays the fuzz inputs kept in the repository on the stable toolchain:
//! every file under `fuzz/regressions/<target>/` (inputs that once crashed,
//! hung or exhausted memory) and `fuzz/seeds/<target>/`, through the same
//! entry points the fuzz targets call (`courier::fuzzing`). Each must return
//! without a panic within a time bound.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use courier::fuzzing::TARGETS;

/// Generous for a debug build on a busy machine; a regressed input hangs
/// (or multiplies) for far longer.
const BOUND: Duration = Duration::from_secs(30);

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `run` on the bytes of `file` on its own thread: a panic or a run
/// past `BOUND` is the failure, naming the file.
fn replay(target: &str, run: fn(&[u8]), file: &Path) -> Result<(), String> {
    let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (done, finished) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(format!("fuzz-{target}"))
        .spawn(move || {
            run(&data);
            let _ = done.send(());
        })
        .map_err(|e| e.to_string())?;
    match finished.recv_timeout(BOUND) {
        Ok(()) => worker
            .join()
            .map_err(|_| format!("{target}: {} panicked", file.display())),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "{target}: {} still running after {BOUND:?}",
            file.display()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(format!("{target}: {} panicked", file.display()))
        }
    }
}

#[test]
fn every_kept_fuzz_input_runs_without_panic_in_bounded_time() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, run) in TARGETS {
        for kind in ["regressions", "seeds"] {
            for file in inputs(kind, target) {
                replayed += 1;
                if let Err(e) = replay(target, *run, &file) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        replayed > 0,
        "no input under fuzz/regressions or fuzz/seeds"
    );
}

#[test]
fn every_regression_directory_names_a_target_with_a_fuzz_binary() {
    let known: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    for kind in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                known.contains(&name.as_str()),
                "fuzz/{kind}/{name} is not a target of courier::fuzzing::TARGETS"
            );
        }
    }
    for name in known {
        let source = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        assert!(source.is_file(), "no fuzz target {}", source.display());
    }
}
