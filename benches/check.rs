//! End-to-end benchmark: generates a Git repository of N documents in the
//! default layout and times `doccheck check` on it.
//!
//! ```text
//! cargo bench --bench check                 # N = 10,000
//! cargo bench --bench check -- 10000 100000 # several sizes
//! ```
//!
//! Reports wall time (best of 5 after a warm-up run), documents per second and peak resident
//! memory of the doccheck process (from `wait4`), in total and per document.
//! The repository has one commit per document (up to 100,000), each document
//! cites its own commit, and the run is compared with `--no-git` and with
//! `git cat-file --batch-check` resolving the same list of SHAs.
//! With `DOCCHECK_BENCH_DIR=/some/dir` the generated repositories are kept
//! there (one folder per size) for profiling.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    println!(
        "{:>9} {:>10} {:>12} {:>12} {:>10}",
        "documents", "best wall", "documents/s", "peak RSS", "per doc"
    );
    for n in sizes {
        let temp = tempfile::tempdir().expect("a temporary directory");
        let dir = match std::env::var_os("DOCCHECK_BENCH_DIR") {
            Some(base) => {
                let dir = Path::new(&base).join(n.to_string());
                std::fs::create_dir_all(&dir).expect("the bench folder");
                dir
            }
            None => temp.path().to_path_buf(),
        };
        if !dir.join(".git").exists() {
            generate(&dir, n);
        }
        // Measure a settled machine: new files written back, caches warm.
        let _ = Command::new("sync").status();
        run(&dir, &[]);
        let mut best = Duration::MAX;
        let mut peak = 0;
        for _ in 0..5 {
            let (elapsed, rss_kb) = run(&dir, &[]);
            best = best.min(elapsed);
            peak = peak.max(rss_kb);
        }
        let no_git = (0..5)
            .map(|_| run(&dir, &["--no-git"]).0)
            .min()
            .unwrap_or_default();
        let cat_file = (0..3).map(|_| cat_file(&dir)).min().unwrap_or_default();
        println!(
            "{n:>9} {:>8.0}ms {:>12.0} {:>9.1} MB {:>7.2} KB {:>8.0}ms {:>12.0}ms",
            best.as_secs_f64() * 1000.0,
            n as f64 / best.as_secs_f64(),
            peak as f64 / 1024.0,
            peak as f64 / n as f64,
            no_git.as_secs_f64() * 1000.0,
            cat_file.as_secs_f64() * 1000.0,
        );
        let with_baseline = baseline(&dir, n, temp.path());
        println!(
            "{n:>9} with a 10,000-entry baseline: {:.0} ms (without: {:.0} ms)",
            with_baseline.as_secs_f64() * 1000.0,
            best.as_secs_f64() * 1000.0,
        );
        let (edited, renamed) = staged(&dir);
        println!(
            "{n:>9} --staged, one document: edited {:.0} ms, a heading renamed {:.0} ms",
            edited.as_secs_f64() * 1000.0,
            renamed.as_secs_f64() * 1000.0,
        );
    }
}

/// `check --staged` with one staged document: its text edited (nothing
/// else is read), then a heading renamed (every document is searched for
/// links to it). The index and working tree are restored afterwards.
fn staged(root: &Path) -> (Duration, Duration) {
    let dir = root.join("thoughts/shared/research");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the research folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    names.sort();
    let doc = dir.join(&names[0]);
    let original = std::fs::read_to_string(&doc).expect("a document");
    let best = |text: String| {
        std::fs::write(&doc, text).expect("the document is written");
        git(root, &["add", "-A"]);
        run(root, &["--staged"]);
        (0..5)
            .map(|_| run(root, &["--staged"]).0)
            .min()
            .unwrap_or_default()
    };
    let edited = best(format!("{original}\nEdited.\n"));
    let renamed = best(original.replace("## Summary", "## Overview"));
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
fn cat_file(root: &Path) -> Duration {
    let list = std::fs::read(root.join("cited.txt")).expect("the list of cited SHAs");
    let started = Instant::now();
    let mut child = Command::new("git")
        .args(["cat-file", "--batch-check"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("git runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &list)
        .expect("the list is written");
    assert!(child.wait().expect("git finishes").success());
    started.elapsed()
}

/// Runs doccheck once; returns the wall time and the peak RSS in KiB.
fn run(root: &Path, extra: &[&str]) -> (Duration, i64) {
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which also reports its peak memory"
    )]
    let child = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["check", "--output-format", "concise", "-q"])
        .args(extra)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("doccheck starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid is valid and not yet reaped.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let elapsed = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
        "doccheck failed: {status}"
    );
    (elapsed, usage.ru_maxrss)
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
