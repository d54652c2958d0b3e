//! End-to-end benchmark: generates Git repositories in the default layout
//! and times `doccheck check` on them.
//!
//! ```text
//! cargo bench --bench check                          # N = 10,000
//! cargo bench --bench check -- 20000 100000 history  # several sizes, and the realistic history
//! ```
//!
//! For each size N: a repository with one commit per document (up to
//! 100,000), each document citing its own commit, with sections, code
//! references and ten links. The full check, `--no-git`, links only
//! (`--select DC3`), `git cat-file --batch-check` on the cited SHAs and,
//! when installed, ripgrep reading the same tree (the floor: every file read
//! once) and lychee `--offline --include-fragments` run in turn, round
//! after round (`DOCCHECK_BENCH_ROUNDS`, default 5): medians of wall and CPU
//! time, peak resident memory (from `wait4`), and the ratios. Then a
//! 10,000-entry baseline and `check --staged` with one staged document.
//! Between sizes, how time grows. With `history`: a realistic history
//! (10,000 documents edited across 16,600 commits) and what the
//! history-based rules cost on it without and with the cache under `.git/`.
//! With `DOCCHECK_BENCH_DIR=/some/dir` the generated repositories are kept
//! there (one folder per size) for profiling.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let history = args.iter().any(|a| a == "history");
    let sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() && !history {
        vec![10_000]
    } else {
        sizes
    };
    let rounds: usize = std::env::var("DOCCHECK_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let temp = tempfile::tempdir().expect("a temporary directory");
    let folder = |name: &str| match std::env::var_os("DOCCHECK_BENCH_DIR") {
        Some(base) => {
            let dir = Path::new(&base).join(name);
            std::fs::create_dir_all(&dir).expect("the bench folder");
            dir
        }
        None => temp.path().join(name),
    };
    let floors = Floors::find();
    let mut totals: Vec<(usize, Duration)> = Vec::new();
    for n in sizes {
        let dir = folder(&n.to_string());
        if !dir.join(".git").exists() {
            std::fs::create_dir_all(&dir).expect("the bench folder");
            generate(&dir, n);
        }
        // Measure a settled machine: new files written back, caches warm.
        let _ = Command::new("sync").status();
        run(&dir, &[]);
        let mut commands: Vec<(&str, Runner)> = vec![
            ("check", Runner::Doccheck(&[])),
            ("check --no-git", Runner::Doccheck(&["--no-git"])),
            ("check --select DC3", Runner::Doccheck(&["--select", "DC3"])),
            ("git cat-file --batch-check", Runner::CatFile),
        ];
        if floors.rg {
            commands.push(("rg (floor)", Runner::Ripgrep));
        }
        if floors.lychee {
            commands.push(("lychee --offline --include-fragments", Runner::Lychee));
        }
        let measured = interleaved(&dir, &commands, rounds);
        println!("\n{n} documents, medians of {rounds} interleaved runs (CPU = user + system):");
        println!(
            "  {:<40} {:>9} {:>9} {:>11} {:>9}",
            "command", "wall", "CPU", "peak RSS", "per doc"
        );
        for (name, m) in &measured {
            println!(
                "  {name:<40} {:>7.0}ms {:>7.0}ms {:>8.1} MB {:>6.2} KB",
                ms(m.wall),
                ms(m.cpu),
                m.rss_kb as f64 / 1024.0,
                m.rss_kb as f64 / n as f64,
            );
        }
        let get = |name: &str| measured.iter().find(|(c, _)| *c == name).map(|(_, m)| m);
        let check = get("check").expect("the check was measured");
        totals.push((n, check.wall));
        if let Some(rg) = get("rg (floor)") {
            println!(
                "  check / rg: {:.1}x wall, {:.1}x CPU",
                ratio(check.wall, rg.wall),
                ratio(check.cpu, rg.cpu)
            );
        }
        if let Some(lychee) = get("lychee --offline --include-fragments") {
            let links = get("check --select DC3").expect("links were measured");
            println!(
                "  check --select DC3 / lychee: {:.2}x wall; check / lychee: {:.2}x wall",
                ratio(links.wall, lychee.wall),
                ratio(check.wall, lychee.wall)
            );
        }
        let with_baseline = baseline(&dir, n, temp.path());
        println!(
            "  with a 10,000-entry baseline: {:.0} ms (without: {:.0} ms)",
            ms(with_baseline),
            ms(check.wall),
        );
        let (edited, renamed) = staged(&dir, rounds.max(5));
        println!(
            "  --staged, one document (median): edited {:.0} ms, a heading renamed {:.0} ms",
            ms(edited),
            ms(renamed),
        );
    }
    for pair in totals.windows(2) {
        let ((a, ta), (b, tb)) = (pair[0], pair[1]);
        println!(
            "\ntime {b}/{a} documents: {:.2} (linear: {:.2})",
            ratio(tb, ta),
            b as f64 / a as f64
        );
    }
    if history {
        let dir = folder("history");
        if !dir.join(".git").exists() {
            std::fs::create_dir_all(&dir).expect("the bench folder");
            realistic_history(&dir);
        }
        history_cost(&dir, rounds);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// The tools the check is compared with, when installed.
struct Floors {
    rg: bool,
    lychee: bool,
}

impl Floors {
    fn find() -> Floors {
        let works = |tool: &str| {
            Command::new(tool)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let floors = Floors {
            rg: works("rg"),
            lychee: works("lychee"),
        };
        if !floors.rg {
            println!("(ripgrep is not installed: no floor)");
        }
        if !floors.lychee {
            println!("(lychee is not installed: no comparison)");
        }
        floors
    }
}

#[derive(Clone, Copy)]
enum Runner {
    Doccheck(&'static [&'static str]),
    /// doccheck without the cache it keeps under `.git/`.
    Cold(&'static [&'static str]),
    CatFile,
    /// ripgrep reading every file of the tree and counting link openers:
    /// the cost of reading the text once.
    Ripgrep,
    /// lychee checking every Markdown file's links and fragments offline.
    Lychee,
}

#[derive(Clone, Copy, Default)]
struct Measure {
    wall: Duration,
    cpu: Duration,
    rss_kb: i64,
}

/// Runs every command `rounds` times, one after the other in turn, so that
/// a busy moment of the machine is shared among them; the median of each.
fn interleaved<'a>(
    dir: &Path,
    commands: &[(&'a str, Runner)],
    rounds: usize,
) -> Vec<(&'a str, Measure)> {
    let mut all: Vec<Vec<Measure>> = vec![Vec::new(); commands.len()];
    for _ in 0..rounds {
        for (i, (_, runner)) in commands.iter().enumerate() {
            all[i].push(measure(dir, *runner));
        }
    }
    commands
        .iter()
        .zip(all)
        .map(|((name, _), runs)| (*name, median(runs)))
        .collect()
}

fn median(mut runs: Vec<Measure>) -> Measure {
    let mid = runs.len() / 2;
    let mut out = Measure::default();
    runs.sort_by_key(|m| m.wall);
    out.wall = runs[mid].wall;
    runs.sort_by_key(|m| m.cpu);
    out.cpu = runs[mid].cpu;
    out.rss_kb = runs.iter().map(|m| m.rss_kb).max().unwrap_or_default();
    out
}

fn measure(dir: &Path, runner: Runner) -> Measure {
    match runner {
        Runner::Doccheck(args) => {
            let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
            command
                .args(["check", "--output-format", "concise", "-q"])
                .args(args);
            spawn(dir, command, &[0, 1])
        }
        Runner::Cold(args) => {
            // Not timed: the next run finds no cache.
            let _ = std::fs::remove_dir_all(dir.join(".git/doccheck"));
            measure(dir, Runner::Doccheck(args))
        }
        Runner::CatFile => cat_file(dir),
        Runner::Ripgrep => {
            let mut command = Command::new("rg");
            command.args(["--count", r"\]\(", "."]);
            spawn(dir, command, &[0, 1])
        }
        Runner::Lychee => {
            let mut command = Command::new("lychee");
            command.args([
                "--offline",
                "--include-fragments",
                "--no-progress",
                "--format",
                "compact",
                ".",
            ]);
            spawn(dir, command, &[0, 2])
        }
    }
}

/// Runs `command` in `dir`; its wall time, CPU time and peak RSS.
fn spawn(dir: &Path, mut command: Command, ok: &[i32]) -> Measure {
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which also reports its resources"
    )]
    let child = command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid is valid and not yet reaped.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let wall = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && ok.contains(&libc::WEXITSTATUS(status)),
        "{command:?} failed: {status}"
    );
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Measure {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        rss_kb: usage.ru_maxrss,
    }
}

/// `check --staged` with one staged document: its text edited (nothing
/// else is read), then a heading renamed (every document is searched for
/// links to it); medians of `rounds` runs after a warm-up. The index and
/// working tree are restored afterwards.
fn staged(root: &Path, rounds: usize) -> (Duration, Duration) {
    let dir = root.join("thoughts/shared/research");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the research folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    names.sort();
    let doc = dir.join(&names[0]);
    let original = std::fs::read_to_string(&doc).expect("a document");
    let median = |text: String| {
        std::fs::write(&doc, text).expect("the document is written");
        git(root, &["add", "-A"]);
        run(root, &["--staged"]);
        let mut runs: Vec<Duration> = (0..rounds).map(|_| run(root, &["--staged"]).0).collect();
        runs.sort();
        runs[runs.len() / 2]
    };
    let edited = median(format!("{original}\nEdited.\n"));
    let renamed = median(original.replace("## Summary", "## Overview"));
    std::fs::write(&doc, &original).expect("the document is restored");
    git(root, &["add", "-A"]);
    (edited, renamed)
}

/// The full check with a baseline of 10,000 entries for as many documents
/// (written outside the tree, so the other runs do not read it): reading
/// it, matching every finding against it and finding the entries that no
/// longer occur. Best of 5.
fn baseline(root: &Path, n: usize, scratch: &Path) -> Duration {
    let research = root.join("thoughts/shared/research");
    let mut names: Vec<String> = std::fs::read_dir(&research)
        .expect("the research folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut text = String::from("{\n  \"version\": 1,\n  \"findings\": [");
    for i in 0..10_000 {
        let name = &names[i % names.len().min(n)];
        let _ = write!(
            text,
            "{}\n    {{\"path\": \"thoughts/shared/research/{name}\", \"code\": \"DC301\", \"fingerprint\": \"{i:016x}\", \"message\": \"link target `thoughts/shared/research/gone-{i}.md` does not exist\"}}",
            if i == 0 { "" } else { "," }
        );
    }
    text.push_str("\n  ]\n}\n");
    let file = scratch.join("baseline.json");
    std::fs::write(&file, text).expect("the baseline is written");
    let file = file.to_string_lossy().into_owned();
    run(root, &["--baseline", &file]);
    (0..5)
        .map(|_| run(root, &["--baseline", &file]).0)
        .min()
        .unwrap_or_default()
}

/// `git cat-file --batch-check` on the SHAs the documents cite.
fn cat_file(root: &Path) -> Measure {
    let list = std::fs::read(root.join("cited.txt")).expect("the list of cited SHAs");
    let input = root.join(".git/cited.txt");
    std::fs::write(&input, list).expect("the list is written");
    let mut command = Command::new("sh");
    command.args(["-c", "git cat-file --batch-check < .git/cited.txt"]);
    spawn(root, command, &[0])
}

/// Runs doccheck once; returns the wall time and the peak RSS in KiB.
fn run(root: &Path, extra: &[&str]) -> (Duration, i64) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
    command
        .args(["check", "--output-format", "concise", "-q"])
        .args(extra);
    let m = spawn(root, command, &[0, 1]);
    (m.wall, m.rss_kb)
}

fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A repository with one commit per document (up to 100,000, written with
/// `git fast-import`) and `n` documents: 50% research, 35% plans, 15% PR
/// write-ups, each with full frontmatter citing its own commit, sections,
/// links to neighbours and code references.
fn generate(root: &Path, n: usize) {
    git(root, &["init", "-q", "-b", "main"]);
    let source: String = (1..=300).map(|i| format!("line_{i} = {i}\n")).collect();
    let commits = n.clamp(1, 100_000);
    let mut stream = String::with_capacity(commits * 120 + source.len());
    let start = 1_700_000_000u64;
    for c in 0..commits {
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter bench <bench@example.com> {} +0000\ndata 9\ncommit {:<2}\n",
            start + c as u64,
            c % 100
        );
        if c == 0 {
            let _ = write!(
                stream,
                "M 100644 inline src/config.py\ndata {}\n{source}\n",
                source.len()
            );
        }
        let line = format!("{c}\n");
        let _ = write!(
            stream,
            "M 100644 inline history.txt\ndata {}\n{line}\n",
            line.len()
        );
    }
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    std::io::Write::write_all(&mut import.stdin.take().expect("stdin"), stream.as_bytes())
        .expect("the history is written");
    assert!(import.wait().expect("fast-import finishes").success());
    git(root, &["reset", "-q", "--hard", "main"]);
    git(root, &["commit-graph", "write", "--reachable"]);
    let shas: Vec<String> = git(root, &["rev-list", "main"])
        .lines()
        .map(|l| l[..10].to_owned())
        .collect();
    std::fs::write(
        root.join("cited.txt"),
        (0..n)
            .map(|i| format!("{}\n", shas[i % shas.len()]))
            .collect::<String>(),
    )
    .unwrap();
    let today = doccheck::dates::format_day(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("a clock after 1970")
            .as_secs() as i64,
    );

    let dirs = ["research", "plans", "prs"];
    for d in dirs {
        std::fs::create_dir_all(root.join("thoughts/shared").join(d)).unwrap();
    }
    let kind = |i: usize| match i % 20 {
        0..=9 => "research",
        10..=16 => "plans",
        _ => "prs",
    };
    // Named as the `spec_metadata` convention wants, with the date the
    // frontmatter gives: a clean repository, not one finding per file.
    let name = |i: usize| format!("{today}_23-59_topic-{i}.md");
    for i in 0..n {
        let mut text = String::with_capacity(1600);
        let _ = write!(
            text,
            "---\ndate: {today}T23:59:59Z\nresearcher: beth\ngit_commit: \"{}\"\nbranch: main\n\
             repository: bench\ntopic: \"Topic number {i}: data versioning\"\ntags: [mlops, bench, t{}]\n\
             status: complete\nlast_updated: {today}\nlast_updated_by: beth\n",
            shas[i % shas.len()],
            i % 50
        );
        if kind(i) == "plans" {
            let research = (i / 20) * 20 + i % 10;
            let _ = writeln!(
                text,
                "related_research: thoughts/shared/research/{}",
                name(research)
            );
        }
        let prev = i.saturating_sub(20);
        let _ = write!(
            text,
            "---\n\n# {} {i}\n\n## Research Question\n\nHow are outputs, checkpoints and data versions \
             saved for run {i}? See [the previous note](../{}/{}) and [its summary](../{}/{}#summary).\n\n\
             ## Summary\n\nRuns write to timestamped folders and keep their `run_config.yaml`. The \
             `RunContext` class creates the folder and saves the configuration with the data version.\n\n\
             ## Detailed Findings\n\n### Storage\n\n- Raw data is immutable.\n- Interim stages are \
             checkpoints.\n- Processed data is versioned by commit.\n\n## Code References\n\n\
             | File:Line | Description |\n|---|---|\n| `src/config.py:183-243` | RunContext class |\n\
             | `src/config.py:10` | Settings |\n\n## Open Questions\n\n1. Should the registry follow MLflow?\n\n\
             ## Related\n\n",
            kind(i),
            kind(prev),
            name(prev),
            kind(prev),
            name(prev),
        );
        // Eight more links to earlier documents and their sections: ten
        // links per document in all.
        for k in 1..=8 {
            let j = i.saturating_sub(k * 3);
            let anchor = ["summary", "code-references", "research-question", "storage"][k % 4];
            let _ = writeln!(
                text,
                "- [{} {j}](../{}/{}#{anchor})",
                kind(j),
                kind(j),
                name(j)
            );
        }
        std::fs::write(
            root.join("thoughts/shared").join(kind(i)).join(name(i)),
            text,
        )
        .unwrap();
    }
    std::fs::write(root.join(".gitignore"), "cited.txt\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "documents"]);
}

/// The rules that read the history beyond the cited commits: staleness
/// (DC210), suspect links (DC407) and code references (DC208, DC209,
/// DC212), which look at the history when a reference's file moved.
const HISTORY_RULES: &str = "DC208,DC209,DC210,DC212,DC407";

/// What the history-based rules cost on the realistic history, cold (no
/// cache under `.git/`) and warm, against the same check without them.
fn history_cost(dir: &Path, rounds: usize) {
    let _ = Command::new("sync").status();
    run(dir, &[]);
    let commands = [
        ("check, no cache", Runner::Cold(&[])),
        ("check, warm cache", Runner::Doccheck(&[])),
        (
            "check without the history rules",
            Runner::Doccheck(&["--ignore", HISTORY_RULES]),
        ),
    ];
    let measured = interleaved(dir, &commands, rounds);
    let documents = 10_000;
    println!(
        "\nrealistic history ({documents} documents edited across {} commits), medians of {rounds} interleaved runs:",
        git(dir, &["rev-list", "--count", "HEAD"])
    );
    for (name, m) in &measured {
        println!(
            "  {name:<40} {:>7.0}ms wall {:>7.0}ms CPU {:>8.1} MB",
            ms(m.wall),
            ms(m.cpu),
            m.rss_kb as f64 / 1024.0
        );
    }
    let (cold, warm, off) = (measured[0].1, measured[1].1, measured[2].1);
    let added = |m: Measure| ms(m.wall) - ms(off.wall);
    println!(
        "  the history rules ({HISTORY_RULES}) add {:.0} ms cold, {:.0} ms with a warm cache",
        added(cold),
        added(warm)
    );
}

/// A repository whose history looks like a team's: 10,000 documents added
/// and edited one commit at a time among code changes, 16,600 commits in
/// all (written with `git fast-import`, in chunks so that documents can
/// cite the commits before them). Documents cite a recent commit, name
/// code at it by line range (the code then grows, shrinks and moves), link
/// to earlier documents; some edits forget to bump `last_updated`, some
/// only bump it, and one document in fifty names a file that never
/// existed.
fn realistic_history(root: &Path) {
    const DOCS: usize = 10_000;
    const COMMITS: usize = 16_600;
    const CHUNK: usize = 500;
    const FILES: usize = 50;
    git(root, &["init", "-q", "-b", "main"]);
    let marks = root.join(".git/bench-marks");
    let start = 1_600_000_000i64;
    let day = |c: usize| doccheck::dates::format_day(start + c as i64 * 3_600);
    let kind = |i: usize| match i % 20 {
        0..=9 => "research",
        10..=16 => "plans",
        _ => "prs",
    };
    // Each code file's folder and length, now and at each chunk's last
    // commit (what the documents of the next chunks cite).
    let mut code: Vec<(&str, usize)> = vec![("src", 200); FILES];
    let mut snapshots: Vec<(String, Vec<(&str, usize)>)> = Vec::new();
    let mut names: Vec<String> = Vec::with_capacity(DOCS);
    let mut added = 0usize;
    let source = |k: usize, lines: usize| -> String {
        (1..=lines)
            .map(|i| format!("value_{k}_{i} = {i}\n"))
            .collect()
    };
    let document = |i: usize,
                    c: usize,
                    cited: &(String, Vec<(&str, usize)>),
                    names: &[String],
                    version: usize,
                    bumped: usize| {
        let (sha, lengths) = cited;
        let (a, b) = (i % FILES, (i * 7 + 3) % FILES);
        let mut text = format!(
            "---\ndate: {}T10:00:00Z\nresearcher: beth\ngit_commit: {}\nbranch: main\nrepository: bench\n\
             topic: \"Topic {i}\"\ntags: [mlops, t{}]\nstatus: complete\nlast_updated: {}\nlast_updated_by: beth\n",
            day(c),
            &sha[..10],
            i % 20,
            day(bumped),
        );
        if kind(i) == "plans" && i >= 20 {
            let research = (i / 20 - 1) * 20 + i % 10;
            let _ = writeln!(
                text,
                "related_research: thoughts/shared/research/{}",
                names[research]
            );
        }
        let _ = write!(
            text,
            "---\n\n# {} {i}\n\n## Summary\n\nVersion {version} of the note on run {i}.\n\n\
             ## Code References\n\n- `{}/mod_{a}.py:{}-{}` loads the data\n- `{}/mod_{b}.py:{}` saves the run\n",
            kind(i),
            lengths[a].0,
            lengths[a].1 / 2,
            lengths[a].1,
            lengths[b].0,
            lengths[b].1,
        );
        if i % 50 == 7 {
            let _ = writeln!(text, "- `src/never_{i}.py:10` was planned");
        }
        text.push_str("\n## Related\n\n");
        for k in 1..=4 {
            if let Some(j) = i.checked_sub(k * 5) {
                let anchor = ["summary", "code-references", "related"][k % 3];
                let _ = writeln!(
                    text,
                    "- [{} {j}](../{}/{}#{anchor})",
                    kind(j),
                    kind(j),
                    names[j]
                );
            }
        }
        text
    };
    // Each document's version, the commit of its last `last_updated`
    // bump and the commit that added it.
    let mut state: Vec<(usize, usize, usize)> = Vec::with_capacity(DOCS);
    let mut doc_commits = 0usize;
    let mut stream = String::new();
    for c in 0..COMMITS {
        let time = start + c as i64 * 3_600;
        let _ = write!(
            stream,
            "commit refs/heads/main\nmark :{}\nauthor bench <bench@example.com> {time} +0000\n\
             committer bench <bench@example.com> {time} +0000\ndata 13\ncommit {c:<5}\n",
            c + 1
        );
        fn file(stream: &mut String, path: &str, text: &str) {
            let _ = write!(
                stream,
                "M 100644 inline {path}\ndata {}\n{text}\n",
                text.len()
            );
        }
        if c == 0 {
            for (k, (folder, lines)) in code.iter().enumerate() {
                file(
                    &mut stream,
                    &format!("{folder}/mod_{k}.py"),
                    &source(k, *lines),
                );
            }
        } else if c % 6 == 0 {
            let k = (c / 6) % FILES;
            let lines = 120 + (c * 37) % 300;
            if c % 1_200 == 0 && code[k].0 == "src" {
                // Moved to a package, as code does.
                let _ = writeln!(stream, "D src/mod_{k}.py");
                code[k].0 = "src/pkg";
            }
            code[k].1 = lines;
            let (folder, _) = code[k];
            file(
                &mut stream,
                &format!("{folder}/mod_{k}.py"),
                &source(k, lines),
            );
        } else if !snapshots.is_empty() {
            // Documents cite the last chunk's commit or one a little older.
            let back = snapshots.len() - 1 - (doc_commits % 3).min(snapshots.len() - 1);
            if added < DOCS && doc_commits % 4 != 3 {
                let i = added;
                names.push(format!("{}_10-00_topic-{i}.md", day(c)));
                state.push((0, c, c));
                let text = document(i, c, &snapshots[back], &names, 0, c);
                let path = format!("thoughts/shared/{}/{}", kind(i), names[i]);
                file(&mut stream, &path, &text);
                added += 1;
            } else if added > 0 {
                let i = (doc_commits * 7_919) % added;
                let (version, bumped, created) = state[i];
                // An edit that bumps the date, one that forgets to, and a
                // review that only bumps it.
                let (version, bumped) = match doc_commits % 5 {
                    0 | 1 => (version + 1, c),
                    2 => (version + 1, bumped),
                    _ => (version, c),
                };
                state[i] = (version, bumped, created);
                let text = document(i, created, &snapshots[back], &names, version, bumped);
                let path = format!("thoughts/shared/{}/{}", kind(i), names[i]);
                file(&mut stream, &path, &text);
            }
            doc_commits += 1;
        }
        if (c + 1) % CHUNK == 0 || c + 1 == COMMITS {
            let mut import = Command::new("git")
                .args(["fast-import", "--quiet"])
                .arg(format!("--export-marks={}", marks.display()))
                .arg(format!("--import-marks-if-exists={}", marks.display()))
                .current_dir(root)
                .stdin(Stdio::piped())
                .spawn()
                .expect("git fast-import runs");
            std::io::Write::write_all(
                &mut import.stdin.take().expect("stdin"),
                std::mem::take(&mut stream).as_bytes(),
            )
            .expect("the history is written");
            assert!(import.wait().expect("fast-import finishes").success());
            let all = std::fs::read_to_string(&marks).expect("the marks");
            let mark = format!(":{} ", c + 1);
            let sha = all
                .lines()
                .find_map(|l| l.strip_prefix(&mark))
                .expect("the chunk's last commit")
                .to_owned();
            snapshots.push((sha, code.clone()));
            // The next chunk starts from this one's last commit.
            let _ = write!(stream, "reset refs/heads/main\nfrom :{}\n\n", c + 1);
        }
    }
    let _ = std::fs::remove_file(&marks);
    git(root, &["repack", "-adq"]);
    git(root, &["reset", "-q", "--hard", "main"]);
    git(root, &["commit-graph", "write", "--reachable"]);
}
