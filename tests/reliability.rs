//! Issue 16's defects, each reproduced end to end on the binary: no panic,
//! no read or write outside the project, no fail-open exit.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::git_in as git;

fn doccheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("doccheck runs")
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A project folder with an empty configuration, inside a temporary folder
/// that stands for "outside the project".
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir(&root).unwrap();
    write(&root, ".doccheck.toml", "");
    (dir, root)
}

#[test]
fn a_bare_file_name_is_checked() {
    let (_dir, root) = project();
    write(&root, "README.md", "# Read me\n");
    let out = doccheck(&root, &["check", "--no-git", "README.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 document"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_finding_past_column_65535_is_shown_trimmed_around_its_span() {
    let (_dir, root) = project();
    let row = format!("| {} [plan](missing.md) | tail |", "x".repeat(70_000));
    write(&root, "table.md", &format!("# Table\n\n{row}\nnext line\n"));
    let out = doccheck(&root, &["check", "--no-git", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The header points at the link's real column.
    let column = row.find("missing.md").unwrap() + 1;
    assert!(
        stdout.contains(&format!("table.md:3:{column}]")),
        "{stdout}"
    );
    let frame = stdout
        .lines()
        .find(|l| l.starts_with(" 3 │ "))
        .unwrap_or_else(|| panic!("no frame line 3: {stdout}"));
    assert!(frame.chars().count() <= 100, "{frame}");
    assert!(frame.starts_with(" 3 │ …x") && frame.contains("[plan](missing.md) | tail |"));
    // The label's underline sits under the link target in the trimmed line.
    let under = stdout
        .lines()
        .skip_while(|l| !l.starts_with(" 3 │ "))
        .nth(1)
        .unwrap();
    let at = |s: &str, i: usize| s.char_indices().position(|(b, _)| b == i).unwrap();
    let link = at(frame, frame.find("missing.md").unwrap());
    let mark = at(under, under.find(['─', '┬', '▲']).unwrap());
    assert_eq!(mark, link, "{frame}\n{under}");
}

/// A research document whose frontmatter has `status` as given and
/// `extra` lines after it, otherwise valid.
fn research(status: &str, extra: &str) -> String {
    format!(
        "---\ndate: 2025-12-12T15:17:08-06:00\nresearcher: beth\ngit_commit: ea45dd2\n\
         branch: main\nrepository: x\ntopic: T\ntags: [a]\nstatus: {status}\n{extra}\
         last_updated: 2025-12-12\nlast_updated_by: beth\n---\n# T\n"
    )
}

const RESEARCH: &str = "thoughts/shared/research";

#[test]
fn fixes_keep_block_scalars_properties_comments_and_unique_keys() {
    let (_dir, root) = project();
    // Every case writes `completed`: learned, that would be this project's
    // own status word, and no fix would be offered.
    write(&root, ".doccheck.toml", "learn-conventions = false\n");
    let cases = [
        // (a) a block scalar: its line break and the next key stay.
        ("block", research(">-\n  completed", ""), None),
        // (c) anchors, tags, quotes and comments stay.
        (
            "anchor",
            research("&s completed", "other: *s\n"),
            Some("status: &s complete\nother: *s\n"),
        ),
        (
            "tag",
            research("!!str completed # was done", ""),
            Some("status: !!str complete # was done\n"),
        ),
        (
            "quoted",
            research("'completed' # c", ""),
            Some("status: 'complete' # c\n"),
        ),
    ];
    for (name, text, _) in &cases {
        write(
            &root,
            &format!("{RESEARCH}/2025-12-12_15-17_{name}.md"),
            text,
        );
    }
    // (b) two aliases of one key: at most one becomes `researcher`.
    let aliases =
        research("complete", "").replace("researcher: beth\n", "author: beth\ncreated_by: ann\n");
    write(
        &root,
        &format!("{RESEARCH}/2025-12-12_15-17_aliases.md"),
        &aliases,
    );
    let out = doccheck(&root, &["check", "--no-git", "--fix"]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out));
    for (name, before, expected) in &cases {
        let after =
            std::fs::read_to_string(root.join(format!("{RESEARCH}/2025-12-12_15-17_{name}.md")))
                .unwrap();
        match expected {
            None => assert_eq!(&after, before, "{name}"),
            Some(line) => assert!(after.contains(line), "{name}:\n{after}"),
        }
    }
    let after =
        std::fs::read_to_string(root.join(format!("{RESEARCH}/2025-12-12_15-17_aliases.md")))
            .unwrap();
    assert_eq!(after.matches("researcher:").count(), 1, "{after}");
}

#[test]
fn fix_writes_through_a_symlink_keeps_the_owner_and_cleans_up_after_a_killed_run() {
    let (_dir, root) = project();
    let dir = root.join(RESEARCH);
    write(
        &root,
        &format!("{RESEARCH}/real/2025-12-12_15-17_a.md"),
        &research("completed", ""),
    );
    std::os::unix::fs::symlink(
        dir.join("real/2025-12-12_15-17_a.md"),
        dir.join("2025-12-12_15-17_link.md"),
    )
    .unwrap();
    // What a run killed while writing leaves behind.
    write(
        &root,
        &format!("{RESEARCH}/real/.2025-12-12_15-17_a.md.doccheck-tmp"),
        "half",
    );
    let owner = if unsafe { libc::geteuid() } == 0 {
        let real = dir.join("real/2025-12-12_15-17_a.md");
        std::os::unix::fs::chown(&real, Some(4242), Some(4242)).unwrap();
        Some(4242)
    } else {
        None
    };
    let out = doccheck(&root, &["check", "--no-git", "--fix"]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out));
    let link = dir.join("2025-12-12_15-17_link.md");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let real = dir.join("real/2025-12-12_15-17_a.md");
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("status: complete\n")
    );
    if let Some(owner) = owner {
        use std::os::unix::fs::MetadataExt as _;
        assert_eq!(std::fs::metadata(&real).unwrap().uid(), owner);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("doccheck"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn fix_skips_a_file_that_changed_since_it_was_checked() {
    use doccheck::check::{self, Selection};
    use doccheck::project::{Overrides, Project};
    let (_dir, root) = project();
    let rel = format!("{RESEARCH}/2025-12-12_15-17_a.md");
    let text = research("completed", "");
    write(&root, &rel, &text);
    let overrides = Overrides {
        no_git: true,
        ..Overrides::default()
    };
    let project = Project::load(&root, &overrides).unwrap();
    let (report, docs) = check::run(&project, &Selection::new(&project, &[]).unwrap()).unwrap();
    assert!(report.diagnostics.iter().any(|d| d.fix.is_some()));
    // An editor saves the file between the check and the fix.
    let edited = text.replace("date:", "# saved by an editor\ndate:");
    write(&root, &rel, &edited);
    let plan = doccheck::author::fix::plan(&project.root, &report.diagnostics, &docs);
    assert!(plan.files.is_empty());
    assert_eq!(plan.changed.len(), 1);
    assert_eq!(std::fs::read_to_string(root.join(&rel)).unwrap(), edited);
}

/// A file outside the project whose content must never be shown.
const SECRET: &str = "{\"SECRET_TOKEN\": \"hunter2\"}\n";

fn outside(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("secret.json");
    std::fs::write(&path, SECRET).unwrap();
    path
}

fn assert_refused(out: &Output) {
    let all = text(out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
    assert!(all.contains("outside the project"), "{all}");
}

#[test]
fn configuration_through_a_link_out_of_the_project_is_refused() {
    for name in [".doccheck.toml", "pyproject.toml"] {
        let (dir, root) = project();
        std::fs::remove_file(root.join(".doccheck.toml")).unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::os::unix::fs::symlink(outside(dir.path()), root.join(name)).unwrap();
        write(&root, "a.md", "# A\n");
        assert_refused(&doccheck(&root, &["check", "--no-git"]));
    }
}

#[test]
fn schemas_through_a_link_out_of_the_project_are_refused() {
    let (dir, root) = project();
    let secret = outside(dir.path());
    std::fs::create_dir(root.join("schemas")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("schemas/review.json")).unwrap();
    write(
        &root,
        ".doccheck.toml",
        "[kinds.review]\npaths = [\"reviews/**\"]\nschema = \"schemas/review.json\"\n",
    );
    write(&root, "reviews/r.md", "---\nreviewer: x\n---\n# R\n");
    assert_refused(&doccheck(&root, &["check", "--no-git"]));

    // A linked folder leads out just as well, and `$schema` is read the same way.
    let (dir, root) = project();
    outside(dir.path());
    std::os::unix::fs::symlink(dir.path(), root.join("linked")).unwrap();
    write(
        &root,
        "doc.md",
        "---\n$schema: linked/secret.json\nx: 1\n---\n# D\n",
    );
    let out = doccheck(&root, &["check", "--no-git", "--output-format", "concise"]);
    let all = text(&out);
    assert!(!all.contains("hunter2"), "{all}");
    assert!(all.contains("outside the project"), "{all}");
}

#[test]
fn a_schema_path_that_is_a_folder_is_said_to_be_one() {
    let (_dir, root) = project();
    std::fs::create_dir_all(root.join("schemas/review.json")).unwrap();
    write(
        &root,
        ".doccheck.toml",
        "[kinds.review]\npaths = [\"reviews/**\"]\nschema = \"schemas/review.json\"\n",
    );
    let out = doccheck(&root, &["check", "--no-git"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("is a folder"), "{}", text(&out));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_never_leave_the_project_or_replace_a_user_file() {
    let (dir, root) = project();
    let away = dir.path().join("away");
    std::fs::create_dir(&away).unwrap();
    std::fs::write(away.join("keep.md"), "mine\n").unwrap();
    write(&root, "README.md", "# My project\n");
    write(&root, "a.md", "# A\n");

    // index -o: a user's file, a path outside, a linked folder out.
    let out = doccheck(&root, &["index", "-o", "README.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--force"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(root.join("README.md")).unwrap(),
        "# My project\n"
    );
    let outside = away.join("index.md");
    let out = doccheck(&root, &["index", "-o", outside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    std::os::unix::fs::symlink(&away, root.join("linked")).unwrap();
    let out = doccheck(&root, &["index", "-o", "linked/index.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    // check -o through a linked file out.
    std::os::unix::fs::symlink(away.join("keep.md"), root.join("report.txt")).unwrap();
    let out = doccheck(&root, &["check", "--no-git", "-o", "report.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    // new into a linked kind folder, init into linked schemas/.
    std::fs::create_dir_all(root.join("thoughts/shared")).unwrap();
    std::os::unix::fs::symlink(&away, root.join("thoughts/shared/research")).unwrap();
    let out = doccheck(&root, &["new", "research", "A topic"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    std::fs::remove_file(root.join(".doccheck.toml")).unwrap();
    std::os::unix::fs::symlink(&away, root.join(".doccheck")).unwrap();
    let out = doccheck(&root, &["init"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(files_in(&away), ["keep.md"]);
    assert_eq!(
        std::fs::read_to_string(away.join("keep.md")).unwrap(),
        "mine\n"
    );

    // What is allowed still works: an index doccheck wrote is replaced,
    // and --force replaces a user's file.
    write(&root, ".doccheck.toml", "");
    std::fs::remove_file(root.join(".doccheck")).unwrap();
    let out = doccheck(&root, &["index", "-o", "INDEX.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    write(&root, "b.md", "# B\n");
    let out = doccheck(&root, &["index", "-o", "INDEX.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = doccheck(&root, &["index", "-o", "README.md", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

/// A repository with one committed research document citing its commit.
fn repository(extra_init: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = project();
    let mut init = vec!["init", "-q", "-b", "main"];
    init.extend_from_slice(extra_init);
    git(&root, &init);
    write(&root, "a.md", "# A\n");
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "first"]);
    (dir, root)
}

#[test]
fn a_damaged_repository_stops_the_run() {
    type Corruption = (&'static str, fn(&Path));
    let corruptions: [Corruption; 3] = [
        ("garbage HEAD", |root| {
            std::fs::write(root.join(".git/HEAD"), "garbage\n").unwrap()
        }),
        ("corrupt HEAD commit", |root| {
            let head = git(root, &["rev-parse", "HEAD"]);
            let object = root.join(format!(".git/objects/{}/{}", &head[..2], &head[2..]));
            let mut perms = std::fs::metadata(&object).unwrap().permissions();
            #[expect(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&object, perms).unwrap();
            std::fs::write(&object, b"not zlib at all").unwrap();
        }),
        ("bad packed-refs line", |root| {
            git(root, &["pack-refs", "--all"]);
            let packed = root.join(".git/packed-refs");
            let text = std::fs::read_to_string(&packed).unwrap();
            std::fs::write(&packed, format!("{text}this is not a ref line\n")).unwrap();
        }),
    ];
    for (name, corrupt) in corruptions {
        let (_dir, root) = repository(&[]);
        corrupt(&root);
        let out = doccheck(&root, &["check"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        assert!(
            text(&out).contains("cannot be read"),
            "{name}: {}",
            text(&out)
        );
        // --no-git still checks the documents.
        let out = doccheck(&root, &["check", "--no-git"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out));
    }
}

#[test]
fn a_sha256_repository_is_said_to_be_one() {
    let (_dir, root) = repository(&["--object-format=sha256"]);
    let out = doccheck(&root, &["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("SHA-256"), "{}", text(&out));
}

#[test]
fn a_document_too_large_to_check_fails_the_gate() {
    let (_dir, root) = project();
    let mut big = research("complete", "");
    big.push_str(&"A long generated table row | with | cells |\n".repeat(260_000));
    write(&root, &format!("{RESEARCH}/2025-12-12_15-17_big.md"), &big);
    let out = doccheck(&root, &["check", "--no-git", "--output-format", "concise"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("DC504"), "{}", text(&out));
}

#[test]
fn a_check_that_matches_nothing_says_so_and_fails() {
    let (_dir, root) = project();
    write(&root, "drafts/d.md", "# D\n");
    write(&root, "docs/a.md", "# A\n");
    write(&root, ".doccheck.toml", "include = [\"notes/**/*.md\"]\n");
    let out = doccheck(&root, &["check", "--no-git"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("nothing to check"), "{}", text(&out));
    assert!(text(&out).contains("notes/**/*.md"), "{}", text(&out));

    write(&root, ".doccheck.toml", "exclude = [\"drafts/**\"]\n");
    let out = doccheck(&root, &["check", "--no-git", "drafts"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("excluded by `drafts/**`"),
        "{}",
        text(&out)
    );
    // A file named explicitly is checked, and the exclusion is said.
    let out = doccheck(&root, &["check", "--no-git", "drafts/d.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("excluded by `drafts/**`"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_corrupt_blob_is_unreadable_not_missing() {
    let (_dir, root) = repository(&[]);
    write(&root, "src/x.py", "a = 1\nb = 2\n");
    write(&root, "notes.md", "# N\n\nSee `src/x.py:1-2`.\n");
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "code"]);
    let blob = git(&root, &["rev-parse", "HEAD:src/x.py"]);
    let object = root.join(format!(".git/objects/{}/{}", &blob[..2], &blob[2..]));
    std::fs::remove_file(&object).unwrap();
    std::fs::write(&object, b"not zlib at all").unwrap();
    let out = doccheck(&root, &["check", "--output-format", "concise"]);
    let all = text(&out);
    assert!(all.contains("DC208"), "{all}");
    assert!(all.contains("cannot be read from the repository"), "{all}");
    assert!(!all.contains("does not exist"), "{all}");
}

#[test]
fn a_huge_blob_is_not_loaded_to_count_its_lines() {
    let (_dir, root) = repository(&[]);
    let size = doccheck::git::MAX_COUNTED_BLOB as usize + 1024;
    let mut big = vec![b'\n'; 16];
    big.resize(size, b'x');
    std::fs::write(root.join("big.log"), &big).unwrap();
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "big"]);
    let repo = doccheck::git::Git::open(&root.canonicalize().unwrap(), None).unwrap();
    let head = repo.head();
    assert_eq!(
        repo.reader().line_count(head, "big.log"),
        Ok(Some(usize::MAX))
    );
    assert_eq!(repo.reader().line_count(head, "a.md"), Ok(Some(1)));
    assert_eq!(repo.reader().line_count(head, "gone.md"), Ok(None));
}

#[test]
fn staged_links_out_of_the_project_are_refused_as_check_refuses_them() {
    let (dir, root) = repository(&[]);
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "# Outside\n").unwrap();
    std::fs::create_dir_all(root.join(RESEARCH)).unwrap();
    std::os::unix::fs::symlink(&secret, root.join(format!("{RESEARCH}/abs.md"))).unwrap();
    std::os::unix::fs::symlink(
        "../../../../secret.md",
        root.join(format!("{RESEARCH}/rel.md")),
    )
    .unwrap();
    git(&root, &["add", "-A"]);
    for args in [
        &["check", "--output-format", "concise"][..],
        &["check", "--staged", "--output-format", "concise"],
    ] {
        let out = doccheck(&root, args);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {all}");
        assert_eq!(all.matches("DC501").count(), 2, "{args:?}: {all}");
    }
}

#[test]
fn a_second_forced_hook_install_keeps_the_first_backup() {
    let (_dir, root) = repository(&[]);
    let hooks = root.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::write(hooks.join("pre-commit"), "#!/bin/sh\necho first\n").unwrap();
    let out = doccheck(&root, &["hook", "install", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    std::fs::write(hooks.join("pre-commit"), "#!/bin/sh\necho second\n").unwrap();
    let out = doccheck(&root, &["hook", "install", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let backups: Vec<String> = files_in(&hooks)
        .into_iter()
        .filter(|n| n.contains("backup"))
        .map(|n| std::fs::read_to_string(hooks.join(n)).unwrap())
        .collect();
    assert!(backups.iter().any(|b| b.contains("first")), "{backups:?}");
    assert!(backups.iter().any(|b| b.contains("second")), "{backups:?}");
}
