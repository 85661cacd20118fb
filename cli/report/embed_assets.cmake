# Writes OUT, a C++ header holding the report page's template and script as
# raw string literals, so that `ftriage report` needs no file at run time.
# Usage: cmake -DTEMPLATE=... -DSCRIPT=... -DOUT=... -P embed_assets.cmake
file(READ "${TEMPLATE}" template_text)
file(READ "${SCRIPT}" script_text)
string(FIND "${template_text}${script_text}" ")ftriage_asset" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "a report asset holds the raw-string delimiter")
endif()
file(WRITE "${OUT}.tmp"
  "// Generated from cli/report/report_template.html and report.js by\n"
  "// cli/report/embed_assets.cmake: do not edit.\n"
  "#ifndef FTRIAGE_CLI_REPORT_REPORT_ASSETS_H_\n"
  "#define FTRIAGE_CLI_REPORT_REPORT_ASSETS_H_\n\n"
  "#include <string_view>\n\n"
  "namespace ftriage::cli {\n\n"
  "inline constexpr std::string_view kReportTemplate = R\"ftriage_asset(${template_text})ftriage_asset\";\n\n"
  "inline constexpr std::string_view kReportScript = R\"ftriage_asset(${script_text})ftriage_asset\";\n\n"
  "}  // namespace ftriage::cli\n\n"
  "#endif  // FTRIAGE_CLI_REPORT_REPORT_ASSETS_H_\n")
file(RENAME "${OUT}.tmp" "${OUT}")
