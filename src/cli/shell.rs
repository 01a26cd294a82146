//! Shell integration: `courier completions SHELL` prints a completion
//! script (clap_complete) and `courier man [SUBCOMMAND]` a man page in roff
//! (clap_mangen), both made from the same clap definitions as `--help`
//! (`args.rs`), so they never fall behind the flags.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::args::Cli;
use super::exit;

/// Writes the completion script of `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "courier", &mut out);
    ExitCode::from(exit::SUCCESS)
}

/// Writes the man page of courier, or of one of its subcommands, to stdout.
pub fn man(subcommand: Option<&str>) -> ExitCode {
    match render_man(subcommand) {
        Ok(page) => {
            // A closed pipe (`courier man | head`) is not an error worth a message.
            let _ = std::io::stdout().lock().write_all(&page);
            ExitCode::from(exit::SUCCESS)
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(exit::CANNOT_START)
        }
    }
}

/// The roff page of courier (`None`) or of a subcommand (`courier-run(1)`).
fn render_man(subcommand: Option<&str>) -> Result<Vec<u8>, String> {
    let mut command = Cli::command();
    command.build();
    let command = match subcommand {
        None => command,
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            let found = command.find_subcommand(name).cloned().ok_or_else(|| {
                format!(
                    "`{name}` is no subcommand of courier; one of: {}",
                    names.join(", ")
                )
            })?;
            // clap names a built subcommand `courier-run`, as man pages
            // are named; the version is courier's.
            found.version(super::args::VERSION)
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| format!("cannot render the man page: {e}"))?;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man_pages_of_courier_and_run() {
        let top = String::from_utf8(render_man(None).unwrap()).unwrap();
        assert!(top.contains(".SH NAME") && top.contains("courier"), "{top}");
        let run = String::from_utf8(render_man(Some("run")).unwrap()).unwrap();
        assert!(
            run.contains("courier\\-run") && run.contains("environment"),
            "{run}"
        );
        let err = render_man(Some("nope")).unwrap_err();
        assert!(err.contains("run") && err.contains("nope"), "{err}");
    }
}
