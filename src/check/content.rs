//! DC5xx content checks on one document: required and empty sections,
//! unfilled template placeholders, decisions without rationale (their forms
//! are read in the rule's own file), experiment
//! provenance, the activity log's dates, file-name conventions and run
//! folders. Everything here reads the document's own parse: no file is
//! opened and nothing is re-parsed.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::document::{self, Facts};
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::kinds::Kind;
use crate::parse::markdown::Body;
use crate::parse::yaml::{Node, Value};
use crate::rules::content::{
    activity_date_order, duplicate_activity_date, empty_section, file_name_convention,
    file_name_date_mismatch, future_activity_date, invalid_activity_heading, invalid_run_folder,
    missing_rationale, missing_reproducibility_info, missing_section, unfilled_placeholder,
};
use crate::source::Span;

pub struct Input<'a> {
    pub kind: &'a Kind,
    pub path: &'a str,
    pub text: &'a str,
    pub body_start: usize,
    /// The metadata: frontmatter, the YAML document, or the field lines.
    pub root: Option<&'a Node>,
    pub body: &'a Body,
    pub facts: &'a Facts,
}

/// What the content checks learn for the project-wide checks.
#[derive(Debug, Default)]
pub struct Learned {
    /// Log and run names an activity log mentions.
    pub mentions: Vec<(Box<str>, Span)>,
    /// Whether the document states a rationale, for the change gate.
    pub rationale: bool,
}

/// Runs the checks that apply to the document's kind.
pub fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) -> Learned {
    let mut mentions = Vec::new();
    sections(input, out);
    placeholders(input, out);
    file_name(input, out);
    match input.kind.name.as_str() {
        "session" => missing_rationale::session_decisions(input, out),
        "decision" => missing_rationale::decision_record(input, out),
        "experiment" => reproducibility(input, out),
        "activity" => mentions = activity(input, out),
        "run" => run_folder(input, out),
        _ => {}
    }
    Learned {
        mentions,
        rationale: has_rationale(input),
    }
}

/// Whether the document states why: a section whose heading says
/// rationale, a metadata field named so, or a `**Rationale:**` paragraph,
/// each with more than a placeholder in it.
fn has_rationale(input: &Input<'_>) -> bool {
    let mut field = false;
    if let Some(root) = input.root {
        each_entry(root, &mut |key, value| {
            if says_rationale(key)
                && value
                    .as_scalar()
                    .map_or(!value.entries().is_empty(), |s| filled(&s.text))
            {
                field = true;
            }
        });
    }
    // Every typed document comes through here: the headings and labels are
    // looked at only when the body says "rationale" at all.
    if field || !says_rationale(&input.text[input.body_start..]) {
        return field;
    }
    let body = input.body;
    let end = input.text.len();
    body.headings.iter().enumerate().any(|(i, h)| {
        says_rationale(&h.text)
            && heading_words(&h.text).iter().any(|w| w == "rationale")
            && filled(&input.text[h.span.end as usize..body.section_end(i, end)])
    }) || missing_rationale::labels(input, input.body_start..end)
        .iter()
        .any(|l| {
            l.part == missing_rationale::Part::Rationale && filled(&input.text[l.content.clone()])
        })
}

/// Whether text holds the word "rationale", in any case, without
/// allocating: Horspool's search, which looks at about one byte in six of
/// a body that does not say it.
fn says_rationale(text: &str) -> bool {
    const WORD: &[u8; 9] = b"rationale";
    /// How far the window may move when its last byte is the index.
    const SKIP: [u8; 256] = {
        let mut skip = [WORD.len() as u8; 256];
        let mut j = 0;
        while j < WORD.len() - 1 {
            let shift = (WORD.len() - 1 - j) as u8;
            skip[WORD[j] as usize] = shift;
            skip[WORD[j].to_ascii_uppercase() as usize] = shift;
            j += 1;
        }
        skip
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i + WORD.len() <= b.len() {
        let last = b[i + WORD.len() - 1];
        if last | 0x20 == b'e'
            && b[i..i + WORD.len() - 1].eq_ignore_ascii_case(&WORD[..WORD.len() - 1])
        {
            return true;
        }
        i += usize::from(SKIP[usize::from(last)]);
    }
    false
}

/// A heading's words for matching: lowercase, without numbering (`1.`),
/// emoji, check marks, punctuation or the word "and" (`&` reads the same).
pub fn heading_words(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w != "and")
        .collect();
    let numbering = words
        .iter()
        .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    words[numbering..].to_vec()
}

/// Where a finding about the whole document goes: its title heading, else
/// the start of the body.
pub(crate) fn document_span(input: &Input<'_>) -> Span {
    input
        .body
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map_or(Span::empty(input.body_start), |h| h.span)
}

fn sections(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let headings: Vec<Vec<String>> = if input.kind.sections.is_empty() {
        Vec::new()
    } else {
        input
            .body
            .headings
            .iter()
            .map(|h| heading_words(&h.text))
            .collect()
    };
    for required in &input.kind.sections {
        let words = heading_words(required);
        if !headings.contains(&words) {
            out.push(missing_section::diagnostic(
                document_span(input),
                required,
                &input.kind.name,
            ));
        }
    }
    for (i, h) in input.body.headings.iter().enumerate() {
        let next = input.body.headings.get(i + 1);
        if h.level > 1
            && input.body.section_is_empty(i)
            && !says_something(&h.text)
            && !next.is_some_and(|n| empty_section::introduces_parts(h, n))
        {
            out.push(empty_section::diagnostic(h.span, &h.text));
        }
    }
}

/// Whether a heading is a statement in itself (`Verdict: ACCEPT (tests
/// pass)`, `None of the changes have been committed`), not the title of a
/// section to fill.
fn says_something(heading: &str) -> bool {
    let words = heading.split_whitespace().count();
    let labelled = heading
        .split_once(": ")
        .is_some_and(|(_, rest)| !rest.trim().is_empty());
    words >= 7 || labelled
}

/// `{{TOPIC}}`, `[experiment-name]`, `[Fill in objective]`, `~X hours`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\{\{[^{}\n]{1,80}\}\}|\[[^\[\]\n]{1,120}\]|~\s?X+\s+(?:hours?|hrs?|minutes?|mins?|days?)\b|\bYYYY-MM-DD\b",
    )
    .expect("a valid pattern")
});

/// Whether [`PLACEHOLDER`] can match in `text`: every form holds a `{`,
/// a `[`, a `~` or `YYYY-MM-DD`, which most prose does not.
fn may_hold_placeholder(text: &str) -> bool {
    /// 1 for the bytes that open a placeholder, 2 for `Y`.
    const MARKS: [u8; 256] = {
        let mut marks = [0; 256];
        marks[b'{' as usize] = 1;
        marks[b'[' as usize] = 1;
        marks[b'~' as usize] = 1;
        marks[b'Y' as usize] = 2;
        marks
    };
    let seen = text.bytes().fold(0, |seen, b| seen | MARKS[usize::from(b)]);
    seen & 1 != 0 || seen & 2 != 0 && text.contains("YYYY-MM-DD")
}

/// Whether a value is nothing but a placeholder (`[experiment-id]`).
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    let mut found = Vec::new();
    find_placeholders(text, 0..text.len(), &mut found);
    found.first().is_some_and(|s| s.len() == text.len())
}

/// The placeholders of a stretch of prose: brackets that are no link, no
/// task box, no footnote and hold at least one letter.
fn find_placeholders(full: &str, range: std::ops::Range<usize>, found: &mut Vec<Span>) {
    let (text, at) = (&full[range.clone()], range.start);
    if !may_hold_placeholder(text) {
        return;
    }
    for m in PLACEHOLDER.find_iter(text) {
        let s = m.as_str();
        if let Some(inner) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            // The whole text: an escape is not part of the prose range.
            let before = &full[..at + m.start()];
            // `\[literal]`, and the `[ref]` of a `[text][ref]` link.
            let escaped = before.ends_with('\\') || before.ends_with(']');
            let next = text[m.end()..].chars().next();
            if escaped
                || matches!(next, Some('(' | '[' | ':'))
                || inner.starts_with('^')
                || inner.starts_with('!')
                || !inner.chars().any(char::is_alphabetic)
                || matches!(inner.trim(), "x" | "X")
            {
                continue;
            }
        }
        found.push(Span::new(at + m.start(), at + m.end()));
    }
}

fn placeholders(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for range in &input.body.prose {
        find_placeholders(input.text, range.clone(), &mut found);
    }
    // In YAML, `[a]` is a list: only `{{…}}` is a placeholder there.
    if let Some(root) = input
        .root
        .filter(|r| (r.span.start as usize) < input.body_start)
    {
        each_scalar(root, &mut |node, text| {
            if text.as_bytes().windows(2).any(|w| w == b"{{") {
                let at = node.span.start as usize;
                let written = &input.text[node.span.range()];
                if let Some(i) = written.find("{{")
                    && let Some(len) = written[i..].find("}}")
                {
                    found.push(Span::new(at + i, at + i + len + 2));
                }
            }
        });
    }
    if found.is_empty() {
        return;
    }
    let nested = nested_templates(input.text);
    found.retain(|s| {
        let quotes = s.start as usize >= input.body_start && quoted(input.text, *s);
        let template = nested.iter().any(|r| r.contains(&(s.start as usize)));
        !quotes && !template
    });
    found.sort_by_key(|s| s.start);
    found.dedup();
    // Judged by form: some only ever prompt; the rest of the bracketed text
    // is a placeholder only where the kind's templates prompt for it,
    // which the repository's conventions decide (`[SEP]`, `[n_features]`
    // and `Optional[dict]` are not).
    let templating = about_templating(input.text);
    let judged: Vec<(Span, Option<bool>)> = found
        .into_iter()
        .map(|span| (span, prompt_form(input.text, span, templating)))
        .filter(|(_, sure)| sure.is_some())
        .collect();
    // An unfilled field is reported once, as a placeholder, not also as a
    // schema violation of the placeholder text.
    out.retain(|d| {
        !(d.rule.code.starts_with("DC1")
            && judged.iter().any(|(p, sure)| {
                *sure == Some(true) && p.start <= d.span.start && d.span.end <= p.end
            }))
    });
    for (span, sure) in judged {
        let text = &input.text[span.range()];
        out.push(unfilled_placeholder::diagnostic(span, text).about(
            crate::diagnostic::Subject::Placeholder {
                text: text.to_owned(),
                sure: sure == Some(true),
            },
        ));
    }
}

/// `"Welcome back, [Name]!"`: a placeholder in the body inside a quoted
/// string on its line is text the document quotes (a UI string, a message), not a prompt
/// left for its author.
fn quoted(text: &str, span: Span) -> bool {
    let (start, end) = (span.start as usize, span.end as usize);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let quotes = |s: &str| s.matches(['"', '\u{201C}', '\u{201D}']).count();
    quotes(&text[line_start..start]) % 2 == 1 && quotes(&text[end..line_end]) > 0
}

/// A ```` ```markdown ```` template that holds fenced blocks of its own,
/// written with the same fences: Markdown closes it at the inner block's
/// end, but its author meant it to run to the fence that balances it, and
/// its placeholders are the template's. The byte ranges of such templates.
fn nested_templates(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None; // start, depth, nested
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let fence = line.trim_start();
        if let Some(info) = fence.strip_prefix("```") {
            let info = info.trim();
            match &mut open {
                None if matches!(info, "markdown" | "md") => open = Some((at, 1, false)),
                None => {}
                Some((_, depth, nested)) if !info.is_empty() => {
                    *depth += 1;
                    *nested = true;
                }
                Some((start, depth, nested)) => {
                    *depth -= 1;
                    if *depth == 0 {
                        if *nested {
                            out.push(*start..at + line.len());
                        }
                        open = None;
                    }
                }
            }
        }
        at += line.len();
    }
    if let Some((start, _, true)) = open {
        out.push(start..text.len());
    }
    out
}

/// Words of documents that are about a templating language or
/// internationalisation, where `{{name}}` is the subject, not a prompt.
fn about_templating(text: &str) -> bool {
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(jinja2?|handlebars|mustache|liquid|i18n|l10n|interpolat\w*|templating|template (?:syntax|engine|variables?)|vue|angular|helm|go templates?)\b")
            .expect("a valid pattern")
    });
    WORDS.is_match(text)
}

/// What the form of a placeholder candidate at `span` says: `Some(true)`
/// for forms that only prompts use (`{{TOPIC}}`, `[Fill in …]`,
/// `[experiment-id]`, `[a | b]`, `~X hours`, `YYYY-MM-DD`), `Some(false)`
/// for bracketed text that is a placeholder only if a template prompts for
/// it, `None` for what is never one: indexing and types (`x[i]`,
/// `Optional[dict]`, `#[allow(dead_code)]`), labels in capitals (`[SEP]`,
/// `[HIGH — rewrite]`), line and code references (`[L803-823]`,
/// `[parser.py:130]`), lists and math (`[n, m]`, `[ρ(Z)]`).
fn prompt_form(text: &str, span: Span, templating: bool) -> Option<bool> {
    let s = &text[span.range()];
    if s.starts_with("{{") {
        return Some(!templating);
    }
    let Some(inner) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
        // `~X hours`, `YYYY-MM-DD`.
        return Some(true);
    };
    let before = text[..span.start as usize].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ')' | ']' | '#' | '>' | '`'))
    {
        return None;
    }
    let inner = inner.trim();
    let lower = inner.to_lowercase();
    if inner.contains(" | ")
        || inner.contains('|')
            && !inner.contains("||")
            && inner.split('|').all(|o| !o.trim().contains(' '))
    {
        return Some(true);
    }
    if [
        "fill in", "todo", "tbd", "insert ", "enter ", "add ", "describe", "your ", "e.g.",
        "link to", "list ", "brief ", "what ", "why ", "how ", "which ", "when ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some(true);
    }
    let word = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    // `[experiment-name]`; a `[snake_case]` name is code (`mean [n_features]`).
    let ident = inner.contains('-')
        && !inner.contains([' ', '_'])
        && inner.split('-').all(|w| !w.is_empty() && word(w));
    if ident && inner.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
        return Some(true);
    }
    if matches!(
        lower.as_str(),
        "name"
            | "title"
            | "topic"
            | "date"
            | "author"
            | "owner"
            | "description"
            | "summary"
            | "researcher"
            | "link"
            | "url"
            | "path"
            | "value"
            | "reason"
            | "details"
    ) {
        return Some(true);
    }
    // Labels (`[SEP]`, `[MEDIUM]`), line and code references (`[L803-823]`,
    // `[parser.py:130]`), lists and math (`[n, m]`, `[ρ(Z)]`): placeholders
    // only where a template of the kind has them word for word.
    Some(false)
}

fn each_scalar(node: &Node, f: &mut impl FnMut(&Node, &str)) {
    match &node.value {
        Value::Scalar(s) => f(node, &s.text),
        Value::Seq(items) => items.iter().for_each(|n| each_scalar(n, f)),
        Value::Map(entries) => entries.iter().for_each(|e| each_scalar(&e.value, f)),
    }
}

/// Whether a stretch of the document still holds template placeholders:
/// then they are what is reported (DC507), not what they stand for.
pub(crate) fn unfilled(input: &Input<'_>, range: std::ops::Range<usize>) -> bool {
    let mut found = Vec::new();
    let prose = &input.body.prose;
    let first = prose.partition_point(|p| p.end <= range.start);
    for prose in prose[first..].iter().take_while(|p| p.start < range.end) {
        let (start, end) = (prose.start.max(range.start), prose.end.min(range.end));
        if start < end {
            find_placeholders(input.text, start..end, &mut found);
            if !found.is_empty() {
                return true;
            }
        }
    }
    false
}

/// Whether text is there and is more than a placeholder.
pub(crate) fn filled(text: &str) -> bool {
    if !may_hold_placeholder(text) {
        return text.chars().any(char::is_alphanumeric);
    }
    PLACEHOLDER
        .replace_all(text, "")
        .chars()
        .any(char::is_alphanumeric)
}

// -------------------------------------------------------------- experiments

/// An experiment names its random seed and the commit of its code.
fn reproducibility(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut seed = false;
    if let Some(root) = input.root {
        each_entry(root, &mut |key, value| {
            // A placeholder seed is reported once, as a placeholder.
            if key.contains("seed")
                && value
                    .as_scalar()
                    .is_none_or(|s| filled(&s.text) || s.text.contains("{{"))
            {
                seed = true;
            }
        });
    }
    let commit = !input.facts.commits.is_empty();
    let mut missing = Vec::new();
    if !seed {
        missing.push("a random seed");
    }
    if !commit {
        missing.push("the commit of its code");
    }
    if !missing.is_empty() {
        out.push(missing_reproducibility_info::diagnostic(
            document_span(input),
            &missing,
        ));
    }
}

fn each_entry(node: &Node, f: &mut impl FnMut(&str, &Node)) {
    for entry in node.entries() {
        if let Some(key) = entry.key.as_scalar() {
            f(&key.text, &entry.value);
        }
        each_entry(&entry.value, f);
    }
}

// ------------------------------------------------------------- activity log

/// `20241019-143000-sentiment-analysis` (an execution log) and
/// `20251212_151708_baseline` (a run folder).
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{8}[-_]\d{6}[-_][A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?\b")
        .expect("a valid pattern")
});

static ACTIVITY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})\b").expect("a valid pattern"));

fn activity(input: &Input<'_>, out: &mut Vec<Diagnostic>) -> Vec<(Box<str>, Span)> {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64 / 86_400);
    // The first section of each day, and the previous dated section: a
    // long log stays linear.
    let mut first: std::collections::HashMap<i64, Span> = std::collections::HashMap::new();
    let mut previous: Option<(i64, Span)> = None;
    for h in input.body.headings.iter().filter(|h| h.level == 2) {
        let day = ACTIVITY_DATE
            .captures(&h.text)
            .and_then(|c| dates::days(&c[1]));
        let Some(day) = day else {
            out.push(invalid_activity_heading::diagnostic(h.span, &h.text));
            continue;
        };
        // A day of slack: "today" east of UTC is tomorrow here.
        if day > today + 1 {
            out.push(future_activity_date::diagnostic(h.span, &h.text));
        }
        if let Some(&first) = first.get(&day) {
            out.push(duplicate_activity_date::diagnostic(h.span, first, &h.text));
        } else if let Some((prev, prev_span)) = previous
            && day > prev
        {
            out.push(activity_date_order::diagnostic(
                h.span,
                prev_span,
                &h.text,
                &dates::format_day(prev * 86_400),
            ));
        }
        first.entry(day).or_insert(h.span);
        previous = Some((day, h.span));
    }
    let mut mentions = Vec::new();
    for range in &input.body.prose {
        for m in MENTION.find_iter(&input.text[range.clone()]) {
            mentions.push((
                m.as_str().into(),
                Span::new(range.start + m.start(), range.start + m.end()),
            ));
        }
    }
    mentions
}

// -------------------------------------------------------------- file names

fn file_name(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let Some(pattern) = &input.kind.file_name else {
        return;
    };
    let name = input.path.rsplit('/').next().unwrap_or(input.path);
    let span = Span::empty(0);
    // A name off the built-in pattern is judged again against the
    // repository's own naming once every document is read; its date is
    // compared all the same.
    let caps = pattern.captures(name);
    if caps.is_none() {
        out.push(file_name_convention::diagnostic(
            span,
            name,
            &input.kind.name,
            pattern.as_str(),
        ));
    }
    let (name_day, name_time) = match &caps {
        Some(caps) => (
            caps.name("date").map(|m| m.as_str().to_owned()),
            caps.name("time").map(|m| m.as_str().to_owned()),
        ),
        None => leading_date(name),
    };
    let Some(name_day) = name_day else { return };
    let Some(date) = input
        .root
        .and_then(|r| r.get("date"))
        .and_then(|e| e.value.as_scalar().map(|s| (s.text.as_str(), e.value.span)))
    else {
        return;
    };
    let (written_day, written_time) = split_date(date.0);
    let Some(written_day) = written_day else {
        return;
    };
    let compact_day = name_day.replace('-', "");
    let name_hm = name_time
        .as_deref()
        .map(|t| t.replace(['-', ':'], ""))
        .and_then(|t| minutes_of(&t));
    let written_hm = written_time.as_deref().and_then(minutes_of);
    let differs = match (name_hm, written_hm) {
        // Both give a time: compare to the minute (a name's seconds are
        // often rounded); a `date` in UTC may be the same instant as a name
        // in local time, whole hours apart.
        (Some(n), Some(w)) => {
            let day = |d: &str| dates::days(&format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]));
            match (day(&compact_day), day(&written_day)) {
                (Some(nd), Some(wd)) => {
                    let diff = (nd * 1440 + n) - (wd * 1440 + w);
                    let utc = utc_offset(date.0);
                    diff != 0 && !(utc && diff % 60 == 0 && diff.abs() <= 14 * 60)
                }
                _ => compact_day != written_day,
            }
        }
        _ => compact_day != written_day,
    };
    if differs {
        let mut said = name_day.clone();
        if let Some(t) = &name_time {
            said = format!("{said} {}", t.replace('-', ":"));
        }
        out.push(file_name_date_mismatch::diagnostic(
            date.1,
            name,
            date.0,
            said.trim(),
        ));
    }
}

/// A name's leading `YYYY-MM-DD`, and the `HH-MM[-SS]` after it when the
/// name is stamped (`2025-12-12_15-17_topic.md`).
fn leading_date(name: &str) -> (Option<String>, Option<String>) {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4}-\d{2}-\d{2})(?:_(\d{2}-\d{2}(?:-\d{2})?)_)?").expect("a valid pattern")
    });
    match STAMP.captures(name) {
        Some(c) => (
            c.get(1).map(|m| m.as_str().to_owned()),
            c.get(2).map(|m| m.as_str().to_owned()),
        ),
        None => (None, None),
    }
}

/// `1517` or `151708` → minutes into the day.
fn minutes_of(compact: &str) -> Option<i64> {
    let h: i64 = compact.get(..2)?.parse().ok()?;
    let m: i64 = compact.get(2..4)?.parse().ok()?;
    Some(h * 60 + m)
}

/// Whether a date-time is written in UTC (`Z`, `+00:00`, `+0000`).
fn utc_offset(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(['Z', 'z'])
        || t.ends_with("+00:00")
        || t.ends_with("+0000")
        || t.ends_with("-00:00")
}

/// `2025-12-12T15:17:08-06:00` → (`20251212`, `151708`), as written (the
/// file name is in the writer's local time, like the date).
fn split_date(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    let day = text
        .get(..10)
        .filter(|d| dates::days(d).is_some())
        .map(|d| d.replace('-', ""));
    let time = text
        .get(11..)
        .filter(|_| matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')))
        .map(|t| {
            t.chars()
                .take_while(|c| c.is_ascii_digit() || *c == ':')
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|t| t.len() >= 4);
    (day, time)
}

// --------------------------------------------------------------------- runs

static RUN_FOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})_.+$").expect("a valid pattern")
});

/// The timestamp of a run folder named `{YYYYMMDD_HHMMSS}_{name}` with a
/// real date and time (`20251212_151708`), which also names the run.
pub fn run_stamp(folder: &str) -> Option<&str> {
    let c = RUN_FOLDER.captures(folder)?;
    let n = |i: usize| c[i].parse::<u32>().unwrap_or(99);
    let valid = dates::days(&format!("{}-{}-{}", &c[1], &c[2], &c[3])).is_some()
        && n(4) < 24
        && n(5) < 60
        && n(6) < 60;
    valid.then(|| &folder[..15])
}

/// A run folder is `{YYYYMMDD_HHMMSS}_{name}` with a real date and time.
fn run_folder(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let Some(folder) = document::run_folder(input.path) else {
        return;
    };
    if run_stamp(folder).is_none() {
        out.push(invalid_run_folder::diagnostic(Span::empty(0), folder));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_activity_log_stays_linear() {
        use crate::rules::content::duplicate_activity_date::DuplicateActivityDate;
        let mut text = String::from("# Log\n");
        // 40,000 days, newest first, then every one of them again.
        for pass in 0..2 {
            for d in (0..40_000i64).rev() {
                text.push_str(&format!(
                    "## {}\n- x{pass}\n",
                    dates::format_day(d * 86_400)
                ));
            }
        }
        let started = std::time::Instant::now();
        let found = crate::testing::project_findings(&[("ACTIVITY.md", text.as_str())]);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let duplicates = found
            .iter()
            .filter(|d| d.rule.code == DuplicateActivityDate::META.code)
            .count();
        assert_eq!(duplicates, 40_000);
    }

    #[test]
    fn rationale_anywhere_in_any_case() {
        let naive = |t: &str| {
            t.as_bytes()
                .windows(9)
                .any(|w| w.eq_ignore_ascii_case(b"rationale"))
        };
        let words = [
            "rationale",
            "RATIONALE",
            "raTionAlE",
            "rational",
            "ale",
            "r",
            "e",
            "é",
            " ",
        ];
        for a in words {
            for b in words {
                for c in words {
                    let text = format!("{a}{b}x{c}");
                    assert_eq!(says_rationale(&text), naive(&text), "{text}");
                }
            }
        }
        assert!(says_rationale("rrationale") && says_rationale("The Rationale: x"));
        assert!(!says_rationale("rationals, no: rationa le, ratio nale"));
    }

    #[test]
    fn heading_matching() {
        assert_eq!(heading_words("### 1. Task Name ✓"), ["task", "name"]);
        assert_eq!(
            heading_words("Key Decisions and Rationale"),
            heading_words("🔑 Key Decisions & Rationale")
        );
    }

    #[test]
    fn dates_in_names() {
        assert_eq!(
            split_date("2025-12-12T15:17:08-06:00"),
            (Some("20251212".into()), Some("151708".into()))
        );
        assert_eq!(split_date("2024-10-19"), (Some("20241019".into()), None));
        assert_eq!(split_date("soon"), (None, None));
    }

    #[test]
    fn placeholders_in_prose() {
        let mut found = Vec::new();
        let text =
            "[Name] [16, 32] [x] [link][ref] [^1] \\[lit] {{TOPIC}} ~X hours YYYY-MM-DD [a](b)";
        find_placeholders(text, 0..text.len(), &mut found);
        let got: Vec<&str> = found.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(got, ["[Name]", "{{TOPIC}}", "~X hours", "YYYY-MM-DD"]);
        assert!(filled("Because it is faster"));
        assert!(!filled(" [Why you didn't choose it] "));
        assert!(!filled(""));
    }
}
