//! Reading code references the way their authors meant them.
//!
//! A reader resolves `extractor.py:500` to the one `extractor.py` in the
//! tree, `battlefield/mod.rs:16` to `src/gameplay/battlefield/mod.rs`, and
//! knows that a note written before the code it describes was committed is
//! about the code that came after. [`resolve`] finds the file one reference
//! means in one tree; [`read`] decides, for every reference of every
//! document, what the history says about it. The rules (DC208, DC209,
//! DC212) turn the verdicts into findings.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use gix::ObjectId;
use rayon::prelude::*;

use crate::check::document::Document;
use crate::git::{Git, Listing, PathHistory, Reader};
use crate::intern::Name;
use crate::paths;

/// The files of one tree, as [`resolve`] needs them.
pub trait Files {
    /// The number of lines of the file at `path` (project-relative), or
    /// `None` when there is no file there.
    fn lines(&mut self, path: &str) -> Option<usize>;
    /// Every file whose name (last segment) is `name`.
    fn named(&mut self, name: &str) -> Vec<Box<str>>;
}

/// How a reference's path was matched to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// From the project root, as written.
    Root,
    /// From the citing document's folder.
    Relative,
    /// As the end of exactly one file's path.
    Suffix,
}

/// The file one reference means, in one tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file, how it was found, and its length: long enough.
    Found {
        path: String,
        lines: usize,
        by: By,
    },
    /// Several files end with the path and are long enough.
    Ambiguous(Vec<String>),
    /// The file exists, shorter than the range (the longest candidate).
    TooShort {
        path: String,
        lines: usize,
        by: By,
    },
    Missing,
}

/// Resolves the reference `written`, reaching line `end`, from the document
/// at `doc`: from the project root, then from the document's folder, then
/// as a path suffix shared by exactly one file long enough to hold the
/// range.
pub fn resolve(files: &mut impl Files, doc: &str, written: &str, end: u32) -> Outcome {
    let written = written.trim_start_matches("./");
    let rooted = written.starts_with('/');
    let mut tried: Vec<String> = Vec::with_capacity(2);
    let mut short: Option<(String, usize, By)> = None;
    let direct = [
        (paths::normalize(written), By::Root),
        (
            if rooted || !doc.contains('/') {
                None
            } else {
                paths::join(doc, written)
            },
            By::Relative,
        ),
    ];
    for (candidate, by) in direct {
        let Some(candidate) = candidate else { continue };
        if tried.contains(&candidate) {
            continue;
        }
        if let Some(lines) = files.lines(&candidate) {
            if holds(lines, end) {
                return Outcome::Found {
                    path: candidate,
                    lines,
                    by,
                };
            }
            short.get_or_insert((candidate.clone(), lines, by));
        }
        tried.push(candidate);
    }
    let Some(suffix) = paths::normalize(written) else {
        return Outcome::Missing;
    };
    let name = suffix.rsplit('/').next().unwrap_or(&suffix).to_owned();
    let mut long = Vec::new();
    let mut longest: Option<(String, usize)> = None;
    for candidate in files.named(&name) {
        let candidate = candidate.into_string();
        let matches = candidate == suffix
            || candidate
                .strip_suffix(suffix.as_str())
                .is_some_and(|head| head.ends_with('/'));
        if !matches || tried.contains(&candidate) {
            continue;
        }
        let Some(lines) = files.lines(&candidate) else {
            continue;
        };
        if holds(lines, end) {
            long.push((candidate, lines));
        } else if longest.as_ref().is_none_or(|(_, n)| lines > *n) {
            longest = Some((candidate, lines));
        }
    }
    long.sort();
    match long.len() {
        1 => {
            let (path, lines) = long.swap_remove(0);
            Outcome::Found {
                path,
                lines,
                by: By::Suffix,
            }
        }
        0 => match (short, longest) {
            (Some((path, lines, by)), _) => Outcome::TooShort { path, lines, by },
            (None, Some((path, lines))) => Outcome::TooShort {
                path,
                lines,
                by: By::Suffix,
            },
            (None, None) => Outcome::Missing,
        },
        _ => Outcome::Ambiguous(long.into_iter().map(|(path, _)| path).collect()),
    }
}

/// Whether a file of `lines` lines holds a range that ends at line `end`.
/// Editors show an empty last line after the final line break, and
/// people cite it: one line past the end is still the file's end.
pub fn holds(lines: usize, end: u32) -> bool {
    lines + 1 >= end as usize
}

/// Where the reader looked: a commit, shortened for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    Head,
    Commit(ObjectId),
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Head => f.write_str("HEAD"),
            At::Commit(id) => write!(f, "{}", crate::rules::git::short(id)),
        }
    }
}

/// What has become of a file since the document was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Now {
    /// Deleted, or moved to the path given.
    Gone(Option<String>),
    /// Shorter than the range: its length at HEAD.
    Shorter(usize),
}

/// What the history says about one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It holds where the document was written, and at HEAD, in `path`.
    Holds { path: String },
    /// It held when the document was written (`since`), no longer at HEAD.
    Drifted { path: String, since: At, now: Now },
    /// Several files could be meant.
    Ambiguous(Vec<String>),
    /// The file is shorter than the range where the document was written.
    TooShort {
        path: String,
        by: By,
        lines: usize,
        at: At,
    },
    /// No file of the repository, now or ever, is meant; `nearest` is the
    /// existing file most like it.
    Missing { at: At, nearest: Option<String> },
    /// The repository cannot say: an object it needs is unreadable.
    Unreadable { at: At, reason: String },
}

impl Verdict {
    /// The file the reference means, as the repository has it now: where
    /// it holds, where it drifted (or was moved to), the file too short for
    /// it; `None` when no one file is meant or it is gone.
    pub fn file(&self) -> Option<&str> {
        match self {
            Verdict::Holds { path }
            | Verdict::TooShort { path, .. }
            | Verdict::Drifted {
                now: Now::Shorter(_),
                path,
                ..
            }
            | Verdict::Drifted {
                now: Now::Gone(Some(path)),
                ..
            } => Some(path),
            Verdict::Drifted {
                now: Now::Gone(None),
                ..
            }
            | Verdict::Ambiguous(_)
            | Verdict::Missing { .. }
            | Verdict::Unreadable { .. } => None,
        }
    }
}

/// One reference's verdict: the document (an index into the documents) and
/// the reference (an index into its `code_refs`), as `u32`: a large project
/// keeps hundreds of thousands until the run ends.
#[derive(Debug)]
pub struct Reading {
    doc: u32,
    reference: u32,
    verdict: Kept,
}

/// A verdict as the run keeps it until it ends: nearly every reference
/// holds, and a large project has hundreds of thousands, so a verdict that
/// holds is the file's [`Name`] and the rest are behind a pointer.
#[derive(Debug)]
enum Kept {
    Holds(Name),
    Other(Box<Verdict>),
}

impl From<Verdict> for Kept {
    fn from(verdict: Verdict) -> Kept {
        match verdict {
            Verdict::Holds { path } => Kept::Holds(Name::new(&path)),
            other => Kept::Other(Box::new(other)),
        }
    }
}

impl Reading {
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    pub fn reference(&self) -> usize {
        self.reference as usize
    }

    /// The file the reference means, as the repository has it now (see
    /// [`Verdict::file`]).
    pub fn file(&self) -> Option<&str> {
        match &self.verdict {
            Kept::Holds(path) => Some(path.as_str()),
            Kept::Other(verdict) => verdict.file(),
        }
    }

    /// The verdict, unless the reference holds.
    pub fn problem(&self) -> Option<&Verdict> {
        match &self.verdict {
            Kept::Holds(_) => None,
            Kept::Other(verdict) => Some(verdict),
        }
    }
}

/// Extensions of files that references name, whatever the repository
/// holds: a name with any other extension that no file of the repository
/// has (`ranker.svc:8000`, `api.example.com:443`) is a host and port.
const FILE_EXTENSIONS: &[&str] = &[
    "py", "pyi", "ipynb", "rs", "ts", "tsx", "js", "jsx", "mjs", "cjs", "svelte", "vue", "go",
    "java", "kt", "kts", "scala", "c", "h", "cc", "cpp", "hpp", "cxx", "cs", "rb", "php", "swift",
    "m", "mm", "r", "jl", "lua", "pl", "sh", "bash", "zsh", "ps1", "sql", "md", "mdx", "rst",
    "txt", "yaml", "yml", "toml", "json", "jsonc", "ini", "cfg", "conf", "xml", "html", "htm",
    "css", "scss", "sass", "less", "proto", "graphql", "tf", "hcl", "gradle", "lock", "csv", "tsv",
    "dart", "ex", "exs", "erl", "hs", "ml", "clj", "zig", "sol", "cu", "cuh", "tex",
];

/// Reads every code reference of `docs`. `cited` is the commit each
/// document says it was written against (by index), when it resolved.
pub fn read(git: &Git, docs: &[Document], cited: &[Option<ObjectId>]) -> Vec<Reading> {
    let head = git.head();
    let listings = Listings::default();
    // First the cited commit (HEAD when none), then HEAD for a note written
    // against work committed after it. The verdicts are the run's peak of
    // memory, so they are held once: collected in parallel straight into
    // one list of the exact length (one place per reference, in document
    // order), which the second look then turns into the readings in place.
    let places: Vec<(u32, u32)> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, doc)| (0..doc.facts.code_refs.len()).map(move |k| (i as u32, k as u32)))
        .collect();
    let mut first: Vec<FirstLook> = places
        .into_par_iter()
        .map_init(
            || git.reader(),
            |reader, (i, k)| {
                let doc = &docs[i as usize];
                let r = &doc.facts.code_refs[k as usize];
                let at = cited[i as usize].unwrap_or(head);
                let mut tree = Tree::new(git, reader, &listings, at);
                let outcome = resolve(&mut tree, &doc.path, &r.path, r.end);
                if let (Outcome::Missing, Some(reason)) = (&outcome, tree.unreadable.take()) {
                    let at = if at == head { At::Head } else { At::Commit(at) };
                    return (i, k, Ok(Verdict::Unreadable { at, reason }.into()));
                }
                let verdict = match outcome {
                    Outcome::Found { path, .. } if at == head => Ok(Verdict::Holds { path }.into()),
                    Outcome::Found { path, .. } => {
                        Ok(drift(reader, head, &path, r.end, At::Commit(at)).into())
                    }
                    Outcome::Ambiguous(list) => Ok(Verdict::Ambiguous(list).into()),
                    outcome if at == head => Err(Box::new(Pending {
                        at: At::Head,
                        outcome,
                    })),
                    outcome => {
                        let mut tree = Tree::new(git, reader, &listings, head);
                        match resolve(&mut tree, &doc.path, &r.path, r.end) {
                            Outcome::Found { path, .. } => Ok(Verdict::Holds { path }.into()),
                            Outcome::Ambiguous(list) => Ok(Verdict::Ambiguous(list).into()),
                            _ => Err(Box::new(Pending {
                                at: At::Commit(at),
                                outcome,
                            })),
                        }
                    }
                };
                (i, k, verdict)
            },
        )
        .collect();
    // What the cited commit and HEAD cannot explain, the history may: a
    // file renamed or deleted since the note was written. Walked only when
    // needed, once.
    let past = first.iter().any(|(_, _, v)| v.is_err()).then(|| {
        let wanted: Vec<&str> = docs.iter().map(|d| &*d.path).collect();
        let watched = first
            .iter()
            .filter_map(|(_, _, v)| match v {
                Err(pending) => match &**pending {
                    Pending {
                        outcome: Outcome::TooShort { path, .. },
                        ..
                    } => Some(path.as_str()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        git.path_history(&wanted, &watched)
    });
    // Settled on every core, in place: what stays pending has no verdict.
    let settle = || Settle {
        git,
        reader: git.reader(),
        head_listing: None,
        listings: &listings,
        past: past.as_ref(),
    };
    first
        .par_iter_mut()
        .filter(|(_, _, verdict)| verdict.is_err())
        .for_each_init(settle, |settle, (doc, reference, verdict)| {
            let Err(pending) = verdict else { return };
            let unsettled = Pending {
                at: At::Head,
                outcome: Outcome::Missing,
            };
            let pending = std::mem::replace(&mut **pending, unsettled);
            let (doc, reference) = (*doc as usize, *reference as usize);
            let has_cited = cited[doc].is_some();
            if let Some(settled) = settle.verdict(docs, doc, reference, has_cited, pending) {
                *verdict = Ok(settled.into());
            }
        });
    first
        .into_iter()
        .filter_map(|(doc, reference, verdict)| {
            Some(Reading {
                doc,
                reference,
                verdict: verdict.ok()?,
            })
        })
        .collect()
}

// The readings reuse the first looks' list (collected in place) only when
// a reading fits in a look's place.
const _: () = assert!(
    std::mem::size_of::<Reading>() <= std::mem::size_of::<FirstLook>()
        && std::mem::align_of::<Reading>() == std::mem::align_of::<FirstLook>()
);

/// A reference's first look: its document, its place there, and the
/// verdict or what is left to settle.
type FirstLook = (u32, u32, Result<Kept, Box<Pending>>);

/// A reference the first look could not settle: where it was checked, and
/// what was found there.
#[derive(Debug)]
struct Pending {
    at: At,
    outcome: Outcome,
}

/// The second look, with the history.
struct Settle<'a, 'g> {
    git: &'g Git,
    reader: Reader<'g>,
    listings: &'a Listings,
    /// HEAD's files, listed when a reference first needs them.
    head_listing: Option<Option<Arc<Listing>>>,
    past: Option<&'a PathHistory>,
}

impl Settle<'_, '_> {
    /// Held when the document was written (drift), never a file here (not
    /// this repository's: no verdict, or missing), or too short.
    fn verdict(
        &mut self,
        docs: &[Document],
        doc: usize,
        reference: usize,
        has_cited: bool,
        pending: Pending,
    ) -> Option<Verdict> {
        let past = self.past?;
        let document = &docs[doc];
        let r = &document.facts.code_refs[reference];
        let head = self.git.head();
        // A document that cites no commit was written when it was
        // committed: its references held then, whatever became of the code.
        // Committed together with the change it describes, it was written
        // against the code before that change: the first commit's parent.
        if !has_cited && let Some((oldest, newest)) = past.changed[doc] {
            let before = self.git.first_parent(oldest);
            for moment in [Some(newest), Some(oldest), before].into_iter().flatten() {
                if moment == head {
                    continue;
                }
                let mut tree = Tree::new(self.git, &mut self.reader, self.listings, moment);
                if let Outcome::Found { path, .. } =
                    resolve(&mut tree, &document.path, &r.path, r.end)
                {
                    return Some(
                        match drift(&mut self.reader, head, &path, r.end, At::Commit(moment)) {
                            Verdict::Drifted {
                                path,
                                since,
                                now: Now::Gone(None),
                            } => Verdict::Drifted {
                                now: Now::Gone(past.moved_to(&path).map(str::to_owned)),
                                path,
                                since,
                            },
                            other => other,
                        },
                    );
                }
            }
        }
        let at = pending.at;
        if let Outcome::TooShort { path, lines, by } = pending.outcome {
            // Written before its last commit, against a version of the file
            // that was long enough: drift since that version.
            if !has_cited
                && let Some(since) = self.long_enough_before(past, document, doc, &path, r.end)
            {
                return Some(drift(
                    &mut self.reader,
                    head,
                    &path,
                    r.end,
                    At::Commit(since),
                ));
            }
            return Some(Verdict::TooShort {
                path,
                by,
                lines,
                at,
            });
        }
        // Missing where it was checked: was such a file ever committed?
        let mut ever = HistoryFiles {
            listing: &past.ever,
        };
        match resolve(&mut ever, &document.path, &r.path, 0) {
            Outcome::Found { path, .. } | Outcome::TooShort { path, .. } => {
                return Some(Verdict::Drifted {
                    now: Now::Gone(past.moved_to(&path).map(str::to_owned)),
                    path,
                    since: at,
                });
            }
            Outcome::Ambiguous(_) => return None,
            Outcome::Missing => {}
        }
        let (git, listings) = (self.git, self.listings);
        let head_listing = self
            .head_listing
            .get_or_insert_with(|| listings.get(git, head))
            .as_deref();
        if !in_repository(&r.path, head_listing, &past.ever) {
            return None;
        }
        let name = r.path.rsplit('/').next().unwrap_or(&r.path);
        let nearest = head_listing.and_then(|listing| {
            let close = crate::suggest::closest(name, listing.names())?;
            listing.named(close).first().map(|p| p.to_string())
        });
        // A bare name no file of the repository ever had, nor one close to
        // it, is a dependency's file (`hierarchy.rs:386` in a note about a
        // library's source), not a typo of the repository's.
        if !r.path.trim_start_matches('/').contains('/') && nearest.is_none() {
            return None;
        }
        Some(Verdict::Missing { at, nearest })
    }
}

impl Settle<'_, '_> {
    /// The newest commit where the file at `path` was long enough to hold
    /// line `end`, among its versions the document could have been written
    /// against: committed no later than the document's last change and, when
    /// the document says when it was written (its date, or the date its file
    /// name starts with), in effect on or after that day.
    fn long_enough_before(
        &mut self,
        past: &PathHistory,
        document: &Document,
        doc: usize,
        path: &str,
        end: u32,
    ) -> Option<ObjectId> {
        let (_, newest) = past.changed[doc]?;
        let last = *past.order.get(&newest)?;
        // A day of slack for time zones and notes dated by hand.
        let floor = written_on(document).map(|t| t - 86_400);
        for &(commit, time, blob) in past.versions.get(path)? {
            if past.order.get(&commit).is_none_or(|&at| at < last) {
                continue;
            }
            if self.reader.blob_lines(blob).is_ok_and(|n| holds(n, end)) {
                return Some(commit);
            }
            // The version in effect on the day the note was written: any
            // older one it could not have seen.
            if floor.is_some_and(|floor| time <= floor) {
                return None;
            }
        }
        None
    }
}

/// When a document says it was written, in seconds since the epoch: its
/// `date`, else the `YYYY-MM-DD` its file name starts with.
fn written_on(document: &Document) -> Option<i64> {
    if let Some((date, _)) = &document.facts.date {
        return Some(date.seconds);
    }
    let name = document.path.rsplit('/').next().unwrap_or(&document.path);
    crate::dates::days(name.get(..10)?).map(|d| d * 86_400)
}

/// Whether a path that names no file could still be meant as one of this
/// repository's: its first folder exists (or once did), and its extension
/// is a file's, not a host's.
fn in_repository(written: &str, head: Option<&Listing>, ever: &Listing) -> bool {
    let path = written.trim_start_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    let known = |f: &dyn Fn(&Listing) -> bool| head.is_some_and(f) || f(ever);
    if let Some((first, _)) = path.split_once('/')
        && !known(&|l| l.has_top(first))
    {
        // `other-repo/src/x.py`, `transformers/models/bert.py`: another
        // project's tree.
        return false;
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) || known(&|l| l.has_extension(ext))
}

/// The verdict for a reference that held at `since`: fine when it still
/// holds at HEAD, drift otherwise.
fn drift(reader: &mut Reader<'_>, head: ObjectId, path: &str, end: u32, since: At) -> Verdict {
    match reader.line_count(head, path) {
        // HEAD unreadable: nothing to say about drift.
        Ok(Some(n)) if holds(n, end) => Verdict::Holds {
            path: path.to_owned(),
        },
        Err(_) => Verdict::Holds {
            path: path.to_owned(),
        },
        Ok(Some(n)) => Verdict::Drifted {
            path: path.to_owned(),
            since,
            now: Now::Shorter(n),
        },
        Ok(None) => Verdict::Drifted {
            path: path.to_owned(),
            since,
            now: Now::Gone(None),
        },
    }
}

/// Trees' listings, made once per commit that needs a search by name.
#[derive(Default)]
struct Listings {
    made: Mutex<HashMap<ObjectId, Option<Arc<Listing>>>>,
    /// Every file HEAD's history had, and its commits, when the history
    /// is cached: a commit of it has no file by a name no file ever had.
    ever: std::sync::OnceLock<Option<(Listing, std::collections::HashSet<ObjectId>)>>,
}

impl Listings {
    /// The files named `name` in `commit`, found from the history's files
    /// when it is cached and `commit` is part of it; in the order a listing
    /// of the tree gives (breadth first, then by path).
    fn named_from_history(
        &self,
        git: &Git,
        reader: &mut Reader<'_>,
        commit: ObjectId,
        name: &str,
    ) -> Option<Vec<Box<str>>> {
        let (ever, commits) = self.ever.get_or_init(|| git.cached_ever()).as_ref()?;
        if !commits.contains(&commit) {
            return None;
        }
        let mut found: Vec<Box<str>> = ever
            .named(name)
            .iter()
            .filter(|p| Git::has_file(reader, commit, p))
            .cloned()
            .collect();
        found.sort_by(|a, b| {
            let depth = |p: &str| p.bytes().filter(|&c| c == b'/').count();
            depth(a).cmp(&depth(b)).then(a.cmp(b))
        });
        Some(found)
    }

    fn get(&self, git: &Git, commit: ObjectId) -> Option<Arc<Listing>> {
        if let Some(made) = self.made.lock().ok()?.get(&commit) {
            return made.clone();
        }
        // Listed outside the lock: two threads may both list a commit, once.
        let listing = git.listing(commit).map(Arc::new);
        self.made.lock().ok()?.insert(commit, listing.clone());
        listing
    }
}

/// One commit's tree, as [`Files`].
struct Tree<'r, 'g> {
    git: &'g Git,
    reader: &'r mut Reader<'g>,
    listings: &'r Listings,
    commit: ObjectId,
    /// Why an object could not be read, if one could not.
    unreadable: Option<String>,
}

impl<'r, 'g> Tree<'r, 'g> {
    fn new(
        git: &'g Git,
        reader: &'r mut Reader<'g>,
        listings: &'r Listings,
        commit: ObjectId,
    ) -> Self {
        Tree {
            git,
            reader,
            listings,
            commit,
            unreadable: None,
        }
    }
}

impl Files for Tree<'_, '_> {
    fn lines(&mut self, path: &str) -> Option<usize> {
        match self.reader.line_count(self.commit, path) {
            Ok(lines) => lines,
            Err(reason) => {
                self.unreadable.get_or_insert(reason);
                None
            }
        }
    }

    fn named(&mut self, name: &str) -> Vec<Box<str>> {
        if let Some(found) =
            self.listings
                .named_from_history(self.git, self.reader, self.commit, name)
        {
            return found;
        }
        self.listings
            .get(self.git, self.commit)
            .map(|l| l.named(name).to_vec())
            .unwrap_or_default()
    }
}

/// Every file the history ever had, without lengths: whether a path was
/// ever a file.
struct HistoryFiles<'a> {
    listing: &'a Listing,
}

impl Files for HistoryFiles<'_> {
    fn lines(&mut self, path: &str) -> Option<usize> {
        let name = path.rsplit('/').next().unwrap_or(path);
        self.listing
            .named(name)
            .iter()
            .any(|p| &**p == path)
            .then_some(0)
    }

    fn named(&mut self, name: &str) -> Vec<Box<str>> {
        self.listing.named(name).to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree in memory: (path, lines).
    struct Memory(Vec<(&'static str, usize)>);

    impl Files for Memory {
        fn lines(&mut self, path: &str) -> Option<usize> {
            self.0.iter().find(|(p, _)| *p == path).map(|&(_, n)| n)
        }

        fn named(&mut self, name: &str) -> Vec<Box<str>> {
            self.0
                .iter()
                .filter(|(p, _)| p.rsplit('/').next() == Some(name))
                .map(|(p, _)| (*p).into())
                .collect()
        }
    }

    fn tree() -> Memory {
        Memory(vec![
            ("src/preprocessing/extractor.py", 420),
            ("src/config.py", 300),
            ("Cargo.toml", 80),
            ("core/Cargo.toml", 150),
            ("core/src/svm.rs", 900),
            ("bindings/src/svm.rs", 200),
            ("web/src/lib/Sidebar.svelte", 240),
            ("docs/notes/helper.py", 30),
            ("game/src/battlefield/mod.rs", 50),
            ("game/src/units/mod.rs", 90),
        ])
    }

    const DOC: &str = "thoughts/shared/plans/p.md";

    fn found(path: &str, by: By, lines: usize) -> Outcome {
        Outcome::Found {
            path: path.into(),
            lines,
            by,
        }
    }

    #[test]
    fn root_then_folder_then_suffix() {
        let mut t = tree();
        assert_eq!(
            resolve(&mut t, DOC, "src/config.py", 183),
            found("src/config.py", By::Root, 300)
        );
        assert_eq!(
            resolve(&mut t, "docs/notes/n.md", "helper.py", 12),
            found("docs/notes/helper.py", By::Relative, 30)
        );
        assert_eq!(
            resolve(&mut t, DOC, "extractor.py", 400),
            found("src/preprocessing/extractor.py", By::Suffix, 420)
        );
        assert_eq!(
            resolve(&mut t, DOC, "preprocessing/extractor.py", 399),
            found("src/preprocessing/extractor.py", By::Suffix, 420)
        );
        assert_eq!(
            resolve(&mut t, DOC, "Sidebar.svelte", 218),
            found("web/src/lib/Sidebar.svelte", By::Suffix, 240)
        );
        assert_eq!(
            resolve(&mut t, DOC, "battlefield/mod.rs", 16),
            found("game/src/battlefield/mod.rs", By::Suffix, 50)
        );
        assert_eq!(
            resolve(&mut t, DOC, "/src/config.py", 10),
            found("src/config.py", By::Root, 300)
        );
    }

    #[test]
    fn a_suffix_matches_whole_segments() {
        let mut t = tree();
        // `ig.py` is no file's name; `onfig.py` is not `config.py`.
        assert_eq!(resolve(&mut t, DOC, "onfig.py", 1), Outcome::Missing);
    }

    #[test]
    fn the_range_picks_among_files_sharing_a_name() {
        let mut t = tree();
        assert_eq!(
            resolve(&mut t, DOC, "svm.rs", 500),
            found("core/src/svm.rs", By::Suffix, 900)
        );
        assert_eq!(
            resolve(&mut t, DOC, "svm.rs", 20),
            Outcome::Ambiguous(vec!["bindings/src/svm.rs".into(), "core/src/svm.rs".into()])
        );
        assert_eq!(
            resolve(&mut t, DOC, "mod.rs", 60),
            found("game/src/units/mod.rs", By::Suffix, 90)
        );
        // The root's `Cargo.toml` is too short; the only one long enough is meant.
        assert_eq!(
            resolve(&mut t, DOC, "Cargo.toml", 143),
            found("core/Cargo.toml", By::Suffix, 150)
        );
    }

    #[test]
    fn the_empty_line_after_the_last_line_break_is_the_end() {
        let mut t = tree();
        assert_eq!(
            resolve(&mut t, DOC, "src/config.py", 301),
            found("src/config.py", By::Root, 300)
        );
    }

    #[test]
    fn too_short_and_missing() {
        let mut t = tree();
        assert_eq!(
            resolve(&mut t, DOC, "extractor.py", 500),
            Outcome::TooShort {
                path: "src/preprocessing/extractor.py".into(),
                lines: 420,
                by: By::Suffix
            }
        );
        assert_eq!(
            resolve(&mut t, DOC, "src/config.py", 302),
            Outcome::TooShort {
                path: "src/config.py".into(),
                lines: 300,
                by: By::Root
            }
        );
        assert_eq!(
            resolve(&mut t, DOC, "svm.rs", 1000),
            Outcome::TooShort {
                path: "core/src/svm.rs".into(),
                lines: 900,
                by: By::Suffix
            }
        );
        assert_eq!(resolve(&mut t, DOC, "missing.py", 1), Outcome::Missing);
    }

    #[test]
    fn hosts_and_other_projects_are_not_this_repository() {
        let mut listing = Listing::default();
        for p in ["src/a.py", "README.md", "web/app.ts"] {
            listing.insert(p);
        }
        let empty = Listing::default();
        assert!(!in_repository("ranker.svc", Some(&listing), &empty));
        assert!(!in_repository(
            "transformers/models/bert.py",
            Some(&listing),
            &empty
        ));
        assert!(!in_repository(
            "vendor-1.2.0/src/lib.rs",
            Some(&listing),
            &empty
        ));
        assert!(in_repository("src/b.py", Some(&listing), &empty));
        assert!(in_repository("extractor.py", Some(&listing), &empty));
        assert!(in_repository("/src/b.py", Some(&listing), &empty));
    }
}
