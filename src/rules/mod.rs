//! The rule registry: every diagnostic doccheck emits belongs to one rule
//! with a stable code and name. A rule's doc comment is its user
//! documentation, printed by `doccheck rule CODE`.

use std::fmt;

pub mod content;
pub mod frontmatter;
pub mod gate;
pub mod git;
pub mod graph;
pub mod links;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule is, independent of any finding.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// The rule's doc comment, one source line per line.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation with rustdoc's one-space indentation removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned() + "\n"
    }

    /// The GitHub anchor of the rule's section in the published documentation.
    pub fn anchor(&self) -> String {
        crate::parse::slug::slug(&format!("{} {}", self.code, self.name))
    }

    /// The first sentence of "What it does", for rule tables.
    pub fn summary(&self) -> String {
        let docs = self.documentation();
        let body = docs
            .split("## What it does")
            .nth(1)
            .unwrap_or(&docs)
            .split("\n## ")
            .next()
            .unwrap_or_default();
        let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
        match text.find(". ") {
            Some(end) => text[..=end].to_owned(),
            None => text,
        }
    }
}

/// Declares a rule: a unit struct carrying its [`RuleMeta`], whose `docs`
/// are the doc comment written above the invocation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $name:ident, code = $code:literal, name = $rule:literal, severity = $severity:ident $(,)?
    ) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rule,
                default_severity: $crate::rules::Severity::$severity,
                docs: concat!($($doc, "\n"),+),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order.
pub static ALL: &[&RuleMeta] = &[
    &frontmatter::missing_frontmatter::MissingFrontmatter::META,
    &frontmatter::unclosed_frontmatter::UnclosedFrontmatter::META,
    &frontmatter::invalid_yaml::InvalidYaml::META,
    &frontmatter::duplicate_key::DuplicateKey::META,
    &frontmatter::missing_required_key::MissingRequiredKey::META,
    &frontmatter::wrong_type::WrongType::META,
    &frontmatter::invalid_enum_value::InvalidEnumValue::META,
    &frontmatter::unknown_key::UnknownKey::META,
    &frontmatter::misspelled_key::MisspelledKey::META,
    &frontmatter::invalid_format::InvalidFormat::META,
    &frontmatter::string_read_as_number::StringReadAsNumber::META,
    &frontmatter::schema_violation::SchemaViolation::META,
    &frontmatter::unknown_schema::UnknownSchema::META,
    &frontmatter::unknown_kind::UnknownKind::META,
    &frontmatter::date_without_time::DateWithoutTime::META,
    &git::commit_not_found::CommitNotFound::META,
    &git::ambiguous_commit::AmbiguousCommit::META,
    &git::not_a_commit::NotACommit::META,
    &git::short_commit::ShortCommit::META,
    &git::invalid_commit::InvalidCommit::META,
    &git::unreachable_commit::UnreachableCommit::META,
    &git::branch_not_found::BranchNotFound::META,
    &git::broken_code_reference::BrokenCodeReference::META,
    &git::drifted_code_reference::DriftedCodeReference::META,
    &git::stale_last_updated::StaleLastUpdated::META,
    &git::commit_after_date::CommitAfterDate::META,
    &git::ambiguous_code_reference::AmbiguousCodeReference::META,
    &git::commit_with_note::CommitWithNote::META,
    &git::deleted_branch::DeletedBranch::META,
    &links::broken_link::BrokenLink::META,
    &links::link_outside_repository::LinkOutsideRepository::META,
    &links::link_case_mismatch::LinkCaseMismatch::META,
    &links::broken_anchor::BrokenAnchor::META,
    &links::anchor_case_mismatch::AnchorCaseMismatch::META,
    &links::unresolved_log_reference::UnresolvedLogReference::META,
    &links::root_relative_link::RootRelativeLink::META,
    &links::machine_specific_link::MachineSpecificLink::META,
    &graph::dangling_reference::DanglingReference::META,
    &graph::wrong_kind_reference::WrongKindReference::META,
    &graph::plan_without_research::PlanWithoutResearch::META,
    &graph::reference_cycle::ReferenceCycle::META,
    &graph::orphan_document::OrphanDocument::META,
    &graph::status_contradiction::StatusContradiction::META,
    &graph::suspect_link::SuspectLink::META,
    &graph::duplicate_document_id::DuplicateDocumentId::META,
    &content::unreadable_file::UnreadableFile::META,
    &content::invalid_utf8::InvalidUtf8::META,
    &content::binary_file::BinaryFile::META,
    &content::file_too_large::FileTooLarge::META,
    &content::missing_section::MissingSection::META,
    &content::empty_section::EmptySection::META,
    &content::unfilled_placeholder::UnfilledPlaceholder::META,
    &content::missing_rationale::MissingRationale::META,
    &content::missing_reproducibility_info::MissingReproducibilityInfo::META,
    &content::activity_date_order::ActivityDateOrder::META,
    &content::duplicate_activity_date::DuplicateActivityDate::META,
    &content::future_activity_date::FutureActivityDate::META,
    &content::invalid_activity_heading::InvalidActivityHeading::META,
    &content::file_name_convention::FileNameConvention::META,
    &content::file_name_date_mismatch::FileNameDateMismatch::META,
    &content::invalid_run_folder::InvalidRunFolder::META,
    &content::invalid_suppression::InvalidSuppression::META,
    &content::missing_alternatives::MissingAlternatives::META,
    &gate::unexplained_change::UnexplainedChange::META,
];

/// Where the rules' documentation is published, relative to the project.
pub const DOCS_PATH: &str = "docs/rules.md";

/// The rule table, each code linking to its section of [`DOCS_PATH`]
/// through `docs` (the path of that file as seen from the table's file).
pub fn table(docs: &str) -> String {
    let mut out = String::from("| Code | Name | Default | What it checks |\n|---|---|---|---|\n");
    for rule in ALL {
        out.push_str(&format!(
            "| [{}]({docs}#{}) | `{}` | {} | {} |\n",
            rule.code,
            rule.anchor(),
            rule.name,
            rule.default_severity,
            rule.summary().replace('|', "\\|")
        ));
    }
    out
}

/// The rules' documentation published as [`DOCS_PATH`]: the table, then
/// every rule's full text under a heading that [`RuleMeta::anchor`] names.
pub fn index_markdown() -> String {
    // The examples cite files (`src/config.py:183-243`) that doccheck's own
    // repository does not have, and it checks its own documentation.
    let mut out = String::from(
        "<!-- doccheck-disable-file DC208 -->\n# Rules\n\nGenerated from the rules' documentation; `doccheck rule CODE` prints one in full.\n\n",
    );
    out.push_str(&table(""));
    for rule in ALL {
        out.push_str(&format!(
            "\n## {} {}\n\nDefault level: {}.\n\n",
            rule.code, rule.name, rule.default_severity
        ));
        // The rule's own sections sit one level below its heading; a `#`
        // inside an example's code block is not a heading.
        let mut fenced = false;
        for line in rule.documentation().lines() {
            if line.starts_with("```") || line.starts_with("~~~") {
                fenced = !fenced;
            } else if !fenced && line.starts_with('#') {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The address of a rule's documentation, for tools that link to it (SARIF
/// `helpUri`): the published file at the tag of this version.
pub fn help_uri(rule: &RuleMeta) -> String {
    format!(
        "{}/blob/v{}/{DOCS_PATH}#{}",
        env!("CARGO_PKG_REPOSITORY"),
        env!("CARGO_PKG_VERSION"),
        rule.anchor()
    )
}

/// Finds a rule by code or name, case-insensitively.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The rules a selector names: a code, a name, a code prefix (`DC1`) or `ALL`.
pub fn select(selector: &str) -> Vec<&'static RuleMeta> {
    if selector.eq_ignore_ascii_case("all") {
        return ALL.to_vec();
    }
    if let Some(rule) = find(selector) {
        return vec![rule];
    }
    let upper = selector.to_ascii_uppercase();
    if upper.len() >= 3 && upper.starts_with("DC") {
        return ALL
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const SECTIONS: [&str; 4] = [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## How to fix",
    ];

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in ALL {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.code.len() == 5
                    && rule.code.starts_with("DC")
                    && rule.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "bad code {}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{} is not kebab-case",
                rule.name
            );
        }
        let sorted: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut expected = sorted.clone();
        expected.sort_unstable();
        assert_eq!(sorted, expected, "ALL must stay in code order");
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in ALL {
            let docs = rule.documentation();
            let mut last = 0;
            for section in SECTIONS {
                let at = docs
                    .find(section)
                    .unwrap_or_else(|| panic!("{} lacks `{section}`", rule.code));
                assert!(at >= last, "{}: `{section}` is out of order", rule.code);
                last = at;
            }
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.code);
        }
    }

    #[test]
    fn codes_snapshot() {
        let list: Vec<String> = ALL
            .iter()
            .map(|r| format!("{} {} {}", r.code, r.name, r.default_severity))
            .collect();
        insta::assert_snapshot!(list.join("\n"));
    }

    /// Compares a generated file with what is committed; `DOCCHECK_BLESS=1`
    /// writes the generated text instead.
    fn assert_current(file: &str, expected: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == expected {
            return;
        }
        if std::env::var_os("DOCCHECK_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, expected).unwrap();
        } else {
            panic!("{file} is stale; run `DOCCHECK_BLESS=1 cargo test --lib rules`");
        }
    }

    #[test]
    fn published_index_is_current() {
        assert_current(DOCS_PATH, &index_markdown());
    }

    /// The README's rule table is [`table`] with links into [`DOCS_PATH`].
    #[test]
    fn readme_rule_table_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let start = readme
            .find("| Code | Name | Default | What it checks |")
            .expect("README.md has a rule table");
        let end = readme[start..]
            .find("\n\n")
            .map_or(readme.len(), |at| start + at + 1);
        let expected = format!("{}{}{}", &readme[..start], table(DOCS_PATH), &readme[end..]);
        assert_current("README.md", &expected);
    }

    /// Every rule's section exists under the anchor its links and its SARIF
    /// `helpUri` name, by GitHub's slug rules; the rule's own sections are
    /// nested under it.
    #[test]
    fn published_sections_match_anchors() {
        let text = index_markdown();
        let body = crate::parse::markdown::scan(&text, 0, &mut crate::suppress::Builder::default());
        for rule in ALL {
            let anchor = rule.anchor();
            assert!(
                body.anchors.binary_search(&anchor.as_str().into()).is_ok(),
                "no section #{anchor} for {}",
                rule.code
            );
            assert!(help_uri(rule).ends_with(&format!("/docs/rules.md#{anchor}")));
        }
        let levels: Vec<u8> = body.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels[0], 1);
        assert_eq!(levels.iter().filter(|&&l| l == 2).count(), ALL.len());
        assert_eq!(
            levels.iter().filter(|&&l| l == 3).count(),
            ALL.len() * SECTIONS.len(),
            "a rule's sections are nested under its heading"
        );
    }

    #[test]
    fn selectors() {
        assert_eq!(select("DC103").len(), 1);
        assert_eq!(select("invalid-yaml")[0].code, "DC103");
        assert!(select("DC1").len() > 5);
        assert!(select("DC1").iter().all(|r| r.code.starts_with("DC1")));
        assert!(select("nope").is_empty());
        assert_eq!(select("all").len(), ALL.len());
    }
}
