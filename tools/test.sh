#!/usr/bin/env bash
# Sets up and runs every test: the clang-format check, a normal build and an
# ASan+UBSan build, both with warnings as errors, then the fuzz targets
# (fuzz/) and the profile-guided build. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash tools/setup.sh build
echo "clang-format check"
git ls-files '*.h' '*.cc' ':!:testdata/' | xargs clang-format --dry-run --Werror
# The explain tests read a source index of Debian's linux-source-6.1
# (downloaded, unpacked and indexed once, cached outside the repository).
FTRIAGE_SOURCE_INDEX=$(bash tools/kernel_source.sh build/ftriage 6.1)
export FTRIAGE_SOURCE_INDEX
ctest --test-dir build --output-on-failure -j "$jobs"

bash tools/setup.sh build-asan -DCMAKE_BUILD_TYPE=Debug \
  -DFTRIAGE_SANITIZE="address;undefined"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# The libFuzzer targets (fuzz/, clang, ASan+UBSan): each replays its
# testdata files, then fuzzes for 20 s; any crash, leak or timeout fails.
bash tools/setup.sh build-fuzz -DFTRIAGE_FUZZ=ON -DFTRIAGE_BUILD_TESTS=OFF
bash fuzz/run_fuzzers.sh build-fuzz 20

# The profile-guided build (tools/build_pgo.sh), which checks that it
# prints what build/ftriage prints on every real capture.
bash tools/build_pgo.sh

echo "all tests passed"
