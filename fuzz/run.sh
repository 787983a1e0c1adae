#!/usr/bin/env bash
# `make fuzz`: each cargo-fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS (FUZZ_JOBS at once),
# then a table of what each did (runs, coverage, corpus, findings), also appended to
# BENCHMARKS.md. Never part of `make test`. A finding is kept in fuzz/artifacts/<target>/ and
# makes the run fail; `cargo fuzz run <target> <file>` replays it. Fixed findings become
# regression tests beside the code they were in.
#
# cargo-fuzz runs on stable here: RUSTC_BOOTSTRAP=1 lets rustc take the -Z flags it passes,
# and `--sanitizer none` leaves out AddressSanitizer (safe Rust; the targets check what the
# code must never do and libFuzzer catches panics, timeouts and runaway memory).
#
# Settings (environment):
#   FUZZ_SECONDS=300      time per target
#   FUZZ_TARGETS="search_query markdown url_path wordpress_import"
#   FUZZ_JOBS=1           targets fuzzed at once (one core each)
#   FUZZ_APPEND=0         do not append the table to BENCHMARKS.md
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-300}"
TARGETS="${FUZZ_TARGETS:-search_query markdown url_path wordpress_import}"
JOBS="${FUZZ_JOBS:-1}"
log() { printf '==> [fuzz] %s\n' "$*" >&2; }

# Inputs each target starts from besides its own growing corpus (fuzz/corpus/<target>, not
# committed): the demo newsroom's Markdown, the WordPress fixture, and a few committed seeds.
seeds() {
  case "$1" in
    markdown) echo "$ROOT/src/server/demo/articles" ;;
    wordpress_import) echo "$ROOT/tests/fixtures/wordpress" ;;
    *) echo "seeds/$1" ;;
  esac
}

export RUSTC_BOOTSTRAP=1
log "cargo fuzz build --sanitizer none (the first build takes several minutes)"
cargo fuzz build --sanitizer none >&2

ROWS="$(mktemp -d)"
trap 'rm -rf "$ROWS"' EXIT

# fuzz_one <target>: runs it, leaving its table row in $ROWS/<target> (and $ROWS/<target>.failed
# when it found something).
fuzz_one() {
  local target=$1 out status=0 found runs speed cov corpus
  mkdir -p "corpus/$target" "artifacts/$target"
  out="$ROWS/$target.log"
  log "$target for $SECONDS_PER_TARGET s"
  # -timeout: one input taking over 10 s is a finding; -rss_limit_mb: so is memory past 4 GB;
  # -max_len: inputs up to 64 kB (the WordPress fixture is 21 kB).
  cargo fuzz run --sanitizer none "$target" "corpus/$target" "$(seeds "$target")" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 >"$out" 2>&1 || status=$?
  found="none"
  if [[ $status != 0 ]]; then
    touch "$ROWS/$target.failed"
    found="$(grep -m1 -E 'panicked|ERROR: libFuzzer|deadly signal|Test unit written' "$out" | cut -c1-160 || true)"
    found="${found:-exit status $status}; artifact in fuzz/artifacts/$target/"
    { echo "----- $target: the end of its output -----"; tail -n 40 "$out"; } >&2
  fi
  # (A target that failed before libFuzzer's first report has none of these.)
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n1 || true)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out" | tail -n1 || true)"
  cov="$(grep -oE 'cov: [0-9]+' "$out" | tail -n1 | cut -d' ' -f2 || true)"
  corpus="$(find "corpus/$target" -type f | wc -l || true)"
  echo "| $target | $SECONDS_PER_TARGET | ${runs:-?} | ${speed:-?} | ${cov:-?} | $corpus | $found |" \
    >"$ROWS/$target"
}

# FUZZ_JOBS targets at a time, each on one core.
running=0
for target in $TARGETS; do
  if ((running >= JOBS)); then
    wait -n || true
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
wait || true
failed=0
rows=()
for target in $TARGETS; do
  rows+=("$(cat "$ROWS/$target" 2>/dev/null || echo "| $target | $SECONDS_PER_TARGET | ? | ? | ? | ? | the run failed to start |")")
  [[ -e "$ROWS/$target.failed" || ! -e "$ROWS/$target" ]] && failed=1
done

report="$(
  echo
  echo "## Fuzzing of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`make fuzz\` (\`fuzz/run.sh\`), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown): cargo-fuzz (libFuzzer), \`--sanitizer none\`, $JOBS target(s) at a time on $(nproc) cores."
  echo
  echo "| Target | Seconds | Inputs run | Inputs/s | Coverage (edges) | Corpus | Findings |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
)"
echo "$report"
if [[ "${FUZZ_APPEND:-1}" != 0 ]]; then
  echo "$report" >>"$ROOT/BENCHMARKS.md"
  log "appended to BENCHMARKS.md"
fi
exit "$failed"
