# ftriage_hot_path: link PRIVATE into the libraries every line of a trace
# goes through (parser/, analysis/). Optimized builds compile them at -O3:
# callgrind counts 4-6% fewer instructions than at -O2 for `parse`, `tree`,
# `errors` and `diff` (bench/RESULTS.md). Not the whole project: GCC 12 at
# -O3 reports false warnings in inlined standard library code of cli/ and
# core/ (-Wrestrict in std::string operator+, GCC bug 105329, and one
# -Warray-bounds in std::vector growth), which -Werror would turn into a
# failed build.
add_library(ftriage_hot_path INTERFACE)
target_compile_options(ftriage_hot_path INTERFACE
  $<$<CONFIG:Release,RelWithDebInfo>:-O3>)
