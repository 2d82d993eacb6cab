//! Engine benchmarks (`make bench`): throughput on generated marketing prose, scaling with input
//! size, and rule-pack compile time. Baselines in the same run: a plain byte scan (the floor any
//! checker pays to look at every byte) and normalization alone.

use std::hint::black_box;
use std::time::Duration;

use claimlint::{Engine, EngineBuilder, normalize::normalize};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod corpus;

fn throughput(c: &mut Criterion) {
    let engine = Engine::builtin();
    let mut group = c.benchmark_group("check");
    group.warm_up_time(Duration::from_secs(1));
    for (label, len) in [("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let text = corpus::generate(len, 42);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(if len >= 10_000_000 { 10 } else { 30 });
        group.bench_with_input(BenchmarkId::new("byte-scan-floor", label), &text, |b, t| {
            b.iter(|| black_box(t.bytes().filter(|&b| b == b'.').count()))
        });
        group.bench_with_input(BenchmarkId::new("normalize", label), &text, |b, t| {
            b.iter(|| black_box(normalize(t).text.len()))
        });
        group.bench_with_input(BenchmarkId::new("engine", label), &text, |b, t| {
            b.iter(|| black_box(engine.check(t).len()))
        });
    }
    group.finish();
}

fn scaling_100mb(c: &mut Criterion) {
    let engine = Engine::builtin();
    let text = corpus::generate(100_000_000, 42);
    let mut group = c.benchmark_group("check-100MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("engine", |b| {
        b.iter(|| black_box(engine.check(&text).len()))
    });
    group.finish();
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(20);
    group.bench_function("builtin-pack-with-example-checks", |b| {
        b.iter(|| black_box(EngineBuilder::with_builtin().build().0.rules().len()))
    });
    group.bench_function("builtin-pack-without-example-checks", |b| {
        b.iter(|| {
            black_box(
                EngineBuilder::with_builtin()
                    .verify_examples(false)
                    .build()
                    .0
                    .rules()
                    .len(),
            )
        })
    });
    let compiled = EngineBuilder::with_builtin()
        .build()
        .0
        .to_compiled()
        .expect("the built-in pack compiles");
    group.bench_function("compiled-pack-load", |b| {
        b.iter(|| black_box(Engine::from_compiled(&compiled).unwrap().rules().len()))
    });
    // What a page with a claim pays once: loading, then decoding the automata at the first
    // leading word.
    group.bench_function("compiled-pack-load-and-first-claim", |b| {
        b.iter(|| {
            let engine = Engine::from_compiled(&compiled).unwrap();
            black_box(engine.check("We are SOC 2 certified.").len())
        })
    });
    group.finish();
}

criterion_group!(benches, throughput, scaling_100mb, compile);
criterion_main!(benches);
