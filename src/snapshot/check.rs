//! Comparing a response with its snapshot, during a run.
//!
//! One [`SnapshotSession`] lives for a run. For each response it renders the
//! snapshot text, finds the file, and answers with an
//! [`Assertion`]: `snapshot` when it matches, `snapshot (new)` when there was
//! none (it is written), `snapshot (updated)` when it differed and updating is
//! on, and a failed `snapshot` with a unified diff otherwise — the new text
//! then waits in a `.snap.new` file for `courier snapshots review`. I/O
//! problems are failed assertions too: the run goes on.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::http::ResponseData;
use crate::outcome::{Assertion, AssertionFailure, AssertionSource, ItemRef};
use crate::variables::Generated;

use super::SnapshotError;
use super::file::{SnapshotFile, new_path, remove_if_exists, sanitize_file_name};
use super::options::SnapshotOptions;
use super::render::render;

/// Which request a snapshot belongs to.
#[derive(Debug, Clone, Copy)]
pub struct SnapshotTarget<'a> {
    /// The collection's name: the first directory under the snapshot root.
    pub collection: &'a str,
    /// The item: its folders are directories, its name the file name.
    pub item: &'a ItemRef,
    /// 0-based iteration.
    pub iteration: usize,
    /// Iterations of the run; above 1 the file name carries the iteration.
    pub iterations: usize,
    /// Method and URL as written in the collection (`GET {{base}}/users`),
    /// kept in the metadata for readers.
    pub request: &'a str,
    /// Values of secret variables: hidden as `[secret]` wherever they appear.
    pub secrets: &'a [String],
    /// Values courier generated for this item (its dynamic variables, its
    /// `Postman-Token` headers): hidden where the response echoes them, as
    /// are the longer ones of earlier items (see [`SnapshotSession::check`]).
    pub generated: &'a [Generated],
}

/// The snapshot state of one run.
#[derive(Debug)]
pub struct SnapshotSession {
    options: SnapshotOptions,
    /// How often each path was used: an item run twice in one iteration
    /// (`setNextRequest` loops, duplicate names) gets `~2`, `~3`… suffixes.
    seen: HashMap<PathBuf, usize>,
    /// The long generated values of the last items, oldest first, at most
    /// [`GENERATED_WINDOW`]: a value an earlier item generated and a later
    /// response echoes (a `$guid` stored in a variable) is hidden too.
    earlier: VecDeque<Generated>,
}

/// How many generated values of earlier items a session keeps, so memory
/// stays flat in a long run.
const GENERATED_WINDOW: usize = 10_000;

/// The outcome of one comparison, before it becomes an assertion.
enum Outcome {
    Matched,
    New,
    Updated,
    Changed { diff: String, new: PathBuf },
}

impl SnapshotSession {
    /// A session with `options`.
    pub fn new(options: SnapshotOptions) -> Self {
        SnapshotSession {
            options,
            seen: HashMap::new(),
            earlier: VecDeque::new(),
        }
    }

    /// The options in use.
    pub fn options(&self) -> &SnapshotOptions {
        &self.options
    }

    /// Compares `response` with the snapshot of `target` and says how it went.
    pub fn check(&mut self, target: &SnapshotTarget<'_>, response: &ResponseData) -> Assertion {
        let path = self.next_path(target);
        // This item's values, whatever their length, then earlier items' long ones.
        let mut generated = target.generated.to_vec();
        generated.extend(self.earlier.iter().cloned());
        let content = render(response, &self.options, target.secrets, &generated);
        self.remember(target.generated);
        match self.compare(target, &path, content) {
            Ok(Outcome::Matched) => Assertion::passed("snapshot", AssertionSource::Snapshot),
            Ok(Outcome::New) => Assertion::passed("snapshot (new)", AssertionSource::Snapshot),
            Ok(Outcome::Updated) => {
                Assertion::passed("snapshot (updated)", AssertionSource::Snapshot)
            }
            Ok(Outcome::Changed { diff, new }) => Assertion::failed(
                "snapshot",
                AssertionSource::Snapshot,
                AssertionFailure {
                    message: format!(
                        "the response differs from the snapshot {}\n\
                         the new one is saved as {}; accept it with \
                         `courier snapshots review {}` or rerun with --update-snapshots\n{diff}",
                        path.display(),
                        new.display(),
                        self.options.dir.display(),
                    ),
                    expected: None,
                    actual: None,
                },
            ),
            Err(e) => Assertion::failed(
                "snapshot",
                AssertionSource::Snapshot,
                AssertionFailure {
                    message: e.to_string(),
                    expected: None,
                    actual: None,
                },
            ),
        }
    }

    /// Keeps the values of `generated` long enough to be hidden in later
    /// items' responses (short ones would be hidden by coincidence).
    fn remember(&mut self, generated: &[Generated]) {
        let long = generated
            .iter()
            .filter(|g| g.value.chars().count() >= super::redact::MIN_SUBSTRING);
        self.earlier.extend(long.cloned());
        let excess = self.earlier.len().saturating_sub(GENERATED_WINDOW);
        self.earlier.drain(..excess);
    }

    fn compare(
        &self,
        target: &SnapshotTarget<'_>,
        path: &Path,
        content: String,
    ) -> Result<Outcome, SnapshotError> {
        let pending = new_path(path);
        let Some(old) = SnapshotFile::read(path)? else {
            metadata(target, content).write(path)?;
            remove_if_exists(&pending)?;
            return Ok(Outcome::New);
        };
        if old.same_content(&content) {
            // A stale pending file would offer a change that no longer exists.
            remove_if_exists(&pending)?;
            return Ok(Outcome::Matched);
        }
        let diff = unified_diff(&old.content, &content);
        let new = metadata(target, content);
        if self.options.update {
            new.write(path)?;
            remove_if_exists(&pending)?;
            return Ok(Outcome::Updated);
        }
        new.write(&pending)?;
        Ok(Outcome::Changed { diff, new: pending })
    }

    /// `dir/<collection>/<folder…>/<item>[.<iteration>][~<n>].snap`, with
    /// every part made safe for the filesystem.
    fn next_path(&mut self, target: &SnapshotTarget<'_>) -> PathBuf {
        let mut dir = self.options.dir.join(sanitize_file_name(target.collection));
        for folder in &target.item.folders {
            dir.push(sanitize_file_name(folder));
        }
        let mut stem = sanitize_file_name(&target.item.name);
        if target.iterations > 1 {
            stem.push_str(&format!(".{}", target.iteration + 1));
        }
        let base = dir.join(format!("{stem}.snap"));
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            dir.join(format!("{stem}~{count}.snap"))
        }
    }
}

/// The snapshot file for `content` with `target`'s metadata.
fn metadata(target: &SnapshotTarget<'_>, content: String) -> SnapshotFile {
    let mut info = vec![
        ("collection", target.collection.to_owned()),
        ("item", target.item.path()),
    ];
    if target.iterations > 1 {
        info.push(("iteration", (target.iteration + 1).to_string()));
    }
    SnapshotFile::new(content, &info, target.request)
}

/// A unified diff from the `snapshot` to the `response` text: `-` lines are
/// the stored snapshot, `+` lines the response; plain text, three lines of
/// context.
pub fn unified_diff(snapshot: &str, response: &str) -> String {
    let old = with_newline(snapshot);
    let new = with_newline(response);
    TextDiff::from_lines(old.as_str(), new.as_str())
        .unified_diff()
        .context_radius(3)
        .header("snapshot", "response")
        .to_string()
}

fn with_newline(text: &str) -> String {
    let mut t = text.trim_end().to_owned();
    t.push('\n');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target<'a>(item: &'a ItemRef, iterations: usize) -> SnapshotTarget<'a> {
        SnapshotTarget {
            collection: "My API",
            item,
            iteration: 1,
            iterations,
            request: "GET {{base}}/x",
            secrets: &[],
            generated: &[],
        }
    }

    #[test]
    fn paths_carry_folders_iterations_and_repeats() {
        let mut s = SnapshotSession::new(SnapshotOptions::new("snaps"));
        let item = ItemRef {
            id: "1".into(),
            name: "Get: one".into(),
            folders: vec!["Users".into(), "a/b".into()],
            collection: None,
        };
        assert_eq!(
            s.next_path(&target(&item, 1)),
            Path::new("snaps/My API/Users/a_b/Get_ one.snap")
        );
        assert_eq!(
            s.next_path(&target(&item, 1)),
            Path::new("snaps/My API/Users/a_b/Get_ one~2.snap")
        );
        assert_eq!(
            s.next_path(&target(&item, 3)),
            Path::new("snaps/My API/Users/a_b/Get_ one.2.snap")
        );
    }

    #[test]
    fn diff_is_plain_unified_text() {
        let d = unified_diff("a\nb\nc", "a\nB\nc\n");
        assert_eq!(
            d,
            "--- snapshot\n+++ response\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }
}
