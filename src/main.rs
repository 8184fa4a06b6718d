//! The program: the command line when given a command, the window otherwise.
// On Windows a windowed program, so that no console opens from the Start menu; the
// command line attaches to the console it was started from.
#![cfg_attr(windows, windows_subsystem = "windows")]

use jixiao::cli::{self, Command};

#[cfg(windows)]
mod win7;

fn main() {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    jixiao::platform::prepare_console(!args.is_empty());
    match cli::run(&args) {
        Command::Done(code) => std::process::exit(code),
        Command::Gui(path) => {
            jixiao::platform::report_crashes_in_a_message_box();
            if let Err(message) = jixiao::ui::run(path, started) {
                jixiao::platform::fatal_message(&message);
                std::process::exit(1);
            }
        }
    }
}
