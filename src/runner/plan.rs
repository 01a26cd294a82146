//! The order of a run: requests depth-first through nested folders,
//! narrowed by `--folder`, then `--exclude-folder`, then a folder shard
//! (`--shard I/N` by folder: the top-level items shared out round-robin).

use std::collections::HashMap;

use crate::collection::{Collection, Item};

use super::RunError;
use super::options::{RunOptions, ShardBy};
use crate::outcome::ItemRef;

/// A request item with the folders that enclose it (outermost first).
#[derive(Debug, Clone)]
pub(crate) struct PlannedItem<'c> {
    pub item: &'c Item,
    pub folders: Vec<&'c Item>,
    pub item_ref: ItemRef,
}

/// The items of every iteration of the run `o` describes.
pub(crate) fn plan_run(o: &RunOptions) -> Result<Vec<PlannedItem<'_>>, RunError> {
    plan_run_units(o).map(|(items, _)| items)
}

/// [`plan_run`], and how many top-level units (folders or requests with
/// items) there were to share out before a folder shard kept its own.
pub(crate) fn plan_run_units(o: &RunOptions) -> Result<(Vec<PlannedItem<'_>>, usize), RunError> {
    let mut items = plan(&o.collection, &o.folders)?;
    exclude(&o.collection, &mut items, &o.exclude_folders)?;
    // Each top-level folder or item by address, numbered in order of
    // first appearance (a map: a run of many items has as many tops).
    let mut tops: HashMap<*const Item, usize> = HashMap::new();
    for p in &items {
        let next = tops.len();
        tops.entry(std::ptr::from_ref(top_level(p))).or_insert(next);
    }
    if let Some(shard) = o.shard.filter(|s| s.by == ShardBy::Folder) {
        items.retain(|p| {
            tops.get(&std::ptr::from_ref(top_level(p)))
                .is_some_and(|&n| shard.owns(n))
        });
    }
    if let Some(label) = &o.collection_label {
        for p in &mut items {
            p.item_ref.collection = Some(label.clone());
        }
    }
    Ok((items, tops.len()))
}

/// The top-level folder enclosing `p`, or the item itself at the top level.
fn top_level<'c>(p: &PlannedItem<'c>) -> &'c Item {
    p.folders.first().copied().unwrap_or(p.item)
}

/// Leaves out every item that is, or is inside, a folder or request whose
/// id or name is one of `excluded`; a name that matches nothing anywhere in
/// the collection is an error, as with `--folder`.
fn exclude(
    collection: &Collection,
    items: &mut Vec<PlannedItem<'_>>,
    excluded: &[String],
) -> Result<(), RunError> {
    for name in excluded {
        let matches = |i: &Item| i.id.as_deref() == Some(name.as_str()) || i.name == *name;
        if find_first(&collection.item, &matches).is_none() {
            let mut names = Vec::new();
            folder_names(&collection.item, &mut names);
            return Err(RunError::UnknownFolder {
                name: name.clone(),
                available: names,
            });
        }
        items.retain(|p| !matches(p.item) && !p.folders.iter().any(|f| matches(f)));
    }
    Ok(())
}

/// Whether a folder or request of `collection` has `name` as its id or name.
pub(crate) fn has_item(collection: &Collection, name: &str) -> bool {
    find_first(&collection.item, &|i| {
        i.id.as_deref() == Some(name) || i.name == name
    })
    .is_some()
}

/// Every request of `collection` in run order, restricted to the
/// `selected` folders or requests (by id or name). As in Newman, the
/// selection runs in collection order whatever order it was given in,
/// overlapping selections collapse, and the selected items keep their
/// ancestors (for scripts and auth).
pub(crate) fn plan<'c>(
    collection: &'c Collection,
    selected: &[String],
) -> Result<Vec<PlannedItem<'c>>, RunError> {
    let mut all = Vec::new();
    walk(&collection.item, &mut Vec::new(), &mut all);
    if selected.is_empty() {
        return Ok(all);
    }
    let mut chosen: Vec<&'c Item> = Vec::new();
    for name in selected {
        let found = if selected.len() == 1 {
            locate_single(&collection.item, name)
        } else {
            locate(&collection.item, name)
        };
        match found {
            Some(item) => chosen.push(item),
            None => {
                let mut names = Vec::new();
                folder_names(&collection.item, &mut names);
                return Err(RunError::UnknownFolder {
                    name: name.clone(),
                    available: names,
                });
            }
        }
    }
    Ok(all
        .into_iter()
        .filter(|p| {
            chosen
                .iter()
                .any(|c| std::ptr::eq(*c, p.item) || p.folders.iter().any(|f| std::ptr::eq(*c, *f)))
        })
        .collect())
}

/// One `--folder`: a direct child of the collection first, then anywhere.
fn locate_single<'c>(items: &'c [Item], name: &str) -> Option<&'c Item> {
    items
        .iter()
        .find(|i| i.id.as_deref() == Some(name))
        .or_else(|| items.iter().find(|i| i.name == name))
        .or_else(|| locate(items, name))
}

/// The first item, depth-first, whose id is `name`, else whose name is.
fn locate<'c>(items: &'c [Item], name: &str) -> Option<&'c Item> {
    find_first(items, &|i| i.id.as_deref() == Some(name))
        .or_else(|| find_first(items, &|i| i.name == name))
}

fn find_first<'c>(items: &'c [Item], pred: &dyn Fn(&Item) -> bool) -> Option<&'c Item> {
    for item in items {
        if pred(item) {
            return Some(item);
        }
        if let Some(found) = item
            .item
            .as_deref()
            .and_then(|children| find_first(children, pred))
        {
            return Some(found);
        }
    }
    None
}

fn walk<'c>(items: &'c [Item], parents: &mut Vec<&'c Item>, out: &mut Vec<PlannedItem<'c>>) {
    for item in items {
        if let Some(children) = item.item.as_ref().filter(|_| item.request.is_none()) {
            parents.push(item);
            walk(children, parents, out);
            parents.pop();
        } else {
            out.push(planned(item, parents));
        }
    }
}

fn planned<'c>(item: &'c Item, parents: &[&'c Item]) -> PlannedItem<'c> {
    let folders: Vec<String> = parents.iter().map(|f| f.name.clone()).collect();
    let id = item.id.clone().unwrap_or_else(|| {
        let mut parts = folders.clone();
        parts.push(item.name.clone());
        parts.join("/")
    });
    PlannedItem {
        item,
        folders: parents.to_vec(),
        item_ref: ItemRef {
            id,
            name: item.name.clone(),
            folders,
            collection: None,
        },
    }
}

fn folder_names(items: &[Item], out: &mut Vec<String>) {
    for item in items {
        if let Some(children) = item.item.as_ref().filter(|_| item.request.is_none()) {
            out.push(item.name.clone());
            folder_names(children, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn collection() -> Collection {
        serde_json::from_value(json!({
            "info": {"name": "c"},
            "item": [
                {"name": "A", "request": "http://h/a"},
                {"name": "F1", "item": [
                    {"name": "B", "request": "http://h/b"},
                    {"name": "F2", "item": [{"name": "C", "id": "c-id", "request": "http://h/c"}]},
                    {"name": "Empty", "item": []}
                ]},
                {"name": "D", "request": "http://h/d"}
            ]
        }))
        .unwrap()
    }

    fn names(p: &[PlannedItem<'_>]) -> Vec<String> {
        p.iter().map(|i| i.item_ref.path()).collect()
    }

    #[test]
    fn depth_first_order() {
        let c = collection();
        assert_eq!(
            names(&plan(&c, &[]).unwrap()),
            ["A", "F1/B", "F1/F2/C", "D"]
        );
    }

    #[test]
    fn folder_selection() {
        let c = collection();
        let cases: &[(&[&str], &[&str])] = &[
            (&["F1"], &["F1/B", "F1/F2/C"]),
            (&["F2"], &["F1/F2/C"]),
            // Several selections run in collection order, as in Newman.
            (&["D", "F2"], &["F1/F2/C", "D"]),
            (&["c-id"], &["F1/F2/C"]),
            (&["F1", "F2"], &["F1/B", "F1/F2/C"]),
        ];
        for (sel, want) in cases {
            let sel: Vec<String> = sel.iter().map(|s| s.to_string()).collect();
            assert_eq!(names(&plan(&c, &sel).unwrap()), *want, "{sel:?}");
        }
        let p = plan(&c, &["F2".into()]).unwrap();
        assert_eq!(
            p[0].folders.len(),
            2,
            "ancestors are kept for scripts and auth"
        );
    }

    fn options(f: impl FnOnce(&mut RunOptions)) -> RunOptions {
        let mut o = RunOptions::new(collection());
        f(&mut o);
        o
    }

    #[test]
    fn excluded_folders_go_after_the_selection() {
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (&[], &["F2"], &["A", "F1/B", "D"]),
            (&[], &["c-id", "A"], &["F1/B", "D"]),
            (&["F1"], &["B"], &["F1/F2/C"]),
            (&[], &["F1"], &["A", "D"]),
        ];
        for (folders, excluded, want) in cases {
            let o = options(|o| {
                o.folders = folders.iter().map(|s| s.to_string()).collect();
                o.exclude_folders = excluded.iter().map(|s| s.to_string()).collect();
            });
            assert_eq!(names(&plan_run(&o).unwrap()), *want, "{excluded:?}");
        }
        let o = options(|o| o.exclude_folders = vec!["Nope".into()]);
        assert!(matches!(
            plan_run(&o),
            Err(RunError::UnknownFolder { name, .. }) if name == "Nope"
        ));
    }

    #[test]
    fn folder_shards_share_out_top_level_items() {
        use crate::runner::options::Shard;
        let shard = |index| {
            options(|o| {
                o.shard = Some(Shard {
                    index,
                    count: 2,
                    by: ShardBy::Folder,
                })
            })
        };
        let first_shard = shard(0);
        let (first, units) = plan_run_units(&first_shard).unwrap();
        assert_eq!(units, 3);
        assert_eq!(names(&first), ["A", "D"]);
        assert_eq!(names(&plan_run(&shard(1)).unwrap()), ["F1/B", "F1/F2/C"]);
        // Units are counted after the selection: one unit, so shard 2 is empty.
        let mut o = shard(1);
        o.folders = vec!["F2".into()];
        assert_eq!(plan_run_units(&o).unwrap().1, 1);
        assert!(plan_run(&o).unwrap().is_empty());
    }

    #[test]
    fn unknown_folder_lists_names() {
        let c = collection();
        match plan(&c, &["Nope".into()]) {
            Err(RunError::UnknownFolder { name, available }) => {
                assert_eq!(name, "Nope");
                assert_eq!(available, ["F1", "F2", "Empty"]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
