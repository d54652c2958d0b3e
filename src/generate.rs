//! Files made from the command-line definition itself, so they never drift
//! from it: shell completion scripts (clap_complete) and man pages
//! (clap_mangen).

use clap::Command;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, mut cmd: Command) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "doccheck", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// One man page for the command and one for each subcommand, at any depth
/// (`doccheck.1`, `doccheck-check.1`, `doccheck-hook-install.1`): each
/// file name with its roff text.
pub fn man_pages(cmd: Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    // `help` is clap's, not a command worth a page.
    fn without_help(cmd: Command) -> Command {
        cmd.disable_help_subcommand(true)
            .mut_subcommands(without_help)
    }
    fn render(cmd: Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let subcommands: Vec<Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        let man = clap_mangen::Man::new(cmd);
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        pages.push((man.get_filename(), roff));
        for sub in subcommands {
            render(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = without_help(cmd);
    cmd.build();
    let mut pages = Vec::new();
    render(cmd, &mut pages)?;
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    #[test]
    fn a_man_page_per_command_and_subcommand() {
        let pages = man_pages(Cli::command()).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "doccheck.1");
        for name in [
            "doccheck-check.1",
            "doccheck-hook.1",
            "doccheck-hook-install.1",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
        let visible = Cli::command().get_subcommands().count();
        // doccheck.1, one per subcommand, and `hook install`.
        assert_eq!(pages.len(), 1 + visible + 1);
    }

    #[test]
    fn the_check_page_documents_its_options() {
        let pages = man_pages(Cli::command()).unwrap();
        let (_, roff) = pages.iter().find(|(n, _)| n == "doccheck-check.1").unwrap();
        let roff = String::from_utf8(roff.clone()).unwrap();
        assert!(roff.starts_with(".ie \\n(.g .ds Aq"), "{roff}");
        assert!(roff.contains(".TH doccheck-check 1"), "{roff}");
        assert!(roff.contains("output\\-format"), "{roff}");
        assert!(roff.contains("sarif"), "{roff}");
    }

    #[test]
    fn every_shell_completes_subcommands_and_options() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::PowerShell,
            clap_complete::Shell::Elvish,
        ] {
            let script = completions(shell, Cli::command());
            for word in [
                "doccheck",
                "check",
                "graph",
                "hook",
                "install",
                "output-format",
            ] {
                assert!(script.contains(word), "{shell}: `{word}` missing");
            }
            // Shells that complete values, too.
            if matches!(
                shell,
                clap_complete::Shell::Bash | clap_complete::Shell::Zsh | clap_complete::Shell::Fish
            ) {
                assert!(script.contains("sarif"), "{shell}: `sarif` missing");
            }
        }
    }
}
