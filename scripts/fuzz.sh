#!/usr/bin/env bash
# Fuzzes courier's input readers with cargo-fuzz (libFuzzer), one target after
# the other, SECONDS each (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   seed the corpora, then fuzz
#   scripts/fuzz.sh --seed                  only (re)build the seed corpora
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz
# --locked`). Corpora are built in fuzz/corpus/<target>/ from the repository's
# fixtures plus the small hand-written seeds in fuzz/seeds/<target>/; they and
# fuzz/artifacts/ are not committed. A crash, timeout or out-of-memory input
# lands in fuzz/artifacts/<target>/: once fixed, copy it to
# fuzz/regressions/<target>/, where `cargo test` replays it on stable
# (tests/integration/fuzz_regressions.rs). The input formats are documented
# in src/fuzzing.rs.
#
# Environment: FUZZ_JOBS (default 1) runs that many libFuzzer jobs per target;
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-rss_limit_mb=1024).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
corpus=$root/fuzz/corpus

TARGETS=(collection_json collection_v3 environment resolver request_builder captures snapshot_redact mock_matcher)

# A canned response (see src/fuzzing.rs, `response`).
RESPONSE=$'200 OK\nContent-Type: application/json\nLocation: https://example.com/cb?code=abc&state=1#frag\nSet-Cookie: sid=123; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT\n\n{"id":"9b2c7f0e-1a2b-4c3d-8e9f-001122334455","token":"eyJhbGciOi.eyJzdWIiOi.sig","items":[{"name":"a","v":1},{"name":"b","v":2}],"createdAt":"2024-01-02T03:04:05Z"}'

put() { # put TARGET NAME: stdin becomes one seed
  mkdir -p "$corpus/$1"
  cat >"$corpus/$1/$2"
}

# Files of the fixtures, NUL-separated, matching a find expression.
fixtures() {
  find tests/fixtures collections environments -type f "$@" -print0 2>/dev/null
}

seed_collections() {
  local f n=0
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    put collection_json "fixture-$n.json" <"$f"
  done < <(fixtures -name '*.postman_collection.json' -size -64k)
}

seed_v3() {
  local def n=0 dir sub req subreq example
  while IFS= read -r -d '' def; do
    dir=$(dirname "$(dirname "$def")")
    # A collection's definition has `$kind: collection`; folders' do not.
    grep -q 'collection' "$def" || continue
    req=$(find "$dir" -maxdepth 1 -name '*.request.yaml' | sort | head -n1)
    sub=$(find "$dir" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort | head -n1)
    subreq=""
    [[ -n $sub ]] && subreq=$(find "$sub" -maxdepth 1 -name '*.request.yaml' | sort | head -n1)
    example=$(find "$dir/.resources" -name '*.example.yaml' 2>/dev/null | sort | head -n1)
    n=$((n + 1))
    {
      cat "$def"
      printf '\n---\n'
      if [[ -n $req ]]; then cat "$req"; fi
      printf '\n---\n'
      if [[ -n $sub && -f $sub/.resources/definition.yaml ]]; then cat "$sub/.resources/definition.yaml"; fi
      printf '\n---\n'
      if [[ -n $subreq ]]; then cat "$subreq"; fi
      printf '\n---\n'
      if [[ -n $example ]]; then cat "$example"; fi
    } | put collection_v3 "fixture-$n"
  done < <(fixtures -path '*/.resources/definition.yaml')
}

seed_environments() {
  local f n=0
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf e; cat "$f"; } | put environment "env-$n"
  done < <(fixtures -name '*environment.json')
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf y; cat "$f"; } | put environment "yaml-$n"
  done < <(fixtures \( -name '*.environment.yaml' -o -name '*.globals.yaml' \))
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf d; cat "$f"; } | put environment "data-$n"
  done < <(fixtures -name '*.json' -path '*data*' -size -16k)
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf c; cat "$f"; } | put environment "csv-$n"
  done < <(fixtures -name '*.csv' -size -16k)
}

seed_requests() {
  # Each request of the fixture collections, with their environment's variables.
  command -v jq >/dev/null || { echo "note: jq not found; request_builder and mock_matcher get only fuzz/seeds" >&2; return 0; }
  local f n=0 vars req
  vars=$(jq -r '.values[]? | "e\(.key)=\(.value)"' environments/*.json tests/fixtures/*environment.json 2>/dev/null | head -n 40)
  while IFS= read -r -d '' f; do
    while IFS= read -r req; do
      n=$((n + 1))
      printf '%s\n---\n%s' "$vars" "$req" | put request_builder "fixture-$n"
    done < <(jq -c '[.. | objects | select(has("request")) | .request] | .[:6][]' "$f" 2>/dev/null)
  done < <(fixtures -name '*.postman_collection.json' -size -64k)
  # Collections with saved examples, asked for their first example.
  n=0
  while IFS= read -r -d '' f; do
    grep -q originalRequest "$f" || continue
    n=$((n + 1))
    local line
    line=$(jq -r '[.. | objects | select(has("originalRequest")) | .originalRequest][0]
      | "\(.method // "GET") /\((.url.path // []) | join("/"))"' "$f" 2>/dev/null || echo "GET /")
    { cat "$f"; printf '\n---\n%s\nAccept: application/json\n\n' "$line"; } | put mock_matcher "fixture-$n"
  done < <(fixtures -name '*.postman_collection.json' -size -128k)
}

seed_captures_and_snapshots() {
  local f n=0
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { cat "$f"; printf '\n---\n%s' "$RESPONSE"; } | put captures "fixture-$n"
  done < <(fixtures -name '*.captures.json')
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    { cat "$f"; printf '\n---\n$..token\nLocation?\n---\nabc\n---\n%s' "$RESPONSE"; } | put snapshot_redact "fixture-$n"
  done < <(fixtures -name 'courier.snapshots.json')
}

seed() {
  rm -rf "$corpus"
  seed_collections
  seed_v3
  seed_environments
  seed_requests
  seed_captures_and_snapshots
  local t
  for t in "${TARGETS[@]}"; do
    mkdir -p "$corpus/$t"
    if [[ -d fuzz/seeds/$t ]]; then cp fuzz/seeds/"$t"/* "$corpus/$t/"; fi
    if [[ -d fuzz/regressions/$t ]]; then cp fuzz/regressions/"$t"/* "$corpus/$t/" 2>/dev/null || true; fi
    echo "$t: $(find "$corpus/$t" -type f | wc -l) seeds"
  done
}

# Per-target libFuzzer flags. The resolver and the request builder expand
# `{{variables}}`: until expansion is bounded (issue 15), a self-multiplying
# variable (`a = {{a}}{{a}}{{a}}{{a}}`) exhausts time and memory, so they run
# in fork mode, which records such an input and goes on (-ignore_*).
flags() {
  case $1 in
    resolver | request_builder)
      echo "-max_len=2048 -rss_limit_mb=1024 -malloc_limit_mb=512 -timeout=5 -fork=1 -ignore_ooms=1 -ignore_timeouts=1 -ignore_crashes=0" ;;
    collection_json | mock_matcher) echo "-max_len=65536 -timeout=10" ;;
    *) echo "-max_len=16384 -timeout=10" ;;
  esac
}

if [[ ${1:-} == --seed ]]; then
  seed
  exit 0
fi

seconds=${1:-60}
shift || true
selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=("${TARGETS[@]}")
seed
(cd fuzz && cargo +nightly fuzz build -O --debug-assertions)
for t in "${selected[@]}"; do
  echo "== $t: ${seconds}s"
  extra=()
  if [[ -f fuzz/dict/$t.dict ]]; then extra+=("-dict=$root/fuzz/dict/$t.dict"); fi
  # libFuzzer's -jobs=1 would still send the output to a log file.
  if [[ ${FUZZ_JOBS:-1} -gt 1 ]]; then extra+=("-jobs=$FUZZ_JOBS" "-workers=$FUZZ_JOBS"); fi
  # shellcheck disable=SC2046,SC2086
  (cd fuzz && cargo +nightly fuzz run -O --debug-assertions "$t" "corpus/$t" -- \
    -max_total_time="$seconds" $(flags "$t") "${extra[@]}" ${FUZZ_ARGS:-} -print_final_stats=1)
done
