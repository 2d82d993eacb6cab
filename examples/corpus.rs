//! Writes the benchmark corpus: `cargo run --release --example corpus -- BYTES [SEED] > file.txt`,
//! or an HTML page around it (about 20,000 text nodes per MB, claims split across inline
//! elements): `-- --html BYTES [SEED] > page.html`; `--html --no-claims` gives the same page with
//! every claim replaced by a neutral sentence.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut html = false;
    let mut claims = true;
    let mut numbers = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--html" => html = true,
            "--no-claims" => claims = false,
            _ => numbers.push(arg),
        }
    }
    let len: usize = numbers
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1 << 20);
    let seed: u64 = numbers.get(1).and_then(|a| a.parse().ok()).unwrap_or(42);
    if html {
        print!("{}", corpus::html_page(len, seed, claims));
    } else {
        print!("{}", corpus::generate(len, seed));
    }
}
