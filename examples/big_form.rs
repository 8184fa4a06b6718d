//! Writes a 5,000-indicator form with 50,000-character sections, to try the program at
//! scale: `cargo run --example big_form -- big.ron && cargo run -- big.ron`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法：cargo run --example big_form -- 输出.ron");
        std::process::exit(2);
    };
    let form = jixiao::core::synthetic::big_form(5000, 50_000);
    if let Err(e) = jixiao::core::store::save(std::path::Path::new(&path), &form) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
