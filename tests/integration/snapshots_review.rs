//! `courier snapshots review|accept|reject DIR` (issue 6, point 3): answers
//! piped on standard input, the same review driven through tmux as a user
//! would at a terminal, and the non-interactive commands.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::snapshots_run::{files, snap, stable};
use crate::snapshots_server::{VolatileApi, courier_with, install_pingone_defaults, run_demo};

/// A snapshot directory with two pending changes: `Users/Create user` and
/// `Users/Get user` (the API renamed `name` to `displayName`).
fn two_pending() -> (VolatileApi, tempfile::TempDir) {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 0);
    api.set_renamed(true);
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 1);
    (api, dir)
}

fn pending(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".snap.new"))
        .collect()
}

#[test]
fn review_reads_answers_from_standard_input() {
    let (api, dir) = two_pending();
    let d = dir.path().to_string_lossy().into_owned();
    let run = courier_with(&["snapshots", "review", &d], &[], "x\na\nr\n");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let shown = stable(&run.stdout).replace(&d, "[dir]");
    insta::assert_snapshot!("review_session", shown);
    assert!(pending(dir.path()).is_empty());
    assert!(snap(dir.path(), "Users/Create user.snap").contains("\"displayName\""));
    assert!(snap(dir.path(), "Users/Get user.snap").contains("\"name\""));
    // Accepted is green from now on; rejected still differs.
    let run = run_demo(&api, dir.path(), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        pending(dir.path()),
        ["Snapshot demo/Users/Get user.snap.new"]
    );
}

#[test]
fn review_skip_quit_and_end_of_input_leave_changes_pending() {
    let (_api, dir) = two_pending();
    let d = dir.path().to_string_lossy().into_owned();
    let run = courier_with(&["snapshots", "review", &d], &[], "s\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("0 accepted, 0 rejected, 2 skipped\n"),
        "{}",
        run.stdout
    );
    let run = courier_with(&["snapshots", "review", &d], &[], "q\n");
    assert!(
        run.stdout.ends_with("0 accepted, 0 rejected, 2 skipped\n"),
        "{}",
        run.stdout
    );
    assert_eq!(pending(dir.path()).len(), 2);
}

#[test]
fn accept_and_reject_for_scripts() {
    let (_api, dir) = two_pending();
    let d = dir.path().to_string_lossy().into_owned();
    let run = courier_with(&["snapshots", "reject", &d], &[], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "rejected Snapshot demo/Users/Create user.snap\n\
         rejected Snapshot demo/Users/Get user.snap\n\
         rejected 2 snapshot(s)\n"
    );
    assert!(pending(dir.path()).is_empty());
    assert!(snap(dir.path(), "Users/Get user.snap").contains("\"name\""));

    let (_api, dir) = two_pending();
    let d = dir.path().to_string_lossy().into_owned();
    let run = courier_with(&["snapshots", "accept", &d], &[], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("accepted 2 snapshot(s)\n"),
        "{}",
        run.stdout
    );
    assert!(pending(dir.path()).is_empty());
    assert!(snap(dir.path(), "Users/Get user.snap").contains("\"displayName\""));

    let run = courier_with(&["snapshots", "accept", &d], &[], "");
    assert!(
        run.stdout.starts_with("no pending snapshots under "),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_snapshot_directory_is_an_error() {
    let run = courier_with(&["snapshots", "review", "/nonexistent/snaps"], &[], "");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: /nonexistent/snaps is not a directory\n");
    let run = courier_with(&["snapshots", "approve", "/tmp"], &[], "");
    assert_eq!(run.code, 2, "unknown action");
}

/// The review at a real terminal: tmux runs it, the test types the answers.
/// Skipped (with a note) where tmux is not installed.
#[test]
fn review_at_a_terminal_through_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed; skipping the terminal review test");
        return;
    }
    let (_api, dir) = two_pending();
    let socket = format!("courier-review-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux")
    };
    let command = format!(
        "'{}' snapshots review '{}' --color on; echo \"exit=$?\"; sleep 30",
        env!("CARGO_BIN_EXE_courier"),
        dir.path().display()
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        "review",
        "-x",
        "160",
        "-y",
        "60",
        &command,
    ]);
    if !started.status.success() {
        eprintln!(
            "tmux cannot start a session here ({}); skipping the terminal review test",
            String::from_utf8_lossy(&started.stderr).trim()
        );
        return;
    }
    let screen = || {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "review"]).stdout).into_owned()
    };
    let wait_for = |needle: &str, times: usize| {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = screen();
            if text.matches(needle).count() >= times {
                return text;
            }
            assert!(Instant::now() < deadline, "waited for {needle:?}:\n{text}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let prompt = "accept (a), reject (r), skip (s), quit (q)?";
    let first = wait_for(prompt, 1);
    assert!(
        first.contains("[1/2] Snapshot demo/Users/Create user.snap (changed)"),
        "{first}"
    );
    assert!(
        first.contains("+  \"displayName\": \"Ada Lovelace\""),
        "{first}"
    );
    tmux(&["send-keys", "-t", "review", "a", "Enter"]);
    let second = wait_for(prompt, 2);
    assert!(
        second.contains("[2/2] Snapshot demo/Users/Get user.snap (changed)"),
        "{second}"
    );
    tmux(&["send-keys", "-t", "review", "s", "Enter"]);
    let end = wait_for("exit=0", 1);
    tmux(&["kill-server"]);
    assert!(end.contains("1 accepted, 0 rejected, 1 skipped"), "{end}");
    assert_eq!(
        pending(dir.path()),
        ["Snapshot demo/Users/Get user.snap.new"]
    );
}
