#!/usr/bin/env bash
# Sets up, builds, and runs ftriage on bundled real data: where the failing
# bpf(BPF_MAP_CREATE) of the bpf-xskmap-einval post-mortem leaves the good
# run, and the same question on real captures from a Debian kernel in QEMU.
# errors and diff exit 1 when they find something; that is the expected case.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh build
found() { "$@" || [ $? -eq 1 ]; }
set -x
./build/ftriage tree testdata/seeds/bpf-xskmap-einval/bad.trace
found ./build/ftriage diff testdata/seeds/bpf-xskmap-einval/good-same-kernel.trace \
  testdata/seeds/bpf-xskmap-einval/bad.trace
found ./build/ftriage errors \
  testdata/real/6.12.117-ftriage-retval_x86_64_fgraph-retval_bpf-bad.txt
found ./build/ftriage diff testdata/real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt \
  testdata/real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt
