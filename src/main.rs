use jixiao::cli::{self, Command};

fn main() {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Command::Done(code) => std::process::exit(code),
        Command::Gui(path) => {
            if let Err(message) = jixiao::ui::run(path, started) {
                eprintln!("{message}");
                std::process::exit(1);
            }
        }
    }
}
