//! When each document last changed, as [`super::Git::last_changes`] found
//! it for one HEAD, kept under `.git/doccheck/last-changes`: with the same
//! HEAD, a document's answer is a lookup instead of a walk of the history
//! down to its last change. An answer depends only on HEAD's history and
//! the commits `.git-blame-ignore-revs` at HEAD sets aside, so a table
//! written for another HEAD, or another set of those commits, is not read
//! (it is replaced); but one written for HEAD's only parent is brought up
//! to HEAD with that commit's changes (see [`Table::on_top`]), the
//! pre-commit run after a commit. Like the history's cache it is an
//! optimisation only: a
//! table that is missing, torn, of another version or for another HEAD
//! gives way to the walk, with the same answers.
//!
//! The file: the magic line, HEAD's id, the commits set aside, the commits
//! the answers name (id, author time, UTC offset), then the paths' answers
//! sorted by path, found by binary search (a pre-commit run asks for a few
//! of 100,000).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use gix::ObjectId;

use super::{Changed, History};

fn magic() -> String {
    format!("doccheck last-changes 1 {}\n", env!("CARGO_PKG_VERSION"))
}

/// A commit's fields: id, author time, UTC offset.
const COMMIT: usize = 20 + 8 + 8;
/// An answer's fields before its path: the touching and the changing
/// commit (index + 1, 0 for none) and whether each added the file.
const ANSWER: usize = 4 + 4 + 1;

/// The answers known for one HEAD, and those this run adds.
pub struct Table {
    file: PathBuf,
    /// HEAD and the commits set aside, as the file starts.
    key: Vec<u8>,
    /// The file's bytes, when it was written for this HEAD (or its
    /// parent) and is whole.
    bytes: Vec<u8>,
    layout: Option<Layout>,
    /// Whether the file was written for HEAD's parent: HEAD is one commit
    /// on top of it, and the walk from HEAD is that commit and then the
    /// walk from its parent, so only what the commit changed differs.
    inherited: bool,
    /// With an inherited file, the answers at HEAD for what HEAD's commit
    /// changed (`None`: not known here, the walk finds it).
    on_top: Option<HashMap<String, Option<History>>>,
    added: Vec<(String, History)>,
}

/// Where the parts of a checked file are.
struct Layout {
    commits: usize,
    count: usize,
    /// Where the answers' end offsets start, then the answers.
    ends: usize,
    answers: usize,
}

impl Table {
    /// The table of the repository whose Git folder is `git_dir`, for
    /// `head` with the commits `ignored` set aside, or for `parent` (HEAD's
    /// only parent) with the same commits set aside, to be brought up to
    /// HEAD with [`Table::on_top`]: empty when the file is neither.
    pub fn open(
        git_dir: &std::path::Path,
        head: ObjectId,
        parent: Option<ObjectId>,
        ignored: &HashSet<ObjectId>,
    ) -> Table {
        let file = git_dir.join("doccheck").join("last-changes");
        let bytes = std::fs::read(&file).unwrap_or_default();
        let key = key(head, ignored);
        let mut inherited = false;
        let mut layout = layout(&bytes, &key);
        if layout.is_none()
            && let Some(parent) = parent
        {
            layout = self::layout(&bytes, &self::key(parent, ignored));
            inherited = layout.is_some();
        }
        Table {
            file,
            key,
            bytes: if layout.is_some() { bytes } else { Vec::new() },
            layout,
            inherited,
            on_top: None,
            added: Vec::new(),
        }
    }

    /// Whether the file was written for HEAD's parent, and
    /// [`Table::on_top`] has to be told what HEAD's commit changed before
    /// it answers.
    pub fn inherited(&self) -> bool {
        self.inherited && self.on_top.is_none()
    }

    /// The answer for `path` at HEAD's parent, in an inherited table.
    pub fn at_parent(&self, path: &str) -> Option<History> {
        self.find(path)
    }

    /// Brings an inherited table up to HEAD: `changed` holds the answers
    /// at HEAD of the paths HEAD's commit changed.
    pub fn on_top(&mut self, changed: HashMap<String, Option<History>>) {
        self.on_top = Some(changed);
    }

    /// The answer for `path` (repository-relative), if known.
    pub fn get(&self, path: &str) -> Option<History> {
        if self.inherited {
            let changed = self.on_top.as_ref()?;
            if let Some(answer) = changed.get(path) {
                return *answer;
            }
        }
        self.find(path)
    }

    /// The file's answer for `path`.
    fn find(&self, path: &str) -> Option<History> {
        let layout = self.layout.as_ref()?;
        let (mut low, mut high) = (0, layout.count);
        while low < high {
            let mid = (low + high) / 2;
            let (at, answer) = self.answer(layout, mid)?;
            match at.cmp(path.as_bytes()) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(answer),
            }
        }
        None
    }

    /// Keeps `history` as the answer for `path`, for [`Table::save`].
    pub fn insert(&mut self, path: &str, history: History) {
        self.added.push((path.to_owned(), history));
    }

    /// Writes the table for HEAD, with what it held (brought up to HEAD)
    /// and what this run added, when the run added something. (Only
    /// brought up, it is not written again: bringing it up costs one
    /// commit's diff, writing 100,000 answers more.)
    pub fn save(&self) {
        if self.added.is_empty() {
            return;
        }
        let on_top = self.on_top.as_ref().filter(|_| self.inherited);
        let mut all: Vec<(&[u8], History)> = Vec::new();
        // Not the parent's answers when they could not be brought up.
        if let Some(layout) = self
            .layout
            .as_ref()
            .filter(|_| !self.inherited || on_top.is_some())
        {
            for i in 0..layout.count {
                match self.answer(layout, i) {
                    Some(answer) => all.push(answer),
                    None => {
                        all.clear();
                        break;
                    }
                }
            }
        }
        if let Some(changed) = on_top {
            all.retain(|(path, _)| {
                std::str::from_utf8(path).is_ok_and(|p| !changed.contains_key(p))
            });
            all.extend(
                changed
                    .iter()
                    .filter_map(|(p, h)| Some((p.as_bytes(), (*h)?))),
            );
        }
        all.extend(self.added.iter().map(|(p, h)| (p.as_bytes(), *h)));
        // The answers this run added come last: kept over an older one.
        all.reverse();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.dedup_by(|a, b| a.0 == b.0);
        super::write_cache(&self.file, &encode(&self.key, &all));
    }

    /// Answer `i`: its path and what it says; `None` when the file does
    /// not hold it as it should.
    fn answer(&self, layout: &Layout, i: usize) -> Option<(&[u8], History)> {
        let end = |i: usize| -> Option<usize> {
            let at = layout.ends + i * 4;
            Some(u32::from_le_bytes(self.bytes.get(at..at + 4)?.try_into().ok()?) as usize)
        };
        let start = if i == 0 { 0 } else { end(i - 1)? };
        let entry = self
            .bytes
            .get(layout.answers + start..layout.answers + end(i)?)?;
        let (fields, path) = (entry.get(..ANSWER)?, entry.get(ANSWER..)?);
        let flags = fields[8];
        let commit = |n: &[u8], added: bool| -> Option<Option<Changed>> {
            let n = u32::from_le_bytes(n.try_into().ok()?) as usize;
            if n == 0 {
                return Some(None);
            }
            let at = layout.commits + (n - 1) * COMMIT;
            let bytes = self.bytes.get(at..at + COMMIT)?;
            Some(Some(Changed {
                id: ObjectId::try_from(&bytes[..20]).ok()?,
                time: i64::from_le_bytes(bytes[20..28].try_into().ok()?),
                offset: i64::from_le_bytes(bytes[28..36].try_into().ok()?),
                added,
            }))
        };
        let history = History {
            touched: commit(&fields[0..4], flags & 1 != 0)?,
            changed: commit(&fields[4..8], flags & 2 != 0)?,
        };
        Some((path, history))
    }
}

/// What a table's file starts with: the magic line, HEAD, and the commits
/// set aside (their number, then their ids in order).
fn key(head: ObjectId, ignored: &HashSet<ObjectId>) -> Vec<u8> {
    let mut ignored: Vec<&ObjectId> = ignored.iter().collect();
    ignored.sort();
    let mut key = magic().into_bytes();
    key.extend_from_slice(head.as_slice());
    key.extend_from_slice(&(ignored.len() as u32).to_le_bytes());
    for id in ignored {
        key.extend_from_slice(id.as_slice());
    }
    key
}

/// Where the parts of `bytes` are, when it is a whole table this version
/// wrote for `key`.
fn layout(bytes: &[u8], key: &[u8]) -> Option<Layout> {
    if !bytes.starts_with(key) {
        return None;
    }
    let u32_at = |at: usize| -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let mut at = key.len();
    let commits = u32_at(at)?;
    at += 4;
    let first_commit = at;
    at = at.checked_add(commits.checked_mul(COMMIT)?)?;
    let count = u32_at(at)?;
    at += 4;
    let ends = at;
    let answers = at.checked_add(count.checked_mul(4)?)?;
    // Every answer within the file, in order, the last ending it.
    let mut previous = 0;
    for i in 0..count {
        let end = u32_at(ends + i * 4)?;
        if end < previous + ANSWER {
            return None;
        }
        previous = end;
    }
    (answers.checked_add(previous)? == bytes.len()).then_some(Layout {
        commits: first_commit,
        count,
        ends,
        answers,
    })
}

/// The file for `key` holding `answers`, sorted by path.
fn encode(key: &[u8], answers: &[(&[u8], History)]) -> Vec<u8> {
    let mut commits: Vec<Changed> = Vec::new();
    let mut index: HashMap<ObjectId, u32> = HashMap::new();
    let mut number = |c: Option<Changed>| -> u32 {
        let Some(c) = c else { return 0 };
        *index.entry(c.id).or_insert_with(|| {
            commits.push(c);
            commits.len() as u32
        })
    };
    let mut fields: Vec<(u32, u32, u8)> = Vec::with_capacity(answers.len());
    for (_, h) in answers {
        let flags = u8::from(h.touched.is_some_and(|c| c.added))
            | u8::from(h.changed.is_some_and(|c| c.added)) << 1;
        fields.push((number(h.touched), number(h.changed), flags));
    }
    let mut out = key.to_vec();
    out.extend_from_slice(&(commits.len() as u32).to_le_bytes());
    for c in &commits {
        out.extend_from_slice(c.id.as_slice());
        out.extend_from_slice(&c.time.to_le_bytes());
        out.extend_from_slice(&c.offset.to_le_bytes());
    }
    out.extend_from_slice(&(answers.len() as u32).to_le_bytes());
    let mut end = 0usize;
    for (path, _) in answers {
        end += ANSWER + path.len();
        out.extend_from_slice(&(end as u32).to_le_bytes());
    }
    for ((path, _), (touched, changed, flags)) in answers.iter().zip(fields) {
        out.extend_from_slice(&touched.to_le_bytes());
        out.extend_from_slice(&changed.to_le_bytes());
        out.push(flags);
        out.extend_from_slice(path);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(b: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[b; 20])
    }

    fn changed(b: u8, added: bool) -> Changed {
        Changed {
            time: 1_700_000_000 + i64::from(b),
            offset: -3_600,
            id: id(b),
            added,
        }
    }

    #[test]
    fn the_table_answers_what_it_was_given_for_its_head_only() {
        let dir = tempfile::tempdir().unwrap();
        let (head, other) = (id(9), id(8));
        let none = HashSet::new();
        let answers = [
            ("docs/a é.md", changed(1, false), Some(changed(2, true))),
            ("docs/b.md", changed(1, true), None),
            ("notes/c.md", changed(3, false), Some(changed(3, false))),
        ];
        let mut table = Table::open(dir.path(), head, None, &none);
        for (path, touched, changed) in answers {
            assert_eq!(table.get(path), None);
            let history = History {
                touched: Some(touched),
                changed,
            };
            table.insert(path, history);
        }
        table.save();
        let file = dir.path().join("doccheck/last-changes");
        let whole = std::fs::read(&file).unwrap();
        let table = Table::open(dir.path(), head, None, &none);
        for (path, touched, changed) in answers {
            let history = History {
                touched: Some(touched),
                changed,
            };
            assert_eq!(table.get(path), Some(history), "{path}");
        }
        assert_eq!(table.get("docs/z.md"), None);
        assert_eq!(table.get(""), None);
        // Another HEAD reads nothing, and writes over it.
        let mut table = Table::open(dir.path(), other, None, &none);
        assert_eq!(table.get("docs/b.md"), None);
        table.insert("docs/d.md", History::default());
        table.save();
        let table = Table::open(dir.path(), other, None, &none);
        assert_eq!(table.get("docs/d.md"), Some(History::default()));
        assert_eq!(table.get("docs/b.md"), None);
        // A later answer is kept over the earlier one.
        let mut table = Table::open(dir.path(), other, None, &none);
        let later = History {
            touched: Some(changed(4, false)),
            changed: None,
        };
        table.insert("docs/d.md", later);
        table.save();
        assert_eq!(
            Table::open(dir.path(), other, None, &none).get("docs/d.md"),
            Some(later)
        );
        // The same HEAD with other commits set aside reads nothing.
        let aside = HashSet::from([id(7)]);
        assert_eq!(
            Table::open(dir.path(), other, None, &aside).get("docs/d.md"),
            None
        );
        // Written for the parent of `head`: nothing until brought up; then
        // what the commit changed, and the parent's answers for the rest.
        let mut table = Table::open(dir.path(), head, Some(other), &none);
        assert!(table.inherited());
        assert_eq!(table.get("docs/d.md"), None);
        let edited = History {
            touched: Some(changed(5, false)),
            changed: Some(changed(5, false)),
        };
        table.on_top(HashMap::from([
            ("docs/e.md".to_owned(), Some(edited)),
            ("docs/gone.md".to_owned(), None),
        ]));
        assert!(!table.inherited());
        assert_eq!(table.get("docs/d.md"), Some(later));
        assert_eq!(table.get("docs/e.md"), Some(edited));
        assert_eq!(table.get("docs/gone.md"), None);
        // Written for `head` once the run adds an answer.
        table.insert("docs/f.md", History::default());
        table.save();
        let table = Table::open(dir.path(), head, None, &none);
        assert!(!table.inherited());
        for (path, answer) in [("docs/d.md", later), ("docs/e.md", edited)] {
            assert_eq!(table.get(path), Some(answer), "{path}");
        }
        std::fs::write(&file, &whole).unwrap();
        // Torn, or written by another version: nothing is read.
        for n in 1..whole.len() {
            std::fs::write(&file, &whole[..n]).unwrap();
            assert_eq!(
                Table::open(dir.path(), head, None, &none).get("docs/b.md"),
                None,
                "{n}"
            );
        }
        let mut other_version = whole.clone();
        other_version[..24].copy_from_slice(b"doccheck last-changes 0 ");
        std::fs::write(&file, other_version).unwrap();
        assert_eq!(
            Table::open(dir.path(), head, None, &none).get("docs/b.md"),
            None
        );
    }
}
