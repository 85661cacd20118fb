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

# Profile-guided optimization of the same libraries, for tools/build_pgo.sh:
# "generate" instruments them to write a profile into FTRIAGE_PGO_DIR,
# "use" compiles them with that profile. Paths in the profile are relative
# to the build directory, so the two builds can live in different ones.
set(FTRIAGE_PGO "" CACHE STRING
    "Profile-guided build of parser/ and analysis/: generate, use or empty")
set(FTRIAGE_PGO_DIR "" CACHE PATH "The profile FTRIAGE_PGO writes or reads")
if(NOT FTRIAGE_PGO STREQUAL "" AND FTRIAGE_PGO_DIR STREQUAL "")
  message(FATAL_ERROR "FTRIAGE_PGO=${FTRIAGE_PGO} needs FTRIAGE_PGO_DIR")
endif()
if(FTRIAGE_PGO STREQUAL "generate")
  # Atomic counters: two threads run the reading path.
  target_compile_options(ftriage_hot_path INTERFACE
    -fprofile-generate=${FTRIAGE_PGO_DIR} -fprofile-update=atomic
    -fprofile-prefix-path=${CMAKE_BINARY_DIR})
  add_link_options(-fprofile-generate)
elseif(FTRIAGE_PGO STREQUAL "use")
  target_compile_options(ftriage_hot_path INTERFACE
    -fprofile-use=${FTRIAGE_PGO_DIR} -fprofile-partial-training
    -fprofile-prefix-path=${CMAKE_BINARY_DIR})
elseif(NOT FTRIAGE_PGO STREQUAL "")
  message(FATAL_ERROR "FTRIAGE_PGO is generate, use or empty, not ${FTRIAGE_PGO}")
endif()
