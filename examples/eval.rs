//! `make eval`: precision and recall of the built-in rules on the hand-labelled sentences in
//! tests/eval/labelled.tsv (style, kind, label, text). A sentence counts as flagged when the
//! engine reports at least one warning or error in it; info-level hints do not count.
//!
//! Usage: cargo run --release --example eval -- [TSV] [--misses]

use std::collections::BTreeMap;

use claimlint::{Engine, Severity};

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Tally {
    fn add(&mut self, claim: bool, flagged: bool) {
        match (claim, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn row(&self, name: &str) -> String {
        let ratio = |num: usize, den: usize| {
            if den == 0 {
                "    -".to_string()
            } else {
                format!("{:5.1}", 100.0 * num as f64 / den as f64)
            }
        };
        format!(
            "{name:<16} {:>4} {:>4} {:>4} {:>4} {:>4}   {}%   {}%",
            self.tp + self.fp + self.fn_ + self.tn,
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            ratio(self.tp, self.tp + self.fp),
            ratio(self.tp, self.tp + self.fn_),
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_misses = args.iter().any(|a| a == "--misses");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("tests/eval/labelled.tsv", String::as_str);
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let engine = Engine::builtin();

    let mut overall = Tally::default();
    let mut by_style: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for (n, line) in data.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [style, kind, label, text] = fields[..] else {
            panic!("{path}:{}: expected 4 tab-separated fields", n + 1);
        };
        let claim = match label {
            "claim" => true,
            "ok" => false,
            other => panic!("{path}:{}: unknown label {other:?}", n + 1),
        };
        let findings = engine.check(text);
        let flagged = findings.iter().any(|f| f.severity >= Severity::Warning);
        overall.add(claim, flagged);
        by_style
            .entry(style.into())
            .or_default()
            .add(claim, flagged);
        by_kind.entry(kind.into()).or_default().add(claim, flagged);
        if claim != flagged {
            let rules: Vec<&str> = findings.iter().map(|f| &*f.rule).collect();
            misses.push(format!(
                "{}  {:<5} {:<14} {text}  [{}]",
                if claim { "MISSED" } else { "FALSE " },
                label,
                kind,
                rules.join(", ")
            ));
        }
    }

    let header = format!(
        "{:<16} {:>4} {:>4} {:>4} {:>4} {:>4}   {:>6}   {:>6}",
        "category", "n", "tp", "fp", "fn", "tn", "prec", "recall"
    );
    println!("ClaimLint evaluation on {path} (flagged = a warning or error finding)\n");
    println!("{header}");
    for (name, t) in &by_style {
        println!("{}", t.row(name));
    }
    println!("\n{header}");
    for (name, t) in &by_kind {
        println!("{}", t.row(name));
    }
    println!("\n{}", overall.row("ALL"));
    if show_misses {
        println!("\nMisclassified ({}):", misses.len());
        for m in &misses {
            println!("{m}");
        }
    } else {
        println!(
            "\n{} misclassified; `make eval ARGS=--misses` lists them.",
            misses.len()
        );
    }
}
