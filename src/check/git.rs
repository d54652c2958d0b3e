//! The Git checks (DC2xx) over all documents at once: every distinct SHA is
//! resolved once, reachability comes from one history walk, and each
//! (commit, file) pair behind the code references is read once.

use std::collections::HashSet;

use gix::ObjectId;

use super::document::{Cited, Document};
use crate::coderefs::Reading;
use crate::dates;
use crate::diagnostic::{Diagnostic, Notice};
use crate::error::{Error, Result};
use crate::git::{Git, History, Resolution};
use crate::project::Project;
use crate::rules::git::{
    ambiguous_code_reference, ambiguous_commit, branch_not_found, broken_code_reference,
    commit_after_date, commit_not_found, deleted_branch, drifted_code_reference, invalid_commit,
    not_a_commit, short, short_commit, stale_last_updated, unreachable_commit,
};
use crate::suggest;

/// Opens the repository for the Git checks, unless they are off. Without a
/// usable repository one notice says why (or, with `--require-git`, the run
/// fails).
pub fn open(project: &Project, notices: &mut Vec<Notice>) -> Result<Option<Git>> {
    let settings = &project.git;
    // DC401 asks Git where a document it cannot find was moved to.
    if !settings.enabled
        || !["DC2", "DC401", "DC407"]
            .iter()
            .any(|code| project.rules.any_enabled(code))
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
/// when the run needs it. Returns the code references' verdicts, when they
/// were read (the graph draws the files they mean).
pub fn check(
    project: &Project,
    git: Option<&Git>,
    docs: &[Document],
    history: Option<&[History]>,
    out: &mut Vec<Diagnostic>,
    notices: &mut Vec<Notice>,
) -> Result<Vec<Reading>> {
    let settings = &project.git;
    if !settings.enabled || !project.rules.any_enabled("DC2") {
        return Ok(Vec::new());
    }
    let valid = shapes(docs, settings.min_sha_length, out);
    let Some(git) = git else {
        return Ok(Vec::new());
    };

    let unique: HashSet<&str, foldhash::fast::RandomState> =
        valid.iter().map(|&(_, cited)| hex_of(cited)).collect();
    let resolved = git.resolve_all(unique.into_iter().collect());
    let mut unverifiable = 0;
    let mut unreadable = None;
    // The commit each document was written against: its first commit field
    // that resolves.
    let mut written_at: Vec<Option<ObjectId>> = vec![None; docs.len()];
    let mut found: Vec<Found> = Vec::new();
    for &(doc, cited) in &valid {
        let hex = hex_of(cited);
        match &resolved[hex] {
            Resolution::Commit {
                id, time, offset, ..
            } => {
                if cited.primary {
                    written_at[doc].get_or_insert(*id);
                }
                found.push((doc, cited, *id, (*time, *offset)));
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
    // Megabytes for a large project, no longer needed: the links are
    // checked meanwhile.
    drop(resolved);
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

    // The commits in HEAD's history are reachable without walking the
    // history of every reference: only the others need that walk.
    let pending: Vec<&Found> = match project.rules.any_enabled("DC206") && !git.shallow {
        true => {
            let mut ids: Vec<ObjectId> = found.iter().map(|&(_, _, id, _)| id).collect();
            ids.sort();
            ids.dedup();
            let in_head = git.in_head_history(&ids);
            found
                .iter()
                .filter(|(_, _, id, _)| !in_head.contains(id))
                .collect()
        }
        false => Vec::new(),
    };
    if !pending.is_empty() {
        let reachable = git.reachable(&settings.reachable_from)?;
        for &&(doc, cited, id, _) in &pending {
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
    for &(doc, cited, id, (time, offset)) in found.iter().filter(|_| dates_on) {
        // A note updated after the commit was made (`last_updated`,
        // `updated`) was still being written when it came.
        let updated_after = |day: i64| {
            docs[doc]
                .facts
                .last_updated
                .is_some_and(|(updated, _)| updated >= day)
        };
        let Some((date, date_span)) = docs[doc].facts.date else {
            continue;
        };
        // The commit's own time zone counts only for a date written without
        // one. The commit-graph does not keep it: the commit is read when
        // the latest zone Git can write would make it later.
        let offset = match (offset, date.offset) {
            (Some(offset), _) => offset,
            (None, Some(_)) => 0,
            (None, None) => {
                let latest = (time, commit_after_date::LATEST_OFFSET);
                if commit_after_date::committed_after(&date, latest).is_none() {
                    continue;
                }
                git.commit_offset(id).unwrap_or(0)
            }
        };
        if let Some(day) = commit_after_date::committed_after(&date, (time, offset))
            && !updated_after(day)
        {
            let committed = dates::format_day(day * 86_400);
            out.push(at(
                docs,
                doc,
                commit_after_date::diagnostic(cited.span, date_span, hex_of(cited), &committed),
            ));
        }
    }
    if project.rules.any_enabled("DC207") || project.rules.any_enabled("DC214") {
        branches(git, docs, &written_at, out);
    }
    let mut readings = Vec::new();
    if ["DC208", "DC209", "DC212"]
        .iter()
        .any(|code| project.rules.any_enabled(code))
    {
        readings = code_references(project, git, docs, &written_at, out);
    }
    if let Some(history) = history
        && project.rules.any_enabled("DC210")
    {
        stale(docs, history, out);
    }
    Ok(readings)
}

/// A cited commit that exists: the document, the citation, the commit, and
/// its time and time zone (`None` when read from the commit-graph).
type Found<'a> = (usize, &'a Cited, ObjectId, (i64, Option<i64>));

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
                let d = invalid_commit::diagnostic(cited.span, &cited.field, &what);
                out.push(at(
                    docs,
                    i,
                    if invalid_commit::says_there_is_none(text) {
                        d.at_most(crate::rules::Severity::Info)
                    } else {
                        d
                    },
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

/// Branches that do not exist are typos (DC207) or, where the history
/// shows they were merged, deleted after merging (DC214, information): one
/// walk of HEAD's history, only when some branch is missing.
fn branches(
    git: &Git,
    docs: &[Document],
    written_at: &[Option<ObjectId>],
    out: &mut Vec<Diagnostic>,
) {
    if git.shallow || docs.iter().all(|d| d.facts.branches.is_empty()) {
        return;
    }
    let known = git.branches();
    // A checkout with no branch at all (a detached clone of a bundle, a CI
    // fetch of one commit) cannot say which branches exist.
    if known.is_empty() {
        return;
    }
    let mut missing: Vec<(usize, &Cited, &str)> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for cited in &doc.facts.branches {
            let Ok(name) = &cited.value else { continue };
            let remote = known
                .iter()
                .any(|k| k.split_once('/').is_some_and(|(_, b)| b == name.as_ref()));
            if !known.contains(name.as_ref()) && !remote {
                missing.push((i, cited, name));
            }
        }
    }
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|&(_, _, name)| name).collect();
    let commits: Vec<ObjectId> = missing
        .iter()
        .filter_map(|&(i, _, _)| written_at[i])
        .collect();
    let merged = git.merged(&names, &commits);
    for (i, cited, name) in missing {
        let suggestion = suggest::closest(name, known.iter().map(String::as_str));
        let cited_commit = written_at[i]
            .as_ref()
            .filter(|c| merged.commits.contains(*c));
        let evidence = match (merged.branches.get(name), cited_commit) {
            (Some(merge), _) => Some(deleted_branch::Evidence::MergeCommit(short(merge))),
            (None, Some(commit)) if suggestion.is_none() => {
                Some(deleted_branch::Evidence::CitedCommit(short(commit)))
            }
            _ => None,
        };
        let diagnostic = match evidence {
            Some(evidence) => deleted_branch::diagnostic(cited.span, &cited.field, name, evidence),
            None => branch_not_found::diagnostic(cited.span, &cited.field, name, suggestion),
        };
        out.push(at(docs, i, diagnostic));
    }
}

/// The code references of every document, read once; each rule reports
/// its own verdicts.
fn code_references(
    project: &Project,
    git: &Git,
    docs: &[Document],
    written_at: &[Option<ObjectId>],
    out: &mut Vec<Diagnostic>,
) -> Vec<Reading> {
    let readings = crate::coderefs::read(git, docs, written_at);
    if project.rules.any_enabled("DC208") {
        broken_code_reference::check(docs, &readings, out);
    }
    if project.rules.any_enabled("DC209") {
        drifted_code_reference::check(&project.kinds, docs, &readings, out);
    }
    if project.rules.any_enabled("DC212") {
        ambiguous_code_reference::check(docs, &readings, out);
    }
    readings
}

/// `last_updated` against the document's last change that matters in
/// history (not its addition, see [`Git::last_changes`]). The fix writes the
/// day of that change, as the help says: committing the fix changes only
/// metadata, which is not a change that matters.
fn stale(docs: &[Document], history: &[History], out: &mut Vec<Diagnostic>) {
    for (i, doc) in docs.iter().enumerate() {
        let Some((written, span)) = doc.facts.last_updated else {
            continue;
        };
        let Some(change) = history[i].changed.filter(|c| !c.added) else {
            continue;
        };
        if change.day() > written + 1 {
            let changed = dates::format_day(change.day() * 86_400);
            let diagnostic = stale_last_updated::diagnostic(
                span,
                &dates::format_day(written * 86_400),
                &changed,
                &short(&change.id),
            )
            .fix_with(changed);
            out.push(at(docs, i, diagnostic));
        }
    }
}
