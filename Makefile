# ClaimLint: `make run` builds and checks the bundled demo page; `make test` runs every check.
SHELL := /bin/bash
CARGO ?= cargo
BIN := target/release/claimlint
DEMO := www/demo.html

.PHONY: all setup build run test lint eval bench clean

all: build

# Everything the build needs beyond the machine's Rust toolchain.
setup:
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

build: setup
	$(CARGO) build --release --bin claimlint

# Check the demo page with the CLI. Exit status 1 means "claims found", which is the point here.
run: build
	@$(BIN) check $(DEMO); status=$$?; [ $$status -le 1 ] || exit $$status

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --no-default-features -- -D warnings

# The evaluation report runs first, so the test runner's summary closes the output.
test: lint
	$(CARGO) run --quiet --release --example eval
	$(CARGO) test --all-targets
	$(CARGO) test --doc

# Precision and recall on the labelled sentences (ARGS=--misses lists the misclassified ones).
eval:
	$(CARGO) run --quiet --release --example eval -- $(ARGS)

bench:
	$(CARGO) bench --bench engine

clean:
	$(CARGO) clean
