#!/usr/bin/env bash
# Sets up, builds, and runs ftriage on bundled real data: where the failing
# bpf(BPF_MAP_CREATE) of the bpf-xskmap-einval post-mortem leaves the good
# run, the same question on real captures from a Debian kernel in QEMU, and
# why madvise(MADV_SOFT_OFFLINE) fails on Debian's cloud kernel but not on the
# generic one (explain, with both kernels' files and the indexed 6.1 source).
# errors, diff and explain exit 1 when they find something: the expected case.
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
set +x
index=$(bash tools/kernel_source.sh build/ftriage 6.1)
set -x
found ./build/ftriage explain \
  testdata/real/6.1.0-56-cloud-amd64_x86_64_fgraph_madvise-soft-offline.txt \
  testdata/real/6.1.0-56-amd64_x86_64_fgraph_madvise-soft-offline.txt \
  --bad-kernel testdata/real/kernels/6.1.0-56-cloud-amd64 \
  --good-kernel testdata/real/kernels/6.1.0-56-amd64 --source-index "$index"
