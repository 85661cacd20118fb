#!/usr/bin/env bash
# Builds a profile-guided ftriage in build-pgo/ (9 minutes on a 2-core VM):
# an instrumented build in build-pgo-gen/ runs parse, tree, errors and diff
# on generated traces (function_graph in both column layouts and with
# return values, a diff pair, a function tracer log), then parser/ and
# analysis/ are compiled again with the profile it wrote. The training
# inputs use other seeds and sizes than bench/'s. Then build-pgo/ftriage
# must print what build/ftriage (if built) prints for parse, tree and
# errors on every real capture in testdata/real/. Run as root on Debian
# 12, like tools/setup.sh.
#
#   bash tools/build_pgo.sh && build-pgo/ftriage parse big.txt
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
profile=$root/build-pgo-gen/profile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build-pgo/ is built afresh: ninja does not know an object's profile.
rm -rf "$profile" build-pgo
bash tools/setup.sh build-pgo-gen -DFTRIAGE_BUILD_TESTS=OFF \
  -DFTRIAGE_PGO=generate -DFTRIAGE_PGO_DIR="$profile"
gen=build-pgo-gen/ftriage

echo "build_pgo: training"
python3 tools/gen_trace.py --bytes 24M --cpus 4 --seed 11 -o "$work/default.txt"
python3 tools/gen_trace.py --bytes 24M --cpus 16 --columns abstime-proc \
  --seed 12 -o "$work/proc.txt"
python3 tools/gen_trace.py --bytes 24M --cpus 8 --columns abstime-proc \
  --retval --seed 13 -o "$work/retval.txt"
python3 tools/gen_trace.py --diff-pair 100000 --seed 14 -o "$work/pair"
python3 tools/gen_function_trace.py --bytes 16M --cpus 4 --seed 15 \
  -o "$work/function.txt"
# Small blocks: the second thread and the replays run as on a big file.
export FTRIAGE_BLOCK_BYTES=1048576
for f in "$work"/default.txt "$work"/proc.txt "$work"/retval.txt \
  "$work"/function.txt; do
  "$gen" parse "$f" >/dev/null 2>&1
  "$gen" tree "$f" >/dev/null 2>&1
  "$gen" errors "$f" >/dev/null 2>&1 || true # 1: errors found
done
"$gen" diff "$work/pair.good.txt" "$work/pair.bad.txt" >/dev/null 2>&1 || true
unset FTRIAGE_BLOCK_BYTES

bash tools/setup.sh build-pgo -DFTRIAGE_BUILD_TESTS=OFF \
  -DFTRIAGE_PGO=use -DFTRIAGE_PGO_DIR="$profile"

if [[ -x build/ftriage ]]; then
  compared=0
  for f in testdata/real/*.txt; do
    for cmd in parse tree errors; do
      a=$(build/ftriage "$cmd" --json "$f" 2>&1 || true)
      b=$(build-pgo/ftriage "$cmd" --json "$f" 2>&1 || true)
      if [[ $a != "$b" ]]; then
        echo "build_pgo: build-pgo/ftriage $cmd $f differs from build/ftriage" >&2
        exit 1
      fi
      compared=$((compared + 1))
    done
  done
  echo "build_pgo: the same output as build/ftriage in $compared runs on testdata/real"
fi
echo "build_pgo: $root/build-pgo/ftriage"
