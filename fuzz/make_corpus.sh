#!/usr/bin/env bash
# Builds the fuzzers' inputs from testdata/ (run by the fuzz_corpus build
# step; nothing here is committed):
#   OUT/replay/GROUP/   every testdata file of that kind, whole (.gz/.zst
#                       decompressed): replayed once by each target of GROUP
#   OUT/corpus/TARGET/  the seed corpus for fuzzing: the same files cut at
#                       line boundaries into pieces of at most 4 KiB (at most
#                       24 per file: the first 8, then spread over the rest)
# Groups: trace (funcgraph function retsnoop bcc_trace syscount detect
# read_in_blocks),
# source (source_scanner), kbuild, condition (config_condition: the #if
# lines of the synthetic kernel tree and fuzz/conditions.txt, each with a
# .config setting the options it names), kallsyms, filter (filter_functions), config
# (kernel_config).
set -euo pipefail
testdata=$1
out=$2
rm -rf "$out/replay" "$out/corpus" "$out/pieces"
mkdir -p "$out"/replay/{trace,source,kbuild,condition,kallsyms,filter,config} "$out/corpus"

# Copies |file| into replay/|group| under a name made from its path.
add() {
  local group=$1 file=$2
  local name=${file#"$testdata"/}
  name=${name//\//__}
  case $file in
    *.gz) name=${name%.gz}; gzip -dc "$file" >"$out/replay/$group/$name" 2>/dev/null || true ;;
    *.zst) name=${name%.zst}; zstd -qdc "$file" >"$out/replay/$group/$name" 2>/dev/null || true ;;
    *) cp "$file" "$out/replay/$group/$name" ;;
  esac
}

while IFS= read -r -d '' f; do
  rel=${f#"$testdata"/}
  case $rel in
    *.json | *.jsonl | *.md | *.meta | *.args | diff/*) ;;
    kernel/*/Makefile | kernel/*/Kbuild) add kbuild "$f" ;;
    kernel/*.c | kernel/*.h) add source "$f" ;;
    *kallsyms* | *System.map*) add kallsyms "$f" ;;
    *available_filter_functions*) add filter "$f" ;;
    real/kernels/*/config*) add config "$f" ;;
    *) add trace "$f" ;;  # traces, console logs (dmesg.txt too)
  esac
done < <(find "$testdata" -type f -print0 | sort -z)

# The #if expressions of the source files, each with a .config.
n=0
while IFS= read -r expr; do
  n=$((n + 1))
  {
    printf '%s\n' "$expr"
    grep -o 'CONFIG_[A-Za-z0-9_]*' <<<"$expr" | sort -u |
      awk 'NR % 2 { print $0 "=y"; next } { print "# " $0 " is not set" }' || true
  } >"$out/replay/condition/if-$n"
done < <({
  cat "$(dirname "$0")/conditions.txt"
  cat "$out"/replay/source/* |
    sed -n -E 's/^[[:space:]]*#[[:space:]]*(if|elif|ifdef|ifndef)[[:space:]]+//p'
} | sort -u)

# Cuts |file| at line boundaries into pieces of at most 4 KiB in |dir|:
# the first 8, then 16 spread evenly over the rest (one awk per file).
cut_pieces() {
  local file=$1 dir=$2 size
  size=$(stat -c %s "$file")
  awk -v out="$dir/$(basename "$file")-" -v size="$size" '
    BEGIN { max = 4096; total = int(size / max) + 1
            step = total > 24 ? int((total - 8) / 16) : 1 }
    function flush() {
      if (piece < 8 || ((piece - 8) % step == 0 && piece < 8 + 16 * step)) {
        printf "%s", buf > (out piece); close(out piece)
      }
      piece++; buf = ""
    }
    { line = substr($0, 1, max - 1) "\n"
      if (length(buf) + length(line) > max) flush()
      buf = buf line }
    END { if (buf != "") flush() }' "$file"
}

for group in trace source kbuild condition kallsyms filter config; do
  mkdir -p "$out/pieces/$group"
  for f in "$out/replay/$group"/*; do
    [ -s "$f" ] && cut_pieces "$f" "$out/pieces/$group"
  done
done
declare -A targets=(
  [trace]="funcgraph function retsnoop bcc_trace syscount detect read_in_blocks"
  [source]=source_scanner [kbuild]=kbuild [condition]=config_condition
  [kallsyms]=kallsyms [filter]=filter_functions [config]=kernel_config)
for group in "${!targets[@]}"; do
  for target in ${targets[$group]}; do
    cp -al "$out/pieces/$group" "$out/corpus/$target"
  done
done
rm -rf "$out/pieces"
