//! Replays the fuzz corpus (`fuzz/corpus/<target>/`, kept in the repository) through the fuzz
//! targets' own checks, so every input the fuzzer found interesting, and every crash it found and
//! we fixed, is checked by `cargo test` on stable Rust. `make fuzz` grows the corpus.

use std::fs;
use std::path::Path;

mod check {
    include!("../fuzz/targets/check.rs");
}
mod compiled {
    include!("../fuzz/targets/compiled.rs");
}
mod pack {
    include!("../fuzz/targets/pack.rs");
}
mod pattern {
    include!("../fuzz/targets/pattern.rs");
}

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        let data = fs::read(&path).expect("a corpus file");
        // A failure names the input, to run it again with `cargo fuzz run <target> <file>`.
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", path.display());
        count += 1;
    }
    assert!(count > 0, "{target}: empty corpus");
    println!("{target}: {count} inputs replayed");
}

#[test]
fn check_corpus() {
    replay("check", check::check);
}

#[test]
fn compiled_corpus() {
    replay("compiled", compiled::compiled);
}

#[test]
fn pack_corpus() {
    replay("pack", pack::pack);
}

#[test]
fn pattern_corpus() {
    replay("pattern", pattern::pattern);
}
