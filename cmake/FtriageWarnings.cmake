# ftriage_warnings: link PRIVATE into every ftriage_* target.
add_library(ftriage_warnings INTERFACE)
target_compile_options(ftriage_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${FTRIAGE_WERROR}>:-Werror>)

if(FTRIAGE_SANITIZE)
  string(REPLACE ";" "," _ftriage_san "${FTRIAGE_SANITIZE}")
  add_compile_options(-fsanitize=${_ftriage_san} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_ftriage_san})
endif()
