//! What each subcommand does, from parsed arguments to an [`Outcome`]. The
//! binary prints the outcome and exits with its status.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::baseline::{self, Baseline};
use crate::check::{self, Selection};
use clap::CommandFactory as _;

use crate::cli::{
    BaselineArgs, CheckArgs, Cli, ColorChoice, Command, FailOn, Format, GraphArgs, GraphFormat,
    HookCommand, HookInstallArgs, IndexArgs, IndexFormat, InitArgs, ManArgs, MetaArgs, MetaFormat,
    NewArgs, RuleArgs, SchemaArgs,
};
use crate::config;
use crate::error::{Error, Result};
use crate::project::{Overrides, Project};
use crate::report::{self, OutputFormat, Style};
use crate::rules::{self, Severity};
use crate::schema::{SchemaSource, builtin_text};

/// The process exit status: 0 clean, 1 findings, 2 doccheck could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: ExitStatus,
}

impl Outcome {
    fn print(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            status: ExitStatus::Success,
        }
    }
}

pub fn run(cli: &Cli) -> Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check(cli, args),
        Command::Graph(args) => graph(cli, args),
        Command::Rule(args) => rule(args),
        Command::Schema(args) => schema(cli, args),
        Command::Hook(HookCommand::Install(args)) => hook_install(cli, args),
        Command::Meta(args) => meta(args),
        Command::Init(args) => init(cli, args),
        Command::Baseline(args) => baseline(cli, args),
        Command::Index(args) => index(cli, args),
        Command::New(args) => new(cli, args),
        Command::Completions(args) => Ok(Outcome::print(crate::generate::completions(
            args.shell,
            Cli::command(),
        ))),
        Command::Man(args) => man(args),
    }
}

/// The style for human output: colour per `--color` and `NO_COLOR`, width
/// from `COLUMNS`.
pub fn style(choice: ColorChoice) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100);
    Style { color, width }
}

fn check(cli: &Cli, args: &CheckArgs) -> Result<Outcome> {
    if args.statistics
        && !matches!(
            args.output_format,
            Format::Full | Format::Concise | Format::Json
        )
    {
        return Err(Error::Usage(
            "--statistics prints a table, or JSON with `--output-format json`".into(),
        ));
    }
    let overrides = Overrides {
        config: cli.config.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => config::FailOn::Error,
            FailOn::Warning => config::FailOn::Warning,
            FailOn::Info => config::FailOn::Info,
        }),
        no_git: args.no_git,
        require_git: args.require_git,
    };
    let project = Project::load(start(&args.paths), &overrides)?;
    let baseline_file = match args.no_baseline {
        true => None,
        false => baseline::locate(
            args.baseline.as_deref(),
            project.baseline.as_deref(),
            &project.root,
        )?,
    };
    let mut selection = match args.pre_commit {
        true => pre_commit_selection(&project, &args.paths)?,
        false => Selection::new(&project, &args.paths)?,
    };
    selection.base = args.base.clone();
    selection.staged |= args.staged;
    let (mut report, mut docs) = check::run(&project, &selection)?;
    if args.show_settings {
        return Ok(Outcome {
            stdout: report.conventions.describe(&project.kinds),
            stderr: String::new(),
            status: ExitStatus::Success,
        });
    }
    // A gate that checked nothing must not pass: a mistyped `include` or
    // path would turn CI green. (A change or commit without documents is
    // fine, and so is a pre-commit run.)
    if report.documents == 0 && !selection.staged && args.base.is_none() && !args.pre_commit {
        return Err(Error::Usage(nothing_checked(
            &project,
            &args.paths,
            &report,
        )));
    }
    if args.diff {
        let plan = crate::author::fix::plan(&project.root, &report.diagnostics, &docs);
        let fixes = plan.files;
        let count: usize = fixes.iter().map(|f| f.fixes).sum();
        return Ok(Outcome {
            stdout: crate::author::fix::diff(&fixes),
            stderr: if cli.quiet {
                String::new()
            } else {
                format!(
                    "note: {count} fix(es) in {} file(s); `--fix` applies them\n{}",
                    fixes.len(),
                    report::notes(&changed_notices(&plan.changed))
                )
            },
            status: if fixes.is_empty() {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            },
        });
    }
    if args.fix {
        // A fix can uncover another (a renamed alias whose value then needs
        // quotes): repeat until nothing changes, so a second run has
        // nothing left to do.
        let (mut fixed, mut files) = (0, std::collections::BTreeSet::new());
        let mut changed = std::collections::BTreeSet::new();
        for _ in 0..8 {
            let plan = crate::author::fix::plan(&project.root, &report.diagnostics, &docs);
            changed.extend(plan.changed);
            let mut fixes = plan.files;
            if fixes.is_empty() {
                break;
            }
            let skipped = crate::author::fix::apply(&project.root, &fixes)?;
            fixes.retain(|f| !skipped.contains(&f.path));
            changed.extend(skipped);
            fixed += fixes.iter().map(|f| f.fixes).sum::<usize>();
            files.extend(fixes.into_iter().map(|f| f.path));
            (report, docs) = check::run(&project, &selection)?;
        }
        report.notices.push(crate::diagnostic::Notice {
            message: format!("fixed {fixed} finding(s) in {} file(s)", files.len()),
            help: None,
        });
        let changed: Vec<_> = changed.into_iter().collect();
        report.notices.extend(changed_notices(&changed));
    }
    // Known findings are still fixed above: fixing them shrinks the
    // baseline.
    if let Some(file) = &baseline_file {
        let applied = Baseline::read(file)?.unwrap_or_default().apply(&mut report);
        if !applied.stale.is_empty() {
            report.notices.push(crate::diagnostic::Notice {
                message: format!(
                    "{} finding(s) in the baseline no longer occur",
                    applied.stale.len()
                ),
                help: Some(format!(
                    "`doccheck baseline --prune` drops them from {}, so that they cannot come back unnoticed",
                    shown_path(file)
                )),
            });
        }
    }
    let show_infos = args.show_infos || project.fail_on == Severity::Info;
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let shown = report::shown(&report, show_infos);
        append(
            Path::new(&path),
            &report::summary::render(&project, &report, &shown, &docs),
        )?;
    }
    let format = match args.output_format {
        Format::Full => OutputFormat::Full,
        Format::Concise => OutputFormat::Concise,
        Format::Json => OutputFormat::Json,
        Format::Github => OutputFormat::Github,
        Format::Gitlab => OutputFormat::Gitlab,
        Format::Junit => OutputFormat::Junit,
        Format::Sarif => OutputFormat::Sarif,
    };
    let mut style = style(cli.color);
    if args.output.is_some() {
        style.color = false;
    }
    let options = report::Options {
        quiet: cli.quiet,
        show_infos,
        statistics: args.statistics,
        cwd: cwd_in(&project),
        ..report::Options::new(format, style)
    };
    check::free_in_background(docs);
    let rendered = report::render(&project, &report, &options);
    let status = if !args.exit_zero && report.fails(project.fail_on) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    let stdout = match &args.output {
        Some(path) => {
            write_file(&project.root, path, &rendered.stdout)?;
            String::new()
        }
        None => rendered.stdout,
    };
    Ok(Outcome {
        stdout,
        stderr: rendered.stderr,
        status,
    })
}

/// `--pre-commit`: the files the pre-commit framework passed. When every
/// one of them is staged, the framework is judging a commit: the staged
/// change is checked as `--staged` does, and of the staged documents only
/// these are reported (the hook's own `exclude` holds), with what the
/// commit breaks in other documents. Any other list (`pre-commit run
/// --all-files`, `--files`, `--from-ref`) names the files to check in the
/// working tree. Files that are not documents (the configuration) only make
/// the hook run.
fn pre_commit_selection(project: &Project, paths: &[PathBuf]) -> Result<Selection> {
    let named: Vec<String> = paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| Selection::relative(project, p).ok())
        .filter(|rel| project.filter.accepts(rel))
        .collect();
    let staged: Option<std::collections::HashSet<String>> = crate::git::Index::read(&project.root)
        .ok()
        .map(|index| index.staged().map(|e| e.path.to_owned()).collect());
    match staged {
        Some(staged) if named.iter().all(|p| staged.contains(p)) => {
            let mut selection = Selection::default();
            selection.staged = true;
            selection.staged_named = (!named.is_empty()).then(|| named.into_iter().collect());
            Ok(selection)
        }
        _ => {
            let files: Vec<PathBuf> = named.iter().map(|rel| project.root.join(rel)).collect();
            Selection::new(project, &files)
        }
    }
}

/// The current folder relative to the project root, when it is inside it.
fn cwd_in(project: &Project) -> Option<String> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    cwd.strip_prefix(&project.root)
        .ok()
        .map(crate::discover::to_slash)
}

/// A path for a message: relative to the current folder when under it.
fn shown_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

fn baseline(cli: &Cli, args: &BaselineArgs) -> Result<Outcome> {
    let overrides = Overrides {
        config: cli.config.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        no_git: args.no_git,
        ..Overrides::default()
    };
    let project = Project::load(start(&args.paths), &overrides)?;
    let selection = Selection::new(&project, &args.paths)?;
    let (message, notices) =
        write_baseline(&project, &selection, args.file.as_deref(), args.prune)?;
    let mut outcome = Outcome::print(message);
    if !cli.quiet {
        outcome.stderr = report::notes(&notices);
    }
    Ok(outcome)
}

/// Records (or, with `prune`, prunes) the baseline at `file` (default: the
/// configured one, else `.doccheck-baseline.json` in the project root)
/// from a run over `selection`. Returns what it did, and the run's notes.
fn write_baseline(
    project: &Project,
    selection: &Selection,
    file: Option<&Path>,
    prune: bool,
) -> Result<(String, Vec<crate::diagnostic::Notice>)> {
    let file = match file {
        Some(file) => file.to_path_buf(),
        None => project
            .baseline
            .clone()
            .unwrap_or_else(|| project.root.join(baseline::DEFAULT_FILE)),
    };
    let old = Baseline::read(&file)?;
    if prune && old.is_none() {
        return Err(Error::Usage(format!(
            "there is no baseline at {} to prune",
            shown_path(&file)
        )));
    }
    let old = old.unwrap_or_default();
    let (report, _) = check::run(project, selection)?;
    let new = match prune {
        true => old.prune(&report),
        false => old.record(&report),
    };
    let changed = new.write(&file)?;
    let name = shown_path(&file);
    let (entries, files) = (new.entries.len(), new.files());
    let dropped = old.entries.len() - new.entries.len().min(old.entries.len());
    let message = match (prune, changed) {
        (_, false) => format!("{name} is up to date: {entries} finding(s) in {files} file(s)"),
        (true, true) => format!(
            "pruned {dropped} entr{} from {name}: {entries} finding(s) in {files} file(s) remain",
            if dropped == 1 { "y" } else { "ies" }
        ),
        (false, true) => format!(
            "wrote {name}: {entries} finding(s) in {files} file(s); `doccheck check` reports only new ones"
        ),
    };
    Ok((message + "\n", report.notices))
}

/// Why `check` found no document to check.
fn nothing_checked(project: &Project, paths: &[PathBuf], report: &check::Report) -> String {
    let place = if paths.is_empty() {
        project.root.display().to_string()
    } else {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut message = if report.notices.is_empty() {
        format!(
            "nothing to check: no document in {place} matches `include` ({})",
            project
                .filter
                .include_patterns()
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!("nothing to check in {place}")
    };
    for notice in &report.notices {
        message.push_str(&format!("\n  {}", notice.message));
    }
    message.push_str(
        "\n  help: fix `include`/`exclude` in the configuration or the paths given; templates are never checked",
    );
    message
}

/// Notices for the files `--fix` left alone because they changed after
/// they were checked.
fn changed_notices(paths: &[std::sync::Arc<str>]) -> Vec<crate::diagnostic::Notice> {
    paths
        .iter()
        .map(|path| crate::diagnostic::Notice {
            message: format!(
                "{path} changed while doccheck was checking it; its fixes were not made"
            ),
            help: Some("run `doccheck check --fix` again".into()),
        })
        .collect()
}

fn index(cli: &Cli, args: &IndexArgs) -> Result<Outcome> {
    let project = Project::load(
        Path::new("."),
        &Overrides {
            config: cli.config.clone(),
            // The index needs the documents, not the Git checks.
            no_git: true,
            ..Overrides::default()
        },
    )?;
    let (_, docs) = check::run(&project, &Selection::new(&project, &[])?)?;
    // The folder the index goes to, relative to the project root, for its
    // links; it may not exist yet.
    let folder = match &args.output {
        Some(path) => {
            let cwd = Selection::relative(&project, Path::new("."))?;
            let dir = crate::discover::to_slash(path.parent().unwrap_or(Path::new("")));
            crate::paths::normalize(&format!("{cwd}/{dir}"))
                .ok_or_else(|| Error::Usage(format!("{} is outside the project", path.display())))?
        }
        None => String::new(),
    };
    let format = match args.format {
        IndexFormat::Md => crate::author::index::Format::Markdown,
        IndexFormat::Json => crate::author::index::Format::Json,
    };
    let text = crate::author::index::render(&project.kinds, &docs, format, &folder);
    let Some(path) = &args.output else {
        return Ok(Outcome::print(text));
    };
    let target = crate::write::inside(&project.root, path)?;
    let current = crate::check::document::read_inside(&project.root, &target)
        .ok()
        .map(String::into_bytes);
    if args.check {
        return Ok(if current.as_deref() == Some(text.as_bytes()) {
            Outcome::print(String::new())
        } else {
            Outcome {
                stdout: String::new(),
                stderr: format!(
                    "{} is {}: run `doccheck index --output {}` and commit it\n",
                    path.display(),
                    if current.is_some() {
                        "stale"
                    } else {
                        "missing"
                    },
                    path.display()
                ),
                status: ExitStatus::Failure,
            }
        });
    }
    if let Some(current) = &current
        && !args.force
        && !crate::author::index::is_generated(current)
    {
        return Err(Error::Usage(format!(
            "{} is not an index doccheck wrote; pass --force to replace it",
            path.display()
        )));
    }
    if target.symlink_metadata().is_ok_and(|m| !m.is_file()) {
        return Err(Error::Usage(format!(
            "{} is not a regular file; doccheck does not replace it",
            path.display()
        )));
    }
    if current.as_deref() != Some(text.as_bytes()) {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        crate::write::atomic(&target, text.as_bytes(), crate::write::mode_of(&target))?;
    }
    Ok(Outcome::print(String::new()))
}

fn init(cli: &Cli, args: &InitArgs) -> Result<Outcome> {
    use crate::author::init;
    let here = Path::new(".");
    // What is here, under the built-in conventions: which documents, of
    // which kinds, where. No rule needs to run for that.
    let surveyed = Project::builtin(
        here,
        &Overrides {
            ignore: vec!["ALL".into()],
            no_git: true,
            ..Overrides::default()
        },
    )?;
    let (report, docs) = check::run(&surveyed, &Selection::default())?;
    let survey = init::survey(&surveyed, &docs, &report.conventions);
    let options = init::Options {
        force: args.force,
        pyproject: args.pyproject,
        top_level: args.top_level,
    };
    let written = init::init(&surveyed.root, &survey, &options)?;
    let mut stdout: String = written.iter().map(|w| w.line() + "\n").collect();
    stdout.push_str(&match survey.documents() {
        0 => "found no documents yet: the configuration lists every kind\n".to_owned(),
        n => format!("found {n} document(s): {}\n", survey.counts()),
    });
    let mut stderr = String::new();
    if args.baseline {
        let project = Project::load(
            here,
            &Overrides {
                config: cli.config.clone(),
                ..Overrides::default()
            },
        )?;
        let selection = Selection::new(&project, &[])?;
        let (message, notices) = write_baseline(&project, &selection, None, false)?;
        stdout.push_str(&message);
        if !cli.quiet {
            stderr = report::notes(&notices);
        }
    } else if survey.documents() > 0 && !cli.quiet {
        stdout.push_str(
            "next: `doccheck check --statistics` counts today's findings by rule; `doccheck baseline` records them, so that `doccheck check` reports only new ones\n",
        );
    }
    Ok(Outcome {
        stdout,
        stderr,
        status: ExitStatus::Success,
    })
}

/// The project holding the current folder, with `--config` applied.
fn project_here(cli: &Cli) -> Result<Project> {
    Project::load(
        Path::new("."),
        &Overrides {
            config: cli.config.clone(),
            ..Overrides::default()
        },
    )
}

fn meta(args: &MetaArgs) -> Result<Outcome> {
    let meta = crate::author::meta::Meta::collect(Path::new("."))?;
    Ok(Outcome::print(match args.format {
        MetaFormat::Yaml => meta.yaml(),
        MetaFormat::Json => meta.json(),
    }))
}

fn new(cli: &Cli, args: &NewArgs) -> Result<Outcome> {
    let project = project_here(cli)?;
    let related: Vec<String> = args
        .related
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let rel = crate::author::new::create(&project, &args.kind, &args.topic, &related)?;
    Ok(Outcome::print(format!("{}\n", project.display_path(&rel))))
}

fn hook_install(cli: &Cli, args: &HookInstallArgs) -> Result<Outcome> {
    let project = Project::load(
        &args.path,
        &Overrides {
            config: cli.config.clone(),
            ..Overrides::default()
        },
    )?;
    let exe = std::env::current_exe().ok();
    let installed = crate::hook::install(&project.root, exe.as_deref(), args.force)?;
    Ok(Outcome::print(format!("{}\n", installed.message())))
}

/// Writes every man page into the folder, each atomically, and lists them.
fn man(args: &ManArgs) -> Result<Outcome> {
    let pages = crate::generate::man_pages(Cli::command())
        .map_err(|e| Error::io("cannot render the man pages", e))?;
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| Error::io(format!("cannot create {}", args.dir.display()), e))?;
    let mut written = String::new();
    for (name, roff) in pages {
        let path = args.dir.join(name);
        crate::write::atomic(&path, &roff, None)?;
        written.push_str(&format!("{}\n", path.display()));
    }
    Ok(Outcome::print(written))
}

/// Appends to a file, as GitHub's step summary protocol asks.
fn append(path: &Path, text: &str) -> Result<()> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| {
            Error::io(
                format!("cannot append the summary to {}", path.display()),
                e,
            )
        })
}

/// Writes a report atomically. A path inside the project must stay inside
/// it (no link out); one outside it (`$RUNNER_TEMP/report.sarif`) is the
/// user's choice.
fn write_file(root: &Path, path: &Path, text: &str) -> Result<()> {
    let cwd = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .map_err(|e| Error::io("cannot resolve the current directory", e))?;
    let abs = cwd.join(path);
    let target = if abs.starts_with(root) {
        crate::write::inside(root, &abs)?
    } else {
        abs
    };
    crate::write::atomic(&target, text.as_bytes(), crate::write::mode_of(&target))
}

fn graph(cli: &Cli, args: &GraphArgs) -> Result<Outcome> {
    use crate::graph::{html, picture, render};
    let overrides = Overrides {
        config: cli.config.clone(),
        no_git: args.no_git,
        ..Overrides::default()
    };
    let project = Project::load(Path::new("."), &overrides)?;
    // A bad revision stops the run before the work.
    let changed = match &args.since {
        Some(rev) => Some(
            check::gate::change_since(&project, rev)
                .map_err(|e| match e {
                    Error::Git(m) => Error::Git(m.replacen("--base", "--since", 1)),
                    e => e,
                })?
                .changed,
        ),
        None => None,
    };
    let (report, docs) = check::run(&project, &Selection::default())?;
    let graph = crate::graph::Graph::build(&docs);
    let root = match &args.root {
        None => None,
        Some(path) => {
            let rel = Selection::relative(&project, path)?;
            Some(*graph.index.get(rel.as_str()).ok_or_else(|| {
                Error::Usage(format!(
                    "{} is not a document doccheck checks",
                    path.display()
                ))
            })?)
        }
    };
    if let Some(kind) = &args.kind
        && project.kinds.by_name(kind).is_none()
    {
        return Err(Error::Usage(format!("there is no document kind `{kind}`")));
    }
    let under = args
        .paths
        .iter()
        .map(|p| Selection::relative(&project, p))
        .collect::<Result<Vec<_>>>()?;
    let code_under = match &args.for_code {
        Some(path) => Some(Selection::relative(&project, path).map_err(|_| {
            Error::Usage(format!(
                "--for {}: no such file or folder in the project",
                path.display()
            ))
        })?),
        None => None,
    };
    let code = match args.no_code {
        true => Vec::new(),
        false => picture::code_targets(&graph, &report.readings, &project.root),
    };
    let view = picture::View {
        kind: args.kind.clone(),
        under,
        root: root.map(|r| (r, args.depth)),
        gaps: args.gaps,
        seeds: changed,
        code_under,
        code: !args.no_code,
        all: args.all,
    };
    let picture = picture::Picture::build(
        &graph,
        &project.kinds,
        &project.prefix,
        &report.diagnostics,
        &code,
        &view,
    );
    let format = match args.format {
        GraphFormat::Tree => render::Format::Tree,
        GraphFormat::Mermaid => render::Format::Mermaid,
        GraphFormat::Dot => render::Format::Dot,
        GraphFormat::Json => render::Format::Json,
        GraphFormat::Svg => render::Format::Svg,
        GraphFormat::Html => render::Format::Html,
    };
    let findings = match format {
        render::Format::Html => {
            html::Findings::collect(&graph, &project.root, &report.diagnostics, &report.texts)
        }
        _ => html::Findings::default(),
    };
    let mut outcome = Outcome::print(render::render(&picture, format, &findings));
    if !cli.quiet {
        outcome.stderr = report::notes(&report.notices);
    }
    Ok(outcome)
}

fn rule(args: &RuleArgs) -> Result<Outcome> {
    let explain = |r: &rules::RuleMeta| {
        format!(
            "# {} {}\n\nDefault severity: {}\n\n{}",
            r.code,
            r.name,
            r.default_severity,
            r.documentation()
        )
    };
    if args.all {
        let all: Vec<String> = rules::ALL.iter().map(|r| explain(r)).collect();
        return Ok(Outcome::print(all.join("\n")));
    }
    let key = args.rule.as_deref().unwrap_or_default();
    match rules::find(key) {
        Some(r) => Ok(Outcome::print(explain(r))),
        None => {
            let names = rules::ALL.iter().flat_map(|r| [r.code, r.name]);
            let hint = crate::suggest::closest(key, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            Err(Error::Usage(format!(
                "`{key}` is not a rule code or name{hint} (`doccheck rule --all` lists every rule)"
            )))
        }
    }
}

fn schema(cli: &Cli, args: &SchemaArgs) -> Result<Outcome> {
    let project = project_here(cli)?;
    let kinds = &project.kinds;
    let Some(id) = kinds.by_name(&args.kind) else {
        let names: Vec<&str> = kinds.iter().map(|(_, k)| k.name.as_str()).collect();
        return Err(Error::Usage(format!(
            "there is no document kind `{}`; kinds: {}",
            args.kind,
            names.join(", ")
        )));
    };
    let Some(schema) = &kinds.get(id).schema else {
        return Err(Error::Usage(format!(
            "the `{}` kind has no schema",
            args.kind
        )));
    };
    let text = match &schema.source {
        SchemaSource::Builtin(name) => builtin_text(name).unwrap_or_default().to_owned(),
        SchemaSource::File(rel) => {
            crate::check::document::read_inside(&project.root, &project.root.join(rel))
                .map_err(|reason| Error::Usage(format!("cannot read {rel}: {reason}")))?
        }
    };
    Ok(Outcome::print(text))
}

/// Where the project is searched for: the first path named, else here.
fn start(paths: &[PathBuf]) -> &Path {
    paths.first().map_or(Path::new("."), PathBuf::as_path)
}
