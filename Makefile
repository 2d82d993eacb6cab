# ClaimLint: `make run` builds everything and shows the extension on the bundled demo page;
# `make test` runs every check. Both install what they need first (`make setup`).
SHELL := /bin/bash
CARGO ?= cargo
BIN := target/release/claimlint
DEMO := www/demo.html
# Root runs apt-get directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup rust-setup wasm-setup node-setup browsers build wasm extension www run cli-demo \
	test lint lint-ts test-rust test-extension test-www eval fuzz bench bench-engine bench-browser bench-editors bench-peers clean

all: extension www

# Everything beyond the machine's Rust toolchain and Node.js: Rust components, the Wasm target
# and the pinned wasm-bindgen CLI, the npm packages (package-lock.json), Chromium and Firefox.
setup: rust-setup wasm-setup node-setup browsers

rust-setup:
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

WASM_BINDGEN_VERSION := 0.2.130
wasm-setup:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$' || $(CARGO) install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)

# npm ci again only when package-lock.json changed since the last install.
node-setup: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

browsers:
	@command -v chromium >/dev/null && command -v firefox-esr >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr; }

build: rust-setup
	$(CARGO) build --release --bin claimlint

# The Wasm engine and its compiled built-in rule pack, as the extension and www load them; and the
# rule-pack compiler (a larger module, loaded only where team packs are edited).
# The shipped .wasm must stay within the extension's budget (400 KB before compression).
WASM_TARGET_DIR := target/wasm
PKG := extension/pkg
WASM_BUDGET := 409600
# 128-bit SIMD: Chromium 91+ and Firefox 89+ (the extension targets Chromium 121+, Firefox 140+).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := -C target-feature=+simd128
wasm: wasm-setup build
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) $(CARGO) build --profile wasm --lib --target wasm32-unknown-unknown --no-default-features
	wasm-bindgen --target web --out-dir $(PKG) --out-name claimlint $(WASM_TARGET_DIR)/wasm32-unknown-unknown/wasm/claimlint.wasm
	$(BIN) compile -o $(PKG)/rules.bin
	@size=$$(stat -c %s $(PKG)/claimlint_bg.wasm); echo "claimlint_bg.wasm: $$size bytes (budget $(WASM_BUDGET))"; \
	  [ $$size -le $(WASM_BUDGET) ] || { echo "error: the Wasm engine is over budget" >&2; exit 1; }
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR)/compiler $(CARGO) build --profile wasm --lib --target wasm32-unknown-unknown --no-default-features --features compiler
	wasm-bindgen --target web --out-dir $(PKG)/compiler --out-name claimlint_compiler $(WASM_TARGET_DIR)/compiler/wasm32-unknown-unknown/wasm/claimlint.wasm
	@echo "compiler/claimlint_compiler_bg.wasm (options page only): $$(stat -c %s $(PKG)/compiler/claimlint_compiler_bg.wasm) bytes"

# dist/chromium/, dist/firefox/ (unpacked) and their store zips.
extension: wasm node-setup
	npm run build

# The website: dist/www/ (playground, rule catalog generated from `claimlint rules --format json`,
# CLI docs, the extension zips).
www: build extension
	npm run build:www

# Chromium with the extension on the demo page, and the website served alongside on 127.0.0.1:
# headed with a display, else headless, printing the findings the extension shows and saving
# dist/screenshots/demo.png and www.png.
run: setup extension www
	npm run demo

# The command-line checker on the demo page (exit status 1 means "claims found": the point here).
cli-demo: build
	@$(BIN) check $(DEMO); status=$$?; [ $$status -le 1 ] || exit $$status

lint: rust-setup wasm-setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --no-default-features -- -D warnings
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) $(CARGO) clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR)/compiler $(CARGO) clippy --lib --target wasm32-unknown-unknown --no-default-features --features compiler -- -D warnings

# The TypeScript check needs the generated Wasm package's type declarations.
lint-ts: wasm node-setup
	npm run typecheck

# The evaluation report runs first, so the test runners' summaries close the output.
test: setup lint test-rust lint-ts test-extension test-www

test-rust: wasm
	$(CARGO) run --quiet --release --example eval
	$(CARGO) test --all-targets
	$(CARGO) test --release --test limits
	$(CARGO) test --doc
	node --test tests/wasm/

test-extension: extension browsers
	npm run lint:firefox
	npm run test:e2e
	npm run test:firefox
	npm run bench:browser -- --smoke
	npm run bench:editors -- --smoke
	npm run bench:peers -- --smoke

test-www: www browsers
	npm run test:www

# Coverage-guided fuzzing (nightly Rust and cargo-fuzz, installed here if missing): each target
# for FUZZ_SECONDS, growing fuzz/corpus/ (replayed by `cargo test`, tests/fuzz_corpus.rs).
# Crashes land in fuzz/artifacts/<target>/. Not part of `make test`.
FUZZ_SECONDS ?= 120
FUZZ_TARGETS := check pack pattern compiled
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=4096 || exit 1; \
	  cargo +nightly fuzz cmin $$t corpus/$$t >/dev/null 2>&1 || true; \
	done

# Precision and recall on the labelled sentences (ARGS=--misses lists the misclassified ones).
eval:
	$(CARGO) run --quiet --release --example eval -- $(ARGS)

# Engine (criterion), the extension in Chromium, and ClaimLint against its peers; results go to
# BENCHMARKS.md by hand, with the machine and method.
bench: bench-engine bench-browser bench-editors bench-peers

bench-engine:
	$(CARGO) bench --bench engine

bench-browser: extension browsers
	npm run bench:browser

# Keystroke cost in a 50 KB contenteditable and textarea (editor support).
bench-editors: extension browsers
	npm run bench:editors

bench-peers: wasm node-setup browsers
	npm run bench:peers

clean:
	$(CARGO) clean
	rm -rf dist $(PKG)
