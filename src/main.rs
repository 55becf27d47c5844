//! The `casec` command line: a thin shell over the library. Each command is
//! one file in `cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
