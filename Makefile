# Timelines: build, run and test.
#
#   make run     build the release site + server and serve it (Leptos.toml address,
#                default http://127.0.0.1:3000)
#   make watch   cargo leptos watch (dev build, live reload)
#   make test    unit/integration tests, clippy (ssr + wasm), release build, end-to-end
#   make e2e     release build + end-to-end tests only (E2E_ARGS="--project=nojs" etc.)
#   make bench   benchmarks against nginx, weight, 100k-article scale, search, Lighthouse
#                (appends to BENCHMARKS.md; never part of make test)
#   make soak    ten minutes of mixed load at 64 connections (appends to BENCHMARKS.md)
#   make fuzz    each cargo-fuzz target for FUZZ_SECONDS (appends to BENCHMARKS.md)
#   make tools   install the Rust/wasm build tools (idempotent)
#   make fmt     cargo fmt;  make fmt-check  check formatting only
#   make clean   cargo clean + test output;  make distclean  also .tools and node_modules
#
# Every tool is installed here, idempotently, and skipped when already present at
# the pinned version, so a fresh clone on a fresh machine only needs `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# Steps must run in the order listed, even under `make -j`.
.NOTPARALLEL:

# ---- pinned tool versions ---------------------------------------------------
CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION     := 132.0.0
ESBUILD_VERSION      := 0.28.2
LIGHTNINGCSS_VERSION := 1.33.0
WASM_TARGET          := wasm32-unknown-unknown
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { f = 1; next } f && /^version = / { gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock 2>/dev/null)

# ---- paths -------------------------------------------------------------------
TOOLS_DIR   := $(CURDIR)/.tools
E2E_DIR     := $(CURDIR)/end2end
E2E_STAMP   := $(E2E_DIR)/node_modules/.npm-ci-stamp
CHROMIUM    := /usr/bin/chromium
CARGO_BIN   := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

# wasm-opt (npm binaryen) and cargo-installed tools come first on PATH.
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# Never let Playwright try to download a browser: we use Debian's Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# Runtime settings for `make run` (the server reads Leptos.toml, then env vars; see the
# README's Configuration for the precedence).
RUN_ENV := LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=timelines

# Extra arguments for `npx playwright test`, e.g. make e2e E2E_ARGS="--project=nojs".
E2E_ARGS ?=

.PHONY: help tools tools-wasm-target tools-cargo-leptos tools-wasm-bindgen tools-npm \
        test-tools tools-clippy tools-rustfmt tools-chromium tools-xmllint tools-e2e-npm \
        build newsroom-bundle run watch test test-rust clippy e2e e2e-only fmt fmt-check clean distclean

help:
	@sed -n '3,15p' Makefile | sed 's/^# \{0,1\}//'

# ---- build tools ---------------------------------------------------------------
# The release build (scripts/build-site.sh) needs no cargo-leptos; `make watch` installs it.
tools: tools-wasm-target tools-wasm-bindgen tools-npm

tools-wasm-target:
	@echo "==> tools: rust target $(WASM_TARGET)"
	@if rustup target list --installed | grep -qx '$(WASM_TARGET)'; then \
	  echo "    already installed"; \
	else \
	  echo "    rustup target add $(WASM_TARGET)"; \
	  rustup target add $(WASM_TARGET); \
	fi

tools-cargo-leptos:
	@echo "==> tools: cargo-leptos $(CARGO_LEPTOS_VERSION)"
	@have="$$(cargo leptos --version 2>/dev/null | awk '{ print $$NF }' || true)"; \
	if [[ "$$have" == "$(CARGO_LEPTOS_VERSION)" ]]; then \
	  echo "    already installed"; \
	else \
	  echo "    found '$${have:-none}'; cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads (about 15 min)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads --force; \
	fi

tools-wasm-bindgen:
	@want="$(WASM_BINDGEN_VERSION)"; \
	if [[ -z "$$want" ]]; then \
	  echo "ERROR: could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1; \
	fi; \
	echo "==> tools: wasm-bindgen-cli $$want (from Cargo.lock)"; \
	have="$$(wasm-bindgen --version 2>/dev/null | awk '{ print $$2 }' || true)"; \
	if [[ "$$have" == "$$want" ]]; then \
	  echo "    already installed"; \
	else \
	  echo "    found '$${have:-none}'; cargo install wasm-bindgen-cli --version =$$want (about 5 min)"; \
	  cargo install wasm-bindgen-cli --version "=$$want" --force; \
	fi

# wasm-opt (binaryen), esbuild (minifies the wasm's JS) and lightningcss (minifies the CSS), from
# the npm registry into .tools/, in one install: a second `npm install --no-save` would prune the
# first's packages.
NPM_TOOLS := binaryen@$(BINARYEN_VERSION) esbuild@$(ESBUILD_VERSION) lightningcss-cli@$(LIGHTNINGCSS_VERSION)
tools-npm:
	@echo "==> tools: $(NPM_TOOLS) from npm in .tools/"
	@have=""; for p in $(NPM_TOOLS); do \
	  n="$${p%@*}"; v="$$(node -p "require('$(TOOLS_DIR)/node_modules/$$n/package.json').version" 2>/dev/null || true)"; \
	  have="$$have $$n@$$v"; \
	done; \
	if [[ "$$have" == " $(NPM_TOOLS)" && -x "$(TOOLS_DIR)/node_modules/.bin/wasm-opt" && -x "$(TOOLS_DIR)/node_modules/.bin/esbuild" && -x "$(TOOLS_DIR)/node_modules/.bin/lightningcss" ]]; then \
	  echo "    already installed"; \
	else \
	  echo "    found$$have; npm install --prefix .tools $(NPM_TOOLS)"; \
	  mkdir -p "$(TOOLS_DIR)"; \
	  npm install --prefix "$(TOOLS_DIR)" --no-save --no-audit --no-fund $(NPM_TOOLS); \
	fi; \
	echo "    $$(wasm-opt --version); esbuild $$(esbuild --version); $$(lightningcss --version)"

# ---- test tools ------------------------------------------------------------------
test-tools: tools-clippy tools-chromium tools-xmllint tools-nginx tools-e2e-npm

tools-clippy:
	@echo "==> tools: clippy"
	@if cargo clippy --version >/dev/null 2>&1; then \
	  echo "    already installed"; \
	else \
	  echo "    rustup component add clippy"; \
	  rustup component add clippy; \
	fi

tools-rustfmt:
	@echo "==> tools: rustfmt"
	@if cargo fmt --version >/dev/null 2>&1; then \
	  echo "    already installed"; \
	else \
	  echo "    rustup component add rustfmt"; \
	  rustup component add rustfmt; \
	fi

tools-chromium:
	@echo "==> tools: Debian chromium at $(CHROMIUM)"
	@if [[ -x "$(CHROMIUM)" ]]; then \
	  echo "    already installed"; \
	else \
	  sudo=""; [[ "$$(id -u)" == 0 ]] || sudo="sudo"; \
	  echo "    apt-get update && apt-get install -y chromium"; \
	  $$sudo apt-get update; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

# xmllint validates the sitemaps against tests/schemas/*.xsd in tests/feeds.rs.
tools-xmllint:
	@echo "==> tools: xmllint (Debian libxml2-utils)"
	@if command -v xmllint >/dev/null 2>&1; then \
	  echo "    already installed"; \
	else \
	  sudo=""; [[ "$$(id -u)" == 0 ]] || sudo="sudo"; \
	  echo "    apt-get update && apt-get install -y libxml2-utils"; \
	  $$sudo apt-get update; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y libxml2-utils; \
	fi

# nginx runs in front of two app servers in tests/restart.rs (a rolling restart loses no
# request); Debian's, found in /usr/sbin.
tools-nginx:
	@echo "==> tools: nginx (Debian)"
	@if [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1; then \
	  echo "    already installed"; \
	else \
	  sudo=""; [[ "$$(id -u)" == 0 ]] || sudo="sudo"; \
	  echo "    apt-get update && apt-get install -y nginx"; \
	  $$sudo apt-get update; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y nginx; \
	fi

# npm ci from the committed lock, skipped while a stamp is newer than the lock.
tools-e2e-npm:
	@echo "==> tools: end2end npm packages (@playwright/test, @axe-core/playwright)"
	@if [[ -f "$(E2E_STAMP)" && "$(E2E_STAMP)" -nt "$(E2E_DIR)/package-lock.json" && "$(E2E_STAMP)" -nt "$(E2E_DIR)/package.json" ]]; then \
	  echo "    already up to date with package-lock.json"; \
	else \
	  echo "    cd end2end && npm ci"; \
	  cd "$(E2E_DIR)" && npm ci --no-audit --no-fund; \
	  touch "$(E2E_STAMP)"; \
	fi

# ---- build / run -----------------------------------------------------------------
# The site with content-hashed names and a .br and .gz beside every file, which the server sends
# to browsers that accept them, and the server: as `cargo leptos build --release --precompress`.
build: tools newsroom-bundle
	@echo "==> bash scripts/build-site.sh (what cargo leptos build --release --precompress makes)"
	bash scripts/build-site.sh

# The newsroom's islands (editor autosave, slug follow, unsaved-changes guard) in a wasm bundle
# of their own, so that readers never download them: the lib built with `--features newsroom`
# as cargo-leptos builds the readers' (same target dir, profile, RUSTFLAGS and LEPTOS_OUTPUT_NAME,
# so the dependencies are shared and neither build invalidates the other), then wasm-bindgen,
# wasm-opt, a content hash in the names (`newsroom.<hash>.js`/`.wasm`, cached for a year) and
# brotli/gzip siblings. They go to public/newsroom-pkg/ (not in git), which scripts/build-site.sh
# and cargo-leptos copy into the site at every build and under `cargo leptos watch` (both empty
# the site root first, so a bundle written there would not survive); the server finds it at start
# (src/server/http/assets.rs).
NEWSROOM_OUT := target/newsroom-bundle
NEWSROOM_PKG := public/newsroom-pkg
newsroom-bundle: tools
	@echo "==> newsroom bundle: cargo build --lib --features newsroom (wasm-release), wasm-bindgen, wasm-opt"
	LEPTOS_OUTPUT_NAME=timelines RUSTFLAGS="--cfg erase_components" cargo build --package=timelines --lib \
	  --target-dir=target/front --target=$(WASM_TARGET) --no-default-features --features=newsroom --profile=wasm-release
	rm -rf $(NEWSROOM_OUT) && mkdir -p $(NEWSROOM_OUT) $(NEWSROOM_PKG)
	wasm-bindgen --target=web --out-name=newsroom --out-dir=$(NEWSROOM_OUT) \
	  target/front/$(WASM_TARGET)/wasm-release/timelines.wasm
	wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  $(NEWSROOM_OUT)/newsroom_bg.wasm -o $(NEWSROOM_OUT)/newsroom_bg.wasm
	hash="$$(cat $(NEWSROOM_OUT)/newsroom.js $(NEWSROOM_OUT)/newsroom_bg.wasm | sha256sum | cut -c1-20)"; \
	rm -f $(NEWSROOM_PKG)/newsroom.*; \
	cp $(NEWSROOM_OUT)/newsroom.js "$(NEWSROOM_PKG)/newsroom.$$hash.js"; \
	cp $(NEWSROOM_OUT)/newsroom_bg.wasm "$(NEWSROOM_PKG)/newsroom.$$hash.wasm"; \
	node scripts/precompress.js "$(NEWSROOM_PKG)/newsroom.$$hash.js" "$(NEWSROOM_PKG)/newsroom.$$hash.wasm"; \
	echo "    $(NEWSROOM_PKG)/newsroom.$$hash.{js,wasm}: $$(stat -c %s $(NEWSROOM_PKG)/newsroom.$$hash.wasm.br) bytes of wasm (brotli)"

run: build
	@echo "==> $(RUN_ENV) ./target/release/timelines (address from Leptos.toml, default http://127.0.0.1:3000)"
	@mkdir -p data
	exec env $(RUN_ENV) ./target/release/timelines

# The newsroom's islands come from their own bundle: `make newsroom-bundle` after changing them.
watch: tools tools-cargo-leptos
	@test -n "$$(ls public/newsroom-pkg/newsroom.*.js 2>/dev/null)" || $(MAKE) --no-print-directory newsroom-bundle
	@echo "==> cargo leptos watch"
	cargo leptos watch

# ---- tests -------------------------------------------------------------------------
# The release build (`make build`: its tools, both wasm bundles and the server, about 25 minutes of
# a fresh machine's two cores) runs beside the Rust tests and clippy, at the lowest CPU and I/O
# priority: it takes only what they leave idle (the test build's stretches on one crate, the
# tests' waits on databases, timers and subprocesses) and so does not slow them. Its output goes
# to $(BUILD_LOG), shown when it ends; Playwright starts once both are done. A failing test or
# clippy run stops the build at once; a failing build is reported when the tests end. (`set -m` gives the build a process group of its own, so that all of it can be
# stopped, in the same session: a new session, as setsid makes, would be a scheduling group of its
# own under Linux's autogroup, sharing the CPU half and half whatever its nice value.)
BUILD_LOG := target/make-build.log
test: tools-wasm-target
	@mkdir -p target; \
	low="nice -n 19"; command -v ionice >/dev/null && low="$$low ionice -c 3 -t"; \
	echo "==> make build, beside the tests at the lowest priority (its output: $(BUILD_LOG))"; \
	set -m; $$low $(MAKE) --no-print-directory build </dev/null >$(BUILD_LOG) 2>&1 & build=$$!; set +m; \
	trap 'kill -- -$$build 2>/dev/null || true' EXIT; \
	$(MAKE) --no-print-directory test-tools test-rust clippy; \
	echo "==> waiting for make build (beside the tests since they started)"; \
	if wait $$build; then \
	  trap - EXIT; echo "    make build done; the end of its output:"; tail -n 12 $(BUILD_LOG) | sed 's/^/    /'; \
	else \
	  trap - EXIT; echo "ERROR: make build failed; its output:" >&2; cat $(BUILD_LOG) >&2; exit 1; \
	fi; \
	$(MAKE) --no-print-directory e2e-only

# The tests that need PostgreSQL get a throwaway cluster of their own (scripts/with-postgres.sh
# installs Debian's postgresql-15 when it is missing, and removes the cluster afterwards).
# The store's contract (its unit tests) and the integration suites run on both databases: on
# SQLite files, then on PostgreSQL (TIMELINES_TEST_BACKEND=postgres: a database per test).
# The read-replica tests (named with_replica_…) run once more, beside a cluster with a streaming
# replica (PG_REPLICA=1), which the other passes do without. Every pass runs beside a throwaway
# SMTP server that keeps what it receives (scripts/with-smtp.sh: aiosmtpd from PyPI), whose
# messages the newsletter tests read.
test-rust:
	@echo "==> cargo test --features ssr (unit + integration tests on SQLite, then on PostgreSQL)"
	bash scripts/with-smtp.sh -- bash scripts/with-postgres.sh -- sh -c 'cargo test --features ssr -- --skip with_replica_ && \
	  echo "==> the same tests on PostgreSQL" && \
	  TIMELINES_TEST_BACKEND=postgres cargo test --features ssr -- --skip with_replica_'
	@echo "==> the read-replica tests, beside a PostgreSQL streaming replica"
	PG_REPLICA=1 bash scripts/with-postgres.sh -- cargo test --features ssr --test read_replica

clippy: tools-wasm-target tools-clippy
	@echo "==> cargo clippy --lib --features hydrate --target $(WASM_TARGET) -- -D warnings"
	cargo clippy --lib --features hydrate --target $(WASM_TARGET) -- -D warnings
	@echo "==> cargo clippy --lib --features newsroom --target $(WASM_TARGET) -- -D warnings"
	cargo clippy --lib --features newsroom --target $(WASM_TARGET) -- -D warnings
	@echo "==> cargo clippy --features ssr --all-targets -- -D warnings"
	cargo clippy --features ssr --all-targets -- -D warnings
	@echo "    (cargo test --lib --features hydrate is skipped: the hydrate build targets wasm only)"

e2e: tools test-tools build e2e-only

e2e-only:
	@echo "==> bash end2end/run-e2e.sh $(E2E_ARGS) (beside the SMTP test server)"
	bash scripts/with-smtp.sh -- bash end2end/run-e2e.sh $(E2E_ARGS)

# ---- housekeeping --------------------------------------------------------------------
fmt: tools-rustfmt
	@echo "==> cargo fmt --all"
	cargo fmt --all

fmt-check: tools-rustfmt
	@echo "==> cargo fmt --all -- --check"
	cargo fmt --all -- --check

clean:
	@echo "==> cargo clean; removing end2end test output and the fuzz targets' build"
	cargo clean
	rm -rf end2end/test-results end2end/playwright-report end2end/blob-report fuzz/target

distclean: clean
	@echo "==> removing .tools/ and end2end/node_modules/"
	rm -rf "$(TOOLS_DIR)" "$(E2E_DIR)/node_modules"

# ---- benchmark ---------------------------------------------------------------------------------
# make bench        build the release site, then bash bench/run.sh: throughput and latency against
#                   nginx serving the same bytes, weight, 100,000-article scale, search latency and
#                   Lighthouse; prints one report and appends it to BENCHMARKS.md. Never part of
#                   make test. Settings: BENCH_* variables, listed in bench/run.sh and the README.
# make tools-bench  install its tools (idempotent): wrk, nginx, brotli, curl from Debian, Chromium,
#                   and Lighthouse (version pinned in bench/package.json and package-lock.json).
BENCH_DIR   := $(CURDIR)/bench
BENCH_STAMP := $(BENCH_DIR)/node_modules/.npm-ci-stamp
LIGHTHOUSE_VERSION = $(shell node -p "require('$(BENCH_DIR)/package.json').devDependencies.lighthouse" 2>/dev/null)

.PHONY: bench tools-bench tools-bench-apt tools-bench-npm soak fuzz tools-cargo-fuzz

bench: tools-bench
	@echo "==> bash bench/run.sh (runs make build first unless BENCH_SKIP_BUILD=1)"
	bash bench/run.sh

tools-bench: tools-chromium tools-bench-apt tools-bench-npm

# Ten minutes of a news site's mixed load on the release build (bench/soak.sh; settings there),
# appended to BENCHMARKS.md. Node.js (the machine's) drives it; curl waits for the server.
soak:
	@echo "==> bash bench/soak.sh (runs make build first unless SOAK_SKIP_BUILD=1)"
	bash bench/soak.sh

# Each fuzz target for FUZZ_SECONDS (default 300) with cargo-fuzz (fuzz/run.sh), appended to
# BENCHMARKS.md; findings in fuzz/artifacts/.
CARGO_FUZZ_VERSION = 0.13.2
fuzz: tools-cargo-fuzz
	@echo "==> bash fuzz/run.sh"
	bash fuzz/run.sh

tools-cargo-fuzz:
	@echo "==> tools: cargo-fuzz $(CARGO_FUZZ_VERSION)"
	@have="$$(cargo fuzz --version 2>/dev/null | awk '{ print $$NF }' || true)"; \
	if [[ "$$have" == "$(CARGO_FUZZ_VERSION)" ]]; then \
	  echo "    already installed"; \
	else \
	  echo "    found '$${have:-none}'; cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked (about 2 min)"; \
	  cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked --force; \
	fi
	@# libfuzzer-sys builds libFuzzer, which is C++.
	@if ! command -v c++ >/dev/null 2>&1; then \
	  sudo=""; [[ "$$(id -u)" == 0 ]] || sudo="sudo"; \
	  echo "    no C++ compiler: apt-get install -y g++"; \
	  $$sudo apt-get update -qq; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ >/dev/null; \
	fi

# command:Debian package; nginx is looked for in /usr/sbin too, which a user's PATH may lack.
tools-bench-apt:
	@echo "==> tools: wrk, nginx, brotli, curl, gzip (Debian)"
	@missing=""; \
	for pair in wrk:wrk nginx:nginx brotli:brotli curl:curl gzip:gzip; do \
	  cmd="$${pair%%:*}"; pkg="$${pair#*:}"; \
	  if ! PATH="$$PATH:/usr/sbin:/sbin" command -v "$$cmd" >/dev/null 2>&1; then missing="$$missing $$pkg"; fi; \
	done; \
	if [[ -z "$$missing" ]]; then \
	  echo "    already installed"; \
	else \
	  sudo=""; [[ "$$(id -u)" == 0 ]] || sudo="sudo"; \
	  echo "    apt-get update && apt-get install -y$$missing"; \
	  $$sudo apt-get update; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

# npm ci from the committed lock, skipped while the pinned Lighthouse is installed and a stamp is
# newer than the lock.
tools-bench-npm:
	@want="$(LIGHTHOUSE_VERSION)"; \
	if [[ -z "$$want" ]]; then echo "ERROR: could not read the lighthouse version from bench/package.json" >&2; exit 1; fi; \
	echo "==> tools: lighthouse $$want in bench/ (npm ci)"; \
	have="$$(node -p "require('$(BENCH_DIR)/node_modules/lighthouse/package.json').version" 2>/dev/null || true)"; \
	if [[ "$$have" == "$$want" && -f "$(BENCH_STAMP)" && "$(BENCH_STAMP)" -nt "$(BENCH_DIR)/package-lock.json" ]]; then \
	  echo "    already installed"; \
	else \
	  echo "    found '$${have:-none}'; cd bench && npm ci"; \
	  cd "$(BENCH_DIR)" && npm ci --no-audit --no-fund; \
	  touch "$(BENCH_STAMP)"; \
	fi
