use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use doccheck::cli::Cli;
use doccheck::commands::{self, ExitStatus};
use doccheck::report::human;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match commands::run(&cli) {
        Ok(outcome) => {
            if !write(&mut std::io::stdout().lock(), &outcome.stdout)
                || !write(&mut std::io::stderr().lock(), &outcome.stderr)
            {
                return ExitCode::from(ExitStatus::Error.code());
            }
            outcome.status
        }
        Err(error) => {
            let text = human::render_error(&error, commands::style(cli.color));
            let _ = write(&mut std::io::stderr().lock(), &text);
            ExitStatus::Error
        }
    };
    ExitCode::from(status.code())
}

/// Writes everything; a closed pipe (`doccheck check | head`) is not a failure.
fn write(out: &mut impl Write, text: &str) -> bool {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::BrokenPipe,
    }
}
