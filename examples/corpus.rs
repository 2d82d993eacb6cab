//! Writes the benchmark corpus: `cargo run --release --example corpus -- BYTES [SEED] > file.txt`.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let len: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1 << 20);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    print!("{}", corpus::generate(len, seed));
}
