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
        run(&dir);
        let mut best = Duration::MAX;
        let mut peak = 0;
        for _ in 0..5 {
            let (elapsed, rss_kb) = run(&dir);
            best = best.min(elapsed);
            peak = peak.max(rss_kb);
        }
        println!(
            "{n:>9} {:>8.0}ms {:>12.0} {:>9.1} MB {:>7.2} KB",
            best.as_secs_f64() * 1000.0,
            n as f64 / best.as_secs_f64(),
            peak as f64 / 1024.0,
            peak as f64 / n as f64,
        );
    }
}

/// Runs doccheck once; returns the wall time and the peak RSS in KiB.
fn run(root: &Path) -> (Duration, i64) {
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by wait4 below, which also reports its peak memory"
    )]
    let child = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["check", "--output-format", "concise", "-q"])
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

/// A repository with source files and `n` documents: 50% research, 35%
/// plans, 15% PR write-ups, each with full frontmatter, sections, links to
/// neighbours and code references.
fn generate(root: &Path, n: usize) {
    git(root, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(root.join("src")).unwrap();
    let source: String = (1..=300).map(|i| format!("line_{i} = {i}\n")).collect();
    std::fs::write(root.join("src/config.py"), source).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "source"]);
    let commit = git(root, &["rev-parse", "--short", "HEAD"]);

    let dirs = ["research", "plans", "prs"];
    for d in dirs {
        std::fs::create_dir_all(root.join("thoughts/shared").join(d)).unwrap();
    }
    let kind = |i: usize| match i % 20 {
        0..=9 => "research",
        10..=16 => "plans",
        _ => "prs",
    };
    let name = |i: usize| {
        format!(
            "2025-{:02}-{:02}_{:02}-{:02}_topic-{i}.md",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60
        )
    };
    for i in 0..n {
        let mut text = String::with_capacity(1600);
        let _ = write!(
            text,
            "---\ndate: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: {commit}\nbranch: main\n\
             repository: bench\ntopic: \"Topic number {i}: data versioning\"\ntags: [mlops, bench, t{}]\n\
             status: complete\nlast_updated: 2025-12-12\nlast_updated_by: beth\n",
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
             | `src/config.py:10` | Settings |\n\n## Open Questions\n\n1. Should the registry follow MLflow?\n",
            kind(i),
            kind(prev),
            name(prev),
            kind(prev),
            name(prev),
        );
        std::fs::write(
            root.join("thoughts/shared").join(kind(i)).join(name(i)),
            text,
        )
        .unwrap();
    }
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "documents"]);
}
