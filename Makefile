# ClaimLint: `make run` builds and checks the bundled demo page; `make test` runs every check.
SHELL := /bin/bash
CARGO ?= cargo
BIN := target/release/claimlint
DEMO := www/demo.html

.PHONY: all setup build wasm-setup wasm run test lint eval bench clean

all: build

# Everything the build needs beyond the machine's Rust toolchain.
setup:
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

build: setup
	$(CARGO) build --release --bin claimlint

# The Wasm engine and its compiled built-in rule pack, as the extension and www load them.
WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET_DIR := target/wasm
PKG := extension/pkg
wasm-setup:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$' || $(CARGO) install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)

# The shipped .wasm must stay within the extension's budget (400 KB before compression).
WASM_BUDGET := 409600
wasm: wasm-setup build
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) $(CARGO) build --profile wasm --lib --target wasm32-unknown-unknown --no-default-features
	wasm-bindgen --target web --out-dir $(PKG) --out-name claimlint $(WASM_TARGET_DIR)/wasm32-unknown-unknown/wasm/claimlint.wasm
	$(CARGO) run --quiet --release --bin claimlint -- compile -o $(PKG)/rules.bin
	@size=$$(stat -c %s $(PKG)/claimlint_bg.wasm); echo "claimlint_bg.wasm: $$size bytes (budget $(WASM_BUDGET))"; \
	  [ $$size -le $(WASM_BUDGET) ] || { echo "error: the Wasm engine is over budget" >&2; exit 1; }

# Check the demo page with the CLI. Exit status 1 means "claims found", which is the point here.
run: build
	@$(BIN) check $(DEMO); status=$$?; [ $$status -le 1 ] || exit $$status

lint: setup wasm-setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --no-default-features -- -D warnings
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) $(CARGO) clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

# The evaluation report runs first, so the test runner's summary closes the output.
test: lint wasm
	$(CARGO) run --quiet --release --example eval
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	node --test tests/wasm/

# Precision and recall on the labelled sentences (ARGS=--misses lists the misclassified ones).
eval:
	$(CARGO) run --quiet --release --example eval -- $(ARGS)

bench:
	$(CARGO) bench --bench engine

clean:
	$(CARGO) clean
