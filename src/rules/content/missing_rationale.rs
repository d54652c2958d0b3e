use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::content::{Input, document_span, filled, heading_words, unfilled};
use crate::diagnostic::Diagnostic;
use crate::rules::content::missing_alternatives;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every decision says what was decided and why. It reads
    /// each decision record as a whole, and each entry under a session
    /// log's "Key Decisions & Rationale" section (a subheading per decision,
    /// or one `**Decision:**` paragraph after another), in the forms teams
    /// write them:
    ///
    /// - Nygard's: `## Context`, `## Decision`, `## Consequences`. The
    ///   context is the rationale.
    /// - MADR: `## Context and Problem Statement`, `## Decision Drivers`,
    ///   `## Considered Options`, `## Decision Outcome`,
    ///   `## Pros and Cons of the Options`. The context, the drivers, the
    ///   pros and cons or a "because" in the outcome is the rationale.
    /// - Y-statements: "In the context of …, facing …, we decided for … and
    ///   against …, to achieve …, accepting …". "To achieve" (or "so that",
    ///   "because") is the rationale.
    /// - Labelled paragraphs or sections, as the built-in templates write
    ///   them: `**Decision:**`, `**Rationale:**`,
    ///   `**Alternative Considered:**`, `**Rejected Because:**` (or those
    ///   words and a colon at the start of a line, or `## Rationale`).
    ///
    /// A part whose text is only a template placeholder does not count, and
    /// a decision that still holds placeholders is reported as such (DC507),
    /// not here. Alternatives that are missing are DC518's, a warning.
    ///
    /// ## Why is this bad?
    /// A decision without its rationale is the first thing a team forgets and
    /// the first thing a reviewer or a future maintainer needs: was this
    /// chosen on evidence, or by habit?
    ///
    /// ## Example
    /// ```markdown
    /// ### Decision 1: Temperature 0.3
    /// **Decision:** Run inference at temperature 0.3.
    /// **Alternative Considered:** Temperature 0.7
    /// ```
    ///
    /// ## How to fix
    /// Say why, in the place the record's form has for it: the context of a
    /// Nygard record, the drivers or the "because" of a MADR outcome, the
    /// "to achieve" of a Y-statement, or a `**Rationale:**` paragraph.
    MissingRationale, code = "DC508", name = "missing-rationale", severity = Error
}

pub fn diagnostic(span: Span, decision: &str, missing: &[&str]) -> Diagnostic {
    Diagnostic::new(
        &MissingRationale::META,
        span,
        format!("decision `{decision}` lacks {}", list(missing)),
    )
    .label("this decision")
    .help("say what was decided and why: under `**Decision:**` and `**Rationale:**`, or the sections of the record's form (`## Decision` and `## Context` or `## Rationale`)")
}

/// `a`, `a and b`, `a, b and c`.
pub fn list(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What a label (`**Rationale:**`) or a section heading states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Decision,
    /// Why, said as such (`Rationale`, `Justification`, `Decision Drivers`).
    Rationale,
    /// The situation that calls for the decision: the rationale of a
    /// Nygard record, though not a rationale on its own elsewhere (the
    /// change gate).
    Context,
    Alternative,
    Rejected,
    /// MADR's pros and cons of the options: alternatives, why they lost,
    /// and so why the outcome won.
    ProsAndCons,
}

/// What a label or heading states, by its words.
fn part(label: &str) -> Option<Part> {
    let words = heading_words(label);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match w.as_slice() {
        ["decision" | "decided"] | ["decision", "outcome" | "made"] | ["chosen", "option"] => {
            Some(Part::Decision)
        }
        ["rationale" | "reasoning" | "reason" | "reasons" | "why" | "justification"]
        | ["decision", "drivers"]
        | ["rationale", ..] => Some(Part::Rationale),
        ["context" | "background" | "motivation", ..] | ["problem", "statement"] => {
            Some(Part::Context)
        }
        ["rejected", ..] | ["why", "rejected" | "not"] | ["reason", "for", "rejection"] => {
            Some(Part::Rejected)
        }
        ["alternative" | "alternatives", ..]
        | ["considered", "options" | "alternatives"]
        | ["options", "considered"]
        | ["other", "options"] => Some(Part::Alternative),
        ["pros", "cons", ..] => Some(Part::ProsAndCons),
        _ => None,
    }
}

/// Headings only MADR uses: a record that has one follows MADR.
fn madr(label: &str) -> bool {
    let words = heading_words(label);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        w.as_slice(),
        ["considered", "options"]
            | ["decision", "outcome" | "drivers"]
            | ["pros", "cons", ..]
            | ["context", "problem", "statement"]
    )
}

/// `**Label:** text`, `**Label**: text` or `Label: text` at a line start,
/// and bold labels later on the line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*\*([^*\n]{1,40}?):\*\*|\*\*([^*\n]{1,40}?)\*\*:|(?m)^[ \t]*(?:[-*][ \t]+)?([A-Z][A-Za-z ]{1,30}):")
        .expect("a valid pattern")
});

pub struct Label {
    pub part: Part,
    /// What the label says, up to the next label or the end of the stretch.
    pub content: Range<usize>,
}

/// The labels in `range` of the text, outside code blocks.
pub fn labels(input: &Input<'_>, range: Range<usize>) -> Vec<Label> {
    let text = &input.text[range.clone()];
    let mut found: Vec<(Option<Part>, usize, usize)> = LABEL
        .captures_iter(text)
        .filter(|c| {
            let at = range.start + c.get(0).map_or(0, |m| m.start());
            !input.body.code_blocks.iter().any(|b| b.contains(&at))
        })
        .filter_map(|c| {
            let whole = c.get(0)?;
            let name = c.get(1).or(c.get(2)).or(c.get(3))?;
            Some((part(name.as_str()), whole.start(), whole.end()))
        })
        .collect();
    found.sort_by_key(|f| f.1);
    let mut labels = Vec::new();
    for (i, &(part, _, end)) in found.iter().enumerate() {
        let Some(part) = part else { continue };
        let stop = found.get(i + 1).map_or(text.len(), |next| next.1);
        labels.push(Label {
            part,
            content: range.start + end..range.start + stop.max(end),
        });
    }
    labels
}

/// "In the context of …, facing …, we decided for … and against …, to
/// achieve …, accepting …": from its opening to the decision.
static Y_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)\bin\s+the\s+context\s+of\b.{1,600}?\bwe\s+(?:have\s+)?(?:decided|chose|opted)\b",
    )
    .expect("a valid pattern")
});

/// The alternatives a Y-statement turned down, and the quality it is for.
static Y_AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:against|neglected|neglecting|rather\s+than|instead\s+of)\b")
        .expect("a valid pattern")
});
static Y_ACHIEVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:to\s+achieve|in\s+order\s+to|so\s+that|because)\b")
        .expect("a valid pattern")
});

/// What a decision states, and whether its form has a place for the
/// alternatives.
#[derive(Debug, Default)]
struct Stated {
    decision: bool,
    rationale: bool,
    alternative: bool,
    rejected: bool,
    /// The form asks for alternatives: labelled parts, a rationale
    /// section as the built-in template has, MADR, a Y-statement, a section
    /// on the alternatives. Nygard's form does not.
    asks_alternatives: bool,
}

impl Stated {
    fn add(&mut self, part: Part) {
        match part {
            Part::Decision => self.decision = true,
            Part::Rationale | Part::Context => self.rationale = true,
            Part::Alternative => self.alternative = true,
            Part::Rejected => self.rejected = true,
            Part::ProsAndCons => {
                self.alternative = true;
                self.rejected = true;
                self.rationale = true;
            }
        }
    }

    /// Parts missing from the decision itself (DC508).
    fn missing_rationale(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.decision {
            missing.push("the decision");
        }
        if !self.rationale {
            missing.push("a rationale");
        }
        missing
    }

    /// Parts missing about the alternatives (DC518), where the form has a
    /// place for them.
    fn missing_alternatives(&self) -> Option<missing_alternatives::Missing> {
        if !self.asks_alternatives {
            None
        } else if !self.alternative {
            Some(missing_alternatives::Missing::Alternatives)
        } else if !self.rejected {
            Some(missing_alternatives::Missing::WhyRejected)
        } else {
            None
        }
    }
}

/// The parts of a decision that `range` states, from labels, Y-statements
/// and the headings of its subsections.
fn stated(input: &Input<'_>, range: Range<usize>, headings: &[usize]) -> Stated {
    let mut stated = Stated::default();
    for label in labels(input, range.clone()) {
        stated.asks_alternatives = true;
        if filled(&input.text[label.content.clone()]) {
            stated.add(label.part);
        }
    }
    for &i in headings {
        let h = &input.body.headings[i];
        let Some(p) = part(&h.text) else { continue };
        let words = heading_words(&h.text);
        if madr(&h.text)
            || matches!(p, Part::Alternative | Part::Rejected)
            || words.first().is_some_and(|w| w == "rationale")
        {
            stated.asks_alternatives = true;
        }
        let end = input.body.section_end(i, range.end);
        let content = &input.text[h.span.end as usize..end];
        if filled(content) {
            stated.add(p);
            // A whole section on the alternatives says why they lost.
            if p == Part::Alternative {
                stated.add(Part::Rejected);
            }
            // MADR: "Chosen option: …, because …".
            if p == Part::Decision && Y_ACHIEVE.is_match(content) {
                stated.add(Part::Rationale);
            }
        }
    }
    y_statements(input, range, &mut stated);
    stated
}

/// Y-statements in the prose of `range`, each up to its paragraph's end.
fn y_statements(input: &Input<'_>, range: Range<usize>, stated: &mut Stated) {
    let prose = &input.body.prose;
    let first = prose.partition_point(|p| p.end <= range.start);
    for piece in prose[first..].iter().take_while(|p| p.start < range.end) {
        let (start, end) = (piece.start.max(range.start), piece.end.min(range.end));
        let Some(text) = input.text.get(start..end) else {
            continue;
        };
        for m in Y_STATEMENT.find_iter(text) {
            let rest = &text[m.end()..];
            let paragraph = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
            stated.asks_alternatives = true;
            stated.decision = true;
            if Y_ACHIEVE.is_match(paragraph) {
                stated.rationale = true;
            }
            if Y_AGAINST.is_match(paragraph) {
                stated.alternative = true;
                stated.rejected = true;
            }
        }
    }
}

/// The findings about one decision: DC508 for its decision and rationale,
/// DC518 for its alternatives; none while it still holds placeholders.
fn report(
    input: &Input<'_>,
    stated: &Stated,
    whole: Range<usize>,
    span: Span,
    name: &str,
    out: &mut Vec<Diagnostic>,
) {
    let missing = stated.missing_rationale();
    let alternatives = stated.missing_alternatives();
    if (missing.is_empty() && alternatives.is_none()) || unfilled(input, whole) {
        return;
    }
    if !missing.is_empty() {
        out.push(diagnostic(span, name, &missing));
    }
    if let Some(what) = alternatives {
        out.push(missing_alternatives::diagnostic(span, name, what));
    }
}

/// Each entry under a session log's "Key Decisions & Rationale". The
/// session template has a place for the alternatives.
pub fn session_decisions(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let headings = &input.body.headings;
    let Some(section) = headings.iter().position(|h| {
        let w = heading_words(&h.text);
        w.first().is_some_and(|f| f == "key") && w.iter().any(|x| x == "decisions")
    }) else {
        return;
    };
    let end = input.body.section_end(section, input.text.len());
    let level = headings[section].level;
    let entries: Vec<usize> = (section + 1..headings.len())
        .take_while(|&i| headings[i].level > level)
        .filter(|&i| headings[i].level == level + 1)
        .collect();
    if entries.is_empty() {
        // Entries written as `**Decision:**` paragraphs, one after another.
        let from = headings[section].span.end as usize;
        let starts: Vec<usize> = labels(input, from..end)
            .iter()
            .filter(|l| l.part == Part::Decision)
            .map(|l| l.content.start)
            .collect();
        for (n, &start) in starts.iter().enumerate() {
            let stop = starts.get(n + 1).copied().unwrap_or(end);
            let line_start = input.text[..start].rfind('\n').map_or(0, |i| i + 1);
            let mut parts = stated(input, line_start..stop, &[]);
            parts.asks_alternatives = true;
            let name = input.text[start..stop].lines().next().unwrap_or("").trim();
            let span = Span::new(
                line_start,
                start + input.text[start..].find('\n').unwrap_or(stop - start),
            );
            report(input, &parts, line_start..stop, span, name, out);
        }
        return;
    }
    for &i in &entries {
        let entry_end = input.body.section_end(i, end);
        let subs: Vec<usize> = (i + 1..headings.len())
            .take_while(|&j| (headings[j].span.start as usize) < entry_end)
            .collect();
        let mut parts = stated(input, headings[i].span.end as usize..entry_end, &subs);
        parts.asks_alternatives = true;
        let whole = headings[i].span.start as usize..entry_end;
        report(
            input,
            &parts,
            whole,
            headings[i].span,
            &headings[i].text,
            out,
        );
    }
}

/// A decision record, as a whole.
pub fn decision_record(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let all: Vec<usize> = (0..input.body.headings.len()).collect();
    let whole = input.body_start..input.text.len();
    let parts = stated(input, whole.clone(), &all);
    let name = input
        .facts
        .title
        .as_deref()
        .unwrap_or_else(|| input.path.rsplit('/').next().unwrap_or(input.path));
    report(input, &parts, whole, document_span(input), name, out);
}

#[cfg(test)]
mod tests {
    use super::MissingRationale;
    use crate::testing::*;

    #[test]
    fn missing_rationale() {
        Tester::new(&MissingRationale::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                &SESSION.replace("### Decision 1: Temperature 0.3\n\n", ""),
                &SESSION.replace(
                    "**Alternative Considered:** Temperature 0.7 **Rejected Because:** labels flipped between runs.",
                    "**Alternative Considered:** Temperature 0.7\n\n**Rejected Because:** labels flipped between runs.",
                ),
                // Missing alternatives are DC518's.
                &SESSION.replace(" **Rejected Because:** labels flipped between runs.", ""),
            ])
            .fail([
                SESSION.replace("**Rationale:**\n- Predictions were stable across reruns\n- Accuracy rose by 4 points\n", "**Rationale:**\n").as_str(),
                SESSION.replace("### Decision 1: Temperature 0.3\n\n", "").replace("**Rationale:**", "**Notes:**").as_str(),
                &SESSION.replace("**Decision:** Run inference at temperature 0.3.\n", ""),
            ])
            .snapshot();
    }

    #[test]
    fn an_unfilled_template_is_reported_as_placeholders_only() {
        // `[Reason 1]` is DC507's: the entry is not finished, not unjustified.
        Tester::new(&MissingRationale::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([SESSION
                .replace(
                    "**Rationale:**\n- Predictions were stable across reruns\n- Accuracy rose by 4 points\n",
                    "**Rationale:** [Reason 1]\n",
                )
                .as_str()]);
    }

    #[test]
    fn decision_records_in_the_built_in_form() {
        Tester::new(&MissingRationale::META)
            .path("docs/adr/0002-run-configs.md")
            .pass([
                DECISION,
                "# Use LoRA\n\nDecision: fine-tune with LoRA adapters.\nRationale: fits on one GPU.\nAlternatives: full fine-tuning.\nRejected because: needs 8 GPUs.\n",
                // The context says why: Nygard's reading.
                &DECISION.replace("## Rationale\n\nYAML diffs well and RunContext already writes it.\n\n", ""),
            ])
            .fail([
                DECISION
                    .replace("## Rationale\n\nYAML diffs well and RunContext already writes it.\n\n", "")
                    .replace("## Context\n\nRuns were hard to reproduce.\n\n", "")
                    .as_str(),
                &DECISION.replace("## Decision\n\nEvery run writes `run_config.yaml` into its folder.\n\n", ""),
            ]);
    }

    /// A Nygard record: no place for alternatives, the context is why.
    const NYGARD: &str = "# 7. Keep evaluation sets out of the training bucket\n\n\
        ## Status\n\nAccepted\n\n\
        ## Context\n\nA shared bucket let a test split leak into fine-tuning twice this quarter.\n\n\
        ## Decision\n\nEvaluation sets live in their own bucket, read-only to training jobs.\n\n\
        ## Consequences\n\nJobs need a second credential; leaks become permission errors.\n";

    /// A MADR record.
    const MADR: &str = "# Pick a feature store\n\n\
        ## Context and Problem Statement\n\nFeatures are recomputed by every team, with drift between them.\n\n\
        ## Decision Drivers\n\n* one definition per feature\n* point-in-time joins\n\n\
        ## Considered Options\n\n* Feast\n* a home-grown table per team\n\n\
        ## Decision Outcome\n\nChosen option: Feast, because it gives point-in-time joins out of the box.\n\n\
        ## Pros and Cons of the Options\n\n### Feast\n\n* Good, because it is maintained upstream\n\n\
        ### A home-grown table per team\n\n* Bad, because the drift stays\n";

    /// A Y-statement, on its own.
    const Y: &str = "# Tokenizer choice\n\n\
        In the context of the multilingual classifier, facing scripts the old vocabulary splits into bytes, \
        we decided for a SentencePiece unigram model and against extending the BPE merges, \
        to achieve shorter sequences in Thai and Amharic, accepting a retrained embedding layer.\n";

    #[test]
    fn nygard_madr_and_y_statements() {
        Tester::new(&MissingRationale::META)
            .path("docs/adr/0007-eval-bucket.md")
            .pass([
                NYGARD,
                MADR,
                Y,
                // MADR with the "because" of its outcome as its only reason.
                &MADR
                    .replace("## Context and Problem Statement\n\nFeatures are recomputed by every team, with drift between them.\n\n", "")
                    .replace("## Decision Drivers\n\n* one definition per feature\n* point-in-time joins\n\n", "")
                    .replace("## Pros and Cons of the Options\n\n### Feast\n\n* Good, because it is maintained upstream\n\n### A home-grown table per team\n\n* Bad, because the drift stays\n", ""),
                // A Y-statement inside a Nygard decision section.
                &NYGARD.replace("## Context\n\nA shared bucket let a test split leak into fine-tuning twice this quarter.\n\n", "")
                    .replace("Evaluation sets live in their own bucket, read-only to training jobs.", "In the context of evaluation data, we decided for a separate bucket, so that no split can leak."),
            ])
            .fail([
                NYGARD
                    .replace("## Context\n\nA shared bucket let a test split leak into fine-tuning twice this quarter.\n\n", "")
                    .as_str(),
                &MADR
                    .replace("## Context and Problem Statement\n\nFeatures are recomputed by every team, with drift between them.\n\n", "")
                    .replace("## Decision Drivers\n\n* one definition per feature\n* point-in-time joins\n\n", "")
                    .replace("## Pros and Cons of the Options\n\n### Feast\n\n* Good, because it is maintained upstream\n\n### A home-grown table per team\n\n* Bad, because the drift stays\n", "")
                    .replace(", because it gives point-in-time joins out of the box", ""),
                &Y.replace("to achieve shorter sequences in Thai and Amharic, ", ""),
            ]);
    }
}
