# FTRIAGE_FUZZ=ON: every ftriage library is built with libFuzzer's coverage
# instrumentation, ASan and UBSan; fuzz/ adds the fuzz targets. Configure a
# separate tree with clang:
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DFTRIAGE_FUZZ=ON
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "FTRIAGE_FUZZ=ON needs clang (libFuzzer): configure a "
    "new build directory with CC=clang CXX=clang++ "
    "(Debian: apt-get install clang libclang-rt-14-dev)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)
