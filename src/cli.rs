//! Command-line arguments. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A Git-native linter and CI gate for research notes, plans, PR write-ups,
/// experiment logs and decision records.
#[derive(Debug, Parser)]
#[command(name = "doccheck", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Use this configuration file instead of searching for one.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print findings and errors only: no summary, no notes.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint documents (default: the whole project).
    Check(CheckArgs),
    /// Print the document graph: what cites what, and the gaps.
    Graph(GraphArgs),
    /// Explain a rule: what it checks, why, an example, how to fix.
    Rule(RuleArgs),
    /// Print the JSON Schema in effect for a document kind.
    Schema(SchemaArgs),
    /// Write an index of all documents by kind, newest first.
    Index(IndexArgs),
    /// Write a configuration for the documents here, with editable schemas
    /// and templates.
    Init(InitArgs),
    /// Record today's findings as known, so that `check` reports only new
    /// ones.
    Baseline(BaselineArgs),
    /// Print the metadata block of a new document, from Git.
    Meta(MetaArgs),
    /// Create a document from its kind's template, named and filled in.
    New(NewArgs),
    /// Manage the Git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Write the man pages: doccheck.1 and one per subcommand.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Write the index to this file (default: standard output).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Markdown tables or JSON.
    #[arg(long, value_enum, default_value_t = IndexFormat::Md)]
    pub format: IndexFormat,

    /// Write nothing; exit 1 when the file at --output is not the current
    /// index.
    #[arg(long, requires = "output")]
    pub check: bool,

    /// Replace the file at --output even when it is not an index doccheck
    /// wrote.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IndexFormat {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace files that differ from what `init` writes.
    #[arg(long)]
    pub force: bool,

    /// Write the configuration into `pyproject.toml` (`[tool.doccheck]`)
    /// instead of `.doccheck.toml`.
    #[arg(long)]
    pub pyproject: bool,

    /// Put the editable schemas and templates in `schemas/` and
    /// `templates/` instead of `.doccheck/`.
    #[arg(long)]
    pub top_level: bool,

    /// Also write the baseline of today's findings
    /// (`.doccheck-baseline.json`), so that only new findings fail.
    #[arg(long)]
    pub baseline: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or folders to record (default: the whole project); entries
    /// for other files are kept.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Only drop the entries whose finding no longer occurs; add nothing.
    #[arg(long)]
    pub prune: bool,

    /// The baseline file (default: `baseline` in the configuration, else
    /// `.doccheck-baseline.json` in the project root).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Record only these rules: codes, names or prefixes such as DC1.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Never record these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Skip the Git checks (their entries are kept as they are).
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Args)]
pub struct MetaArgs {
    /// How to print it.
    #[arg(long, value_enum, default_value_t = MetaFormat::Yaml)]
    pub format: MetaFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetaFormat {
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The document kind: research, plan, pr, experiment, session, decision,
    /// or one the configuration adds.
    pub kind: String,

    /// What the document is about; its file name is made from it.
    pub topic: String,

    /// A document this one builds on; fills the kind's reference field for
    /// that document's kind (`related_research` for a plan).
    #[arg(long, value_name = "PATH")]
    pub related: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write `.git/hooks/pre-commit` (or into `core.hooksPath`) to run
    /// `doccheck check --staged` before each commit.
    Install(HookInstallArgs),
}

#[derive(Debug, Args)]
pub struct HookInstallArgs {
    /// Replace a pre-commit hook doccheck did not write (it is kept as
    /// `pre-commit.doccheck-backup`).
    #[arg(long)]
    pub force: bool,

    /// The project (default: the current folder).
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub output_format: Format,

    /// Write the findings to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The lowest severity that makes the exit code 1 (`info` also prints
    /// the infos).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Print infos (orphans, merged branches): by default they are only
    /// counted.
    #[arg(long)]
    pub show_infos: bool,

    /// Print one row per rule (code, name, severity, count, fixable)
    /// instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Report only findings this baseline file does not list (default:
    /// `baseline` in the configuration, else `.doccheck-baseline.json` when
    /// it exists).
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,

    /// Report every finding, whatever the baseline lists.
    #[arg(long)]
    pub no_baseline: bool,

    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,

    /// Run only these rules: codes, names or prefixes such as DC1.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Never run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Skip the Git checks (commits, branches, code references).
    #[arg(long, conflicts_with = "require_git")]
    pub no_git: bool,

    /// Exit 2 when the Git checks cannot run (not a repository, bare, empty).
    #[arg(long)]
    pub require_git: bool,

    /// Check only what changed since merge-base(REV, HEAD) (and the
    /// documents linked to it), and apply the rationale gate.
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub base: Option<String>,

    /// Check what `git commit` would record: the staged content of staged
    /// documents, with links resolved against the index.
    #[arg(long)]
    pub staged: bool,

    /// Print the conventions learned from this repository's templates and
    /// documents, kind by kind, with the evidence, and exit.
    #[arg(long)]
    pub show_settings: bool,
    /// Run as the pre-commit framework's hook, PATHS being the files it
    /// passes: a commit's files are checked as `--staged` does (with the
    /// documents whose links the commit breaks); any other list
    /// (`--all-files`, `--files`) is checked in the working tree.
    #[arg(long, conflicts_with_all = ["staged", "base", "fix", "diff"])]
    pub pre_commit: bool,

    /// Apply the safe fixes (quote a SHA YAML reads as a number, rename an
    /// alias to the schema's key, a misspelled enum value, a stale
    /// `last_updated`), then report what is left.
    #[arg(long, conflicts_with_all = ["staged", "diff"])]
    pub fix: bool,

    /// Print the safe fixes as a unified diff and write nothing; exit 1
    /// when there is something to fix.
    #[arg(long, conflicts_with = "staged")]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Only the documents under these files or folders, and their
    /// neighbours.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// How to draw the graph.
    #[arg(long, value_enum, default_value_t = GraphFormat::Tree)]
    pub format: GraphFormat,

    /// Only the documents connected to this one.
    #[arg(long, value_name = "DOC")]
    pub root: Option<PathBuf>,

    /// With `--root`: at most N references away from it.
    #[arg(long, value_name = "N", requires = "root")]
    pub depth: Option<usize>,

    /// Only documents of this kind.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Only documents with graph findings (DC4xx warnings and errors) and
    /// their neighbours.
    #[arg(long)]
    pub gaps: bool,

    /// Only what changed since merge-base(REV, HEAD) (documents, and the
    /// folders of changed code) and its neighbours.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,

    /// The documents that explain the code under this file or folder.
    #[arg(long = "for", value_name = "PATH", conflicts_with = "no_code")]
    pub for_code: Option<PathBuf>,

    /// Leave out the code the documents cite.
    #[arg(long)]
    pub no_code: bool,

    /// Draw every document connected to nothing, instead of one node that
    /// counts them.
    #[arg(long)]
    pub all: bool,

    /// Skip the Git checks while building the graph (code references are
    /// then found only where written from the root or the document's
    /// folder).
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// An indented tree: each document under the documents it cites.
    Tree,
    /// A Mermaid flowchart (renders on GitHub; grouped by kind when large).
    Mermaid,
    /// Graphviz DOT (`doccheck graph --format dot | dot -Tsvg > graph.svg`).
    Dot,
    /// Nodes (kind, title, status, path; code folders) and typed edges.
    Json,
    /// An SVG picture, drawn without Graphviz.
    Svg,
    /// One self-contained HTML page: pan, zoom, search, filters, findings.
    Html,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (DC105) or name (missing-required-key).
    #[arg(required_unless_present = "all")]
    pub rule: Option<String>,

    /// Explain every rule.
    #[arg(long, conflicts_with = "rule")]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// A document kind: research, plan, pr, or one the configuration adds.
    pub kind: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source frames with labels and help (miette).
    Full,
    /// One line per finding: path:line:col: severity CODE message.
    Concise,
    /// One JSON object with a summary and every finding.
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// GitLab Code Quality JSON (line-independent fingerprints).
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
    /// SARIF 2.1.0 for code scanning (line-independent fingerprints).
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in; for example, in bash:
    /// `source <(doccheck completions bash)`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write them into, created if needed (for example
    /// `~/.local/share/man/man1`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}
