#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/Targets against the package's sources and runs each
# for SECONDS (default 60), one at a time.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      targets: extractor text query reader (default: all)
#
# Fuzz/regressions/ holds crashing inputs of the citation extractor kept for its maintainers; they
# are not seeds here (CI would fail on them until they are fixed). Replay one with
#   Fuzz/out/bin/fuzz-extractor Fuzz/regressions/extractor/FILE
#
# The modules (VietText, Citations, Corpus, SearchIndex) are compiled here with swiftc
# -sanitize=fuzzer,address into Fuzz/out/, apart from .build/, so `swift build` and `swift test`
# are never disturbed. Seeds: the shipped corpus cut into pieces of at most 4 KiB at line ends
# (extractor, text), Fuzz/seeds/query (query), and two small index files built from such pieces
# with the same sources (reader). Small seeds keep inputs small: libFuzzer mutates and runs a
# 4 KiB input many times faster than a 50 KiB file (the whole seed files ran the text target at
# 49 executions/s). Inputs are capped at 4 KiB (reader: the larger seed index). New inputs
# libFuzzer finds go to Fuzz/out/corpus/TARGET, crashes to Fuzz/out/artifacts/, logs to
# Fuzz/out/logs/.
# Exit status: 0 when no target crashed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(extractor text query reader)

OUT=Fuzz/out
MODS="$OUT/modules"
OBJS="$OUT/objects"
mkdir -p "$MODS" "$OBJS" "$OUT/logs" "$OUT/artifacts" "$OUT/bin"

COMMON=(-swift-version 6 -package-name cancu -O -g -enable-testing
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
  -sanitize=fuzzer,address -parse-as-library)

# ld.gold warns about every ASan check symbol it cannot export: noise.
quiet() { grep -v "Cannot export local symbol" || true; }

# Compiles one module when any of its sources (or a module it depends on) is newer than its object.
build_module() {
  local name="$1"
  shift
  local object="$OBJS/$name.o" inputs=("Sources/$name")
  for dependency in "$@"; do inputs+=("$MODS/$dependency.swiftmodule"); done
  if [ -f "$object" ] && [ -z "$(find "${inputs[@]}" -newer "$object" -print -quit)" ]; then
    return
  fi
  echo "fuzz: compiling $name"
  local sources=()
  while IFS= read -r -d '' f; do sources+=("$f"); done < <(find "Sources/$name" -name '*.swift' -print0 | sort -z)
  swiftc "${COMMON[@]}" -module-name "$name" -wmo -num-threads 0 -I "$MODS" \
    -emit-module -emit-module-path "$MODS/$name.swiftmodule" \
    -c "${sources[@]}" -o "$object" 2>&1 | quiet
}
build_module VietText
build_module Citations VietText
build_module Corpus VietText Citations
build_module SearchIndex VietText Citations Corpus

# target name → source file
source_of() {
  case "$1" in
    extractor) echo Fuzz/Targets/Extractor.swift ;;
    text) echo Fuzz/Targets/Text.swift ;;
    query) echo Fuzz/Targets/Query.swift ;;
    reader) echo Fuzz/Targets/IndexReader.swift ;;
    *) echo "fuzz: unknown target '$1'" >&2; exit 2 ;;
  esac
}

build_target() {
  local target="$1" source
  source="$(source_of "$target")"
  local binary="$OUT/bin/fuzz-$target"
  if [ -f "$binary" ] && [ -z "$(find "$source" "$OBJS" -newer "$binary" -print -quit)" ]; then
    return
  fi
  echo "fuzz: linking $target"
  swiftc "${COMMON[@]}" -module-name "Fuzz_$target" -I "$MODS" "$source" "$OBJS"/*.o -o "$binary" 2>&1 | quiet
}

# Text seeds: every corpus file cut at line ends into pieces of at most CHUNK bytes (a longer line
# would be a piece of its own; the shipped corpus has none), named FILE-NNN.txt.
CHUNK=4096
seed_chunks() {
  local seeds="$OUT/seeds/chunks"
  [ -d "$seeds" ] && [ -z "$(find corpus -newer "$seeds" -print -quit)" ] && return
  echo "fuzz: cutting corpus/ into seeds of at most $CHUNK bytes"
  rm -rf "$seeds"
  mkdir -p "$seeds"
  local file
  for file in corpus/*; do
    [ -f "$file" ] || continue
    LC_ALL=C awk -v out="$seeds/$(basename "$file" .txt)" -v limit="$CHUNK" '
      { line = $0 "\n"
        if (size > 0 && size + length(line) > limit) { close(name); part++; size = 0 }
        name = sprintf("%s-%03d.txt", out, part)
        printf "%s", line > name
        size += length(line) }' "$file"
  done
}

# Seed index files for the reader, small because small inputs mutate and run faster: few.index
# holds the first piece of the first three corpus files, one.index the first piece of the last.
# Built with the fuzz binaries' own sources, through a tiny builder target.
seed_reader() {
  local seeds="$OUT/seeds/reader"
  local inputs=("$OBJS" "$OUT/seeds/chunks" Fuzz/Targets/SeedIndex.swift)
  [ -d "$seeds" ] && [ -z "$(find "${inputs[@]}" -newer "$seeds" -print -quit)" ] && return
  echo "fuzz: building seed indexes"
  # Linked without libFuzzer's main; ASan's runtime provides the coverage hooks' defaults.
  swiftc -swift-version 6 -package-name cancu -O -parse-as-library -sanitize=address \
    -module-name SeedIndex -I "$MODS" Fuzz/Targets/SeedIndex.swift "$OBJS"/*.o \
    -o "$OUT/bin/seed-index" 2>&1 | quiet
  rm -rf "$seeds" "$OUT/seed-scratch"
  mkdir -p "$seeds" "$OUT/seed-scratch/few" "$OUT/seed-scratch/one"
  local firsts=("$OUT"/seeds/chunks/*-000.txt)
  cp "${firsts[@]:0:3}" "$OUT/seed-scratch/few/"
  cp "${firsts[-1]}" "$OUT/seed-scratch/one/"
  local name
  for name in few one; do
    ASAN_OPTIONS=detect_leaks=0 "$OUT/bin/seed-index" "$OUT/seed-scratch/$name" \
      "$seeds/$name.index" "$OUT/seed-scratch/$name-index"
  done
  rm -rf "$OUT/seed-scratch"
}

# The largest file in a folder, in bytes: the reader's input cap.
largest() { find "$1" -type f -printf '%s\n' | sort -n | tail -n 1; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
failed=()
for target in "${TARGETS[@]}"; do
  build_target "$target"
  # An explicit -max_len, or libFuzzer takes the largest input of Fuzz/out/corpus/TARGET, which
  # may hold whole files from older runs.
  case "$target" in
    extractor | text) seed_chunks; seeds=("$OUT/seeds/chunks"); max_len=$CHUNK ;;
    query) seeds=(Fuzz/seeds/query); max_len=4096 ;;
    reader)
      seed_chunks
      seed_reader
      seeds=("$OUT/seeds/reader")
      max_len=$(largest "$OUT/seeds/reader")
      ;;
  esac
  mkdir -p "$OUT/corpus/$target"
  log="$OUT/logs/$target-$(date +%Y%m%d-%H%M%S).log"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s (log: $log)"
  # FUZZ_FLAGS: more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" for long unattended runs.
  # shellcheck disable=SC2086
  if "$OUT/bin/fuzz-$target" -max_len="$max_len" ${FUZZ_FLAGS:-} \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=20 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$target-" \
    "$OUT/corpus/$target" "${seeds[@]}" >"$log" 2>&1; then
    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$log" | sed "s/^/fuzz: $target: /" || true
  else
    echo "fuzz: $target FAILED; the end of its log:"
    tail -n 40 "$log"
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in $OUT/artifacts/)"
  exit 1
fi
echo "fuzz: ok"
