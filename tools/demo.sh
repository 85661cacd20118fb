#!/usr/bin/env bash
# Sets up, builds, and runs ftriage on bundled real data: the failing
# bpf(BPF_MAP_CREATE) call of the bpf-xskmap-einval post-mortem.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh build
set -x
./build/ftriage parse testdata/seeds/bpf-xskmap-einval/bad.trace
./build/ftriage tree testdata/seeds/bpf-xskmap-einval/bad.trace
./build/ftriage tree --errors-only testdata/corpus/function_graph/ftrace-rst-funcgraph-retval.txt
