//! The `scrutiny` command: parse the arguments, run one command, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = scrutiny::cli::Cli::parse();
    std::process::ExitCode::from(scrutiny::cli::run(cli))
}
