//! Times `Engine::check` in process, the way the peer benchmark (benches/peers/) times the Wasm
//! engine and the JavaScript checkers: one compiled pack, warm-up runs, then the median of timed
//! runs over one text file. Prints one JSON object.
//!
//! `cargo run --release --example check_timing -- PACK FILE [RUNS] [WARMUP] [MAX_SECONDS]`
//!
//! With `--serve PACK FILE` it loads once, prints `{"ready":true}`, then times one check per line
//! read from standard input (`{"ms":..,"findings":..}` each), so a driver can interleave it with
//! other tools run by run.
//!
//! PACK is a compiled rule pack (`extension/pkg/rules.bin`, the bytes the Wasm engine loads), so
//! native and Wasm check with the same rules. Also reported: loading the pack and checking a first
//! claim (the automata are decoded lazily), cold (the first instance in this process) and warm
//! (median of later instances), and compiling the built-in pack from its TOML source.

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

use claimlint::Engine;

const FIRST_CLAIM: &str = "We are SOC 2 certified.";

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

fn json_list(xs: &[f64]) -> String {
    let items: Vec<String> = xs.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", items.join(","))
}

/// Loading the pack and checking one claim: returns (load ms, first-check ms).
fn load_and_first_claim(pack: &[u8]) -> (f64, f64) {
    let start = Instant::now();
    let engine = Engine::from_compiled(pack).expect("a compiled ClaimLint pack");
    let load = ms(start);
    let start = Instant::now();
    let found = engine.check(FIRST_CLAIM).len();
    let first = ms(start);
    assert!(found > 0, "no finding in {FIRST_CLAIM:?}");
    (load, first)
}

/// One timed check per line of standard input, until it closes.
fn serve(pack: &[u8], text: &str) {
    let engine = Engine::from_compiled(pack).expect("a compiled ClaimLint pack");
    let mut out = std::io::stdout().lock();
    writeln!(out, "{{\"ready\":true,\"bytes\":{}}}", text.len()).unwrap();
    out.flush().unwrap();
    for line in std::io::stdin().lock().lines() {
        if line.is_err() {
            break;
        }
        let start = Instant::now();
        let findings = black_box(engine.check(text).len());
        let elapsed = ms(start);
        writeln!(out, "{{\"ms\":{elapsed:.6},\"findings\":{findings}}}").unwrap();
        out.flush().unwrap();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() == 3 && args[0] == "--serve" {
        let pack = std::fs::read(&args[1]).expect("readable pack");
        let text = std::fs::read_to_string(&args[2]).expect("readable UTF-8 text");
        return serve(&pack, &text);
    }
    if args.len() < 2 {
        eprintln!("usage: check_timing PACK FILE [RUNS] [WARMUP] [MAX_SECONDS]");
        std::process::exit(2);
    }
    let pack = std::fs::read(&args[0]).expect("readable pack");
    let text = std::fs::read_to_string(&args[1]).expect("readable UTF-8 text");
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(7);
    let warmup: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(2);
    let max_seconds: f64 = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(60.0);

    // First thing in the process: the cold load.
    let (cold_load, cold_first) = load_and_first_claim(&pack);
    let warm: Vec<(f64, f64)> = (0..9).map(|_| load_and_first_claim(&pack)).collect();

    let start = Instant::now();
    let compiled_from_source = Engine::builtin();
    let compile_source_ms = ms(start);
    black_box(compiled_from_source.rules().len());

    let engine = Engine::from_compiled(&pack).expect("a compiled ClaimLint pack");
    let mut findings = 0;
    for _ in 0..warmup {
        findings = black_box(engine.check(&text).len());
    }
    let mut times = Vec::with_capacity(runs);
    let budget = Instant::now();
    while times.len() < runs.max(1) {
        let start = Instant::now();
        findings = black_box(engine.check(&text).len());
        times.push(ms(start));
        if times.len() >= 3 && budget.elapsed().as_secs_f64() > max_seconds {
            break;
        }
    }
    let median_ms = median(times.clone());
    println!(
        "{{\"bytes\":{},\"findings\":{},\"runs\":{},\"warmup\":{},\"median_ms\":{:.4},\"times_ms\":{},\
         \"pack_load_cold_ms\":{:.4},\"first_claim_cold_ms\":{:.4},\
         \"pack_load_warm_ms\":{:.4},\"first_claim_warm_ms\":{:.4},\"warm_instances\":{},\
         \"compile_from_source_ms\":{:.4}}}",
        text.len(),
        findings,
        times.len(),
        warmup,
        median_ms,
        json_list(&times),
        cold_load,
        cold_first,
        median(warm.iter().map(|w| w.0).collect()),
        median(warm.iter().map(|w| w.1).collect()),
        warm.len(),
        compile_source_ms,
    );
}
