//! The Git checks (DC2xx) over all documents at once: every distinct SHA is
//! resolved once, reachability comes from one history walk, and each
//! (commit, file) pair behind the code references is read once.

use std::collections::{HashMap, HashSet};

use gix::ObjectId;
use rayon::prelude::*;

use super::document::{Cited, Document};
use crate::dates;
use crate::diagnostic::{Diagnostic, Notice};
use crate::error::{Error, Result};
use crate::git::{Git, Resolution};
use crate::project::Project;
use crate::rules::git::{
    ambiguous_commit, branch_not_found, broken_code_reference, commit_after_date, commit_not_found,
    drifted_code_reference, invalid_commit, not_a_commit, short, short_commit, stale_last_updated,
    unreachable_commit,
};
use crate::suggest;

/// Opens the repository for the Git checks, unless they are off. Without a
/// usable repository one notice says why (or, with `--require-git`, the run
/// fails).
pub fn open(project: &Project, notices: &mut Vec<Notice>) -> Result<Option<Git>> {
    let settings = &project.git;
    if !settings.enabled
        || !(project.rules.any_enabled("DC2") || project.rules.any_enabled("DC407"))
    {
        return Ok(None);
    }
    match Git::open(&project.root, settings.repository.as_deref()) {
        Ok(git) => Ok(Some(git)),
        Err(unavailable) if settings.required || unavailable.is_fatal() => {
            Err(Error::Git(if unavailable.is_fatal() {
                format!(
                    "{}: doccheck cannot verify the cited commits (pass --no-git to skip the Git checks)",
                    unavailable.reason()
                )
            } else {
                unavailable.message()
            }))
        }
        Err(unavailable) => {
            notices.push(Notice {
                message: unavailable.message(),
                help: Some("run doccheck inside the repository's work tree, or pass --no-git to skip these checks".into()),
            });
            Ok(None)
        }
    }
}

/// Runs the Git checks. Without a repository only the shape of each commit
/// is checked. `history` is when each document last changed (indexed like `docs`),
/// when the run needs it.
pub fn check(
    project: &Project,
    git: Option<&Git>,
    docs: &[Document],
    history: Option<&[Option<(i64, ObjectId)>]>,
    out: &mut Vec<Diagnostic>,
    notices: &mut Vec<Notice>,
) -> Result<()> {
    let settings = &project.git;
    if !settings.enabled || !project.rules.any_enabled("DC2") {
        return Ok(());
    }
    let valid = shapes(docs, settings.min_sha_length, out);
    let Some(git) = git else {
        return Ok(());
    };

    let unique: HashSet<&str> = valid.iter().map(|&(_, cited)| hex_of(cited)).collect();
    let resolved = git.resolve_all(unique.into_iter().collect());
    let mut unverifiable = 0;
    let mut unreadable = None;
    // The commit each document was written against: its first commit field
    // that resolves.
    let mut written_at: HashMap<usize, ObjectId> = HashMap::new();
    let mut found: Vec<(usize, &Cited, ObjectId, i64)> = Vec::new();
    for &(doc, cited) in &valid {
        let hex = hex_of(cited);
        match &resolved[hex] {
            Resolution::Commit { id, time } => {
                written_at.entry(doc).or_insert(*id);
                found.push((doc, cited, *id, *time));
            }
            Resolution::NotFound if git.shallow => unverifiable += 1,
            Resolution::NotFound => out.push(at(
                docs,
                doc,
                commit_not_found::diagnostic(cited.span, &cited.field, hex),
            )),
            Resolution::NotCommit { kind, .. } => {
                out.push(at(
                    docs,
                    doc,
                    not_a_commit::diagnostic(cited.span, &cited.field, hex, kind),
                ));
            }
            Resolution::Ambiguous(candidates) => out.push(at(
                docs,
                doc,
                ambiguous_commit::diagnostic(cited.span, &cited.field, hex, candidates),
            )),
            Resolution::Unreadable(e) => unreadable = Some(e.clone()),
        }
    }
    if let Some(e) = unreadable {
        notices.push(Notice {
            message: format!("some objects could not be read from the repository ({e}); those commits were not verified"),
            help: Some("check the repository with `git fsck`".into()),
        });
    }
    if unverifiable > 0 {
        notices.push(Notice {
            message: format!(
                "this is a shallow clone: {unverifiable} cited commit(s) are outside the fetched history and were not verified"
            ),
            help: Some(
                "fetch the full history (`git fetch --unshallow`; in GitHub Actions, `actions/checkout` with `fetch-depth: 0`)"
                    .into(),
            ),
        });
    }

    if !found.is_empty() && project.rules.any_enabled("DC206") && !git.shallow {
        let reachable = git.reachable(&settings.reachable_from)?;
        for &(doc, cited, id, _) in &found {
            if !reachable.contains(&id) {
                out.push(at(
                    docs,
                    doc,
                    unreachable_commit::diagnostic(cited.span, &cited.field, hex_of(cited)),
                ));
            }
        }
    }
    let dates_on = project.rules.any_enabled("DC211");
    for &(doc, cited, _, time) in found.iter().filter(|_| dates_on) {
        if let Some((date, date_span)) = docs[doc].facts.date
            && time > date + 300
        {
            let committed = dates::format_day(time);
            out.push(at(
                docs,
                doc,
                commit_after_date::diagnostic(cited.span, date_span, hex_of(cited), &committed),
            ));
        }
    }
    if project.rules.any_enabled("DC207") {
        branches(git, docs, out);
    }
    if project.rules.any_enabled("DC208") || project.rules.any_enabled("DC209") {
        code_references(git, docs, &written_at, out);
    }
    if let Some(history) = history
        && project.rules.any_enabled("DC210")
    {
        stale(docs, history, out);
    }
    Ok(())
}

fn at(docs: &[Document], doc: usize, d: Diagnostic) -> Diagnostic {
    d.in_file(&docs[doc].path)
}

fn hex_of(cited: &Cited) -> &str {
    cited.value.as_deref().unwrap_or_default()
}

/// Checks that each cited commit looks like a SHA; returns those that do.
fn shapes<'a>(
    docs: &'a [Document],
    min: usize,
    out: &mut Vec<Diagnostic>,
) -> Vec<(usize, &'a Cited)> {
    let mut valid = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for cited in &doc.facts.commits {
            let text = match &cited.value {
                Ok(text) => text.as_ref(),
                Err(what) => {
                    out.push(at(
                        docs,
                        i,
                        invalid_commit::diagnostic(cited.span, &cited.field, what),
                    ));
                    continue;
                }
            };
            let hex = text.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex || text.is_empty() {
                let what = if text.is_empty() {
                    "an empty value".to_owned()
                } else {
                    format!("`{text}`")
                };
                out.push(at(
                    docs,
                    i,
                    invalid_commit::diagnostic(cited.span, &cited.field, &what),
                ));
            } else if text.len() > 40 {
                let what = format!("{} hex digits, more than a SHA-1 has", text.len());
                out.push(at(
                    docs,
                    i,
                    invalid_commit::diagnostic(cited.span, &cited.field, &what),
                ));
            } else if text.len() < min.max(4) {
                out.push(at(
                    docs,
                    i,
                    short_commit::diagnostic(cited.span, &cited.field, text, min.max(4)),
                ));
            } else {
                valid.push((i, cited));
            }
        }
    }
    valid
}

fn branches(git: &Git, docs: &[Document], out: &mut Vec<Diagnostic>) {
    if git.shallow || docs.iter().all(|d| d.facts.branches.is_empty()) {
        return;
    }
    let known = git.branches();
    for (i, doc) in docs.iter().enumerate() {
        for cited in &doc.facts.branches {
            let Ok(name) = &cited.value else { continue };
            let remote = known
                .iter()
                .any(|k| k.split_once('/').is_some_and(|(_, b)| b == name.as_ref()));
            if !known.contains(name.as_ref()) && !remote {
                let suggestion = suggest::closest(name, known.iter().map(String::as_str));
                out.push(at(
                    docs,
                    i,
                    branch_not_found::diagnostic(cited.span, &cited.field, name, suggestion),
                ));
            }
        }
    }
}

/// Line counts of every (commit, file) pair the references need, read once
/// each in parallel, then one check per reference.
fn code_references(
    git: &Git,
    docs: &[Document],
    written_at: &HashMap<usize, ObjectId>,
    out: &mut Vec<Diagnostic>,
) {
    let head = git.head();
    let clean = |path: &str| {
        path.trim_start_matches("./")
            .trim_start_matches('/')
            .to_owned()
    };
    let mut pairs: HashSet<(ObjectId, &str)> = HashSet::new();
    for (i, doc) in docs.iter().enumerate() {
        let commit = written_at.get(&i).copied().unwrap_or(head);
        for r in &doc.facts.code_refs {
            pairs.insert((commit, &r.path));
            if commit != head {
                pairs.insert((head, &r.path));
            }
        }
    }
    let lines: HashMap<(ObjectId, &str), Result<Option<usize>, String>> = pairs
        .into_par_iter()
        .map_init(
            || git.reader(),
            |reader, (commit, path)| ((commit, path), reader.line_count(commit, &clean(path))),
        )
        .collect();
    for (i, doc) in docs.iter().enumerate() {
        let commit = written_at.get(&i).copied().unwrap_or(head);
        let name = if commit == head {
            "HEAD".to_owned()
        } else {
            format!("commit {}", short(&commit))
        };
        for r in &doc.facts.code_refs {
            let path: &str = &r.path;
            match lines[&(commit, path)] {
                Err(ref reason) => out.push(at(
                    docs,
                    i,
                    broken_code_reference::unreadable(r.span, &r.path, &name, reason),
                )),
                Ok(None) => out.push(at(
                    docs,
                    i,
                    broken_code_reference::missing(r.span, &r.path, &name),
                )),
                Ok(Some(n)) if n < r.end as usize => {
                    out.push(at(
                        docs,
                        i,
                        broken_code_reference::too_short(r.span, &r.path, r.end, n, &name),
                    ));
                }
                Ok(Some(_)) if commit != head => match lines[&(head, path)] {
                    Ok(None) => out.push(at(
                        docs,
                        i,
                        drifted_code_reference::diagnostic(r.span, &r.path, &name, None),
                    )),
                    Ok(Some(n)) if n < r.end as usize => {
                        out.push(at(
                            docs,
                            i,
                            drifted_code_reference::diagnostic(r.span, &r.path, &name, Some(n)),
                        ));
                    }
                    Ok(Some(_)) | Err(_) => {}
                },
                Ok(Some(_)) => {}
            }
        }
    }
}

/// `last_updated` against the document's last change in history.
fn stale(docs: &[Document], history: &[Option<(i64, ObjectId)>], out: &mut Vec<Diagnostic>) {
    // The fix writes today, not the day history says: committing the fix
    // is itself a change, which would make that day stale again.
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    for (i, doc) in docs.iter().enumerate() {
        let Some((written, span)) = doc.facts.last_updated else {
            continue;
        };
        let Some((time, id)) = history[i] else {
            continue;
        };
        let changed = time.div_euclid(86_400);
        if changed > written + 1 {
            let diagnostic = stale_last_updated::diagnostic(
                span,
                &dates::format_day(written * 86_400),
                &dates::format_day(time),
                &short(&id),
            )
            .fix_with(dates::format_day(today.max(time)));
            out.push(at(docs, i, diagnostic));
        }
    }
}
