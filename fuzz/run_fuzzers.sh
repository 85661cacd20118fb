#!/usr/bin/env bash
# Runs the fuzz targets of a FTRIAGE_FUZZ=ON build (tools/test.sh does):
#   1. replays each target on its whole testdata files (BUILD/fuzz/replay/),
#   2. fuzzes each for SECONDS from its seed corpus (BUILD/fuzz/corpus/),
#      -rss_limit_mb=2048 -timeout=10 -max_len=8192, new inputs in a
#      temporary directory, crash inputs in BUILD/fuzz/artifacts/.
# Targets run in parallel, one per core. Exits 1 on any crash, leak,
# sanitizer report, timeout or out-of-memory, after printing its report.
# Usage: fuzz/run_fuzzers.sh BUILD_DIR [SECONDS] [TARGET...]
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-20}
shift $(($# < 2 ? $# : 2))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(funcgraph function retsnoop bcc_trace syscount detect
    read_in_blocks source_scanner kbuild config_condition kallsyms filter_functions
    kernel_config)
fi
fuzz_src=$(cd "$(dirname "$0")" && pwd)

run_one() {
  local target=$1 build=$2 seconds=$3 fuzz_src=$4
  local bin=$build/fuzz/${target}_fuzz group log work
  case $target in
    funcgraph | function | retsnoop | bcc_trace | syscount | detect | read_in_blocks)
      group=trace ;;
    source_scanner) group=source ;;
    config_condition) group=condition ;;
    filter_functions) group=filter ;;
    kernel_config) group=config ;;
    *) group=$target ;;
  esac
  log=$build/fuzz/logs/$target
  mkdir -p "$build/fuzz/logs" "$build/fuzz/artifacts"
  export UBSAN_OPTIONS=print_stacktrace=1
  local common=(-rss_limit_mb=2048 "-artifact_prefix=$build/fuzz/artifacts/$target-")
  if ! "$bin" "${common[@]}" -timeout=60 "$build/fuzz/replay/$group"/* \
    >"$log.replay" 2>&1; then
    echo "FAILED: $target on its testdata replay ($log.replay):"
    tail -n 60 "$log.replay"
    return 1
  fi
  local dict=()
  [ -f "$fuzz_src/$target.dict" ] && dict=("-dict=$fuzz_src/$target.dict")
  work=$(mktemp -d)
  if ! "$bin" "${common[@]}" "${dict[@]}" -timeout=10 -max_len=8192 \
    -max_total_time="$seconds" -print_final_stats=1 \
    "$work" "$build/fuzz/corpus/$target" >"$log.fuzz" 2>&1; then
    rm -rf "$work"
    echo "FAILED: $target while fuzzing ($log.fuzz):"
    tail -n 60 "$log.fuzz"
    return 1
  fi
  rm -rf "$work"
  echo "ok: $target ($(ls "$build/fuzz/replay/$group" | wc -l) files replayed," \
    "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.fuzz") runs in ${seconds}s)"
}
export -f run_one

printf '%s\n' "${targets[@]}" |
  xargs -P "$(nproc)" -I{} bash -c 'run_one "$@"' _ {} "$build" "$seconds" "$fuzz_src"
