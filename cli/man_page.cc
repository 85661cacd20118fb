#include "cli/man_page.h"

#include <algorithm>
#include <cctype>

namespace ftriage::cli {
namespace {

// What ftriage reads from its environment, and the exit codes of
// cli/run_cli.h: facts of the program, not of its command line.
constexpr std::string_view kTail = R"(.SH EXIT STATUS
.TP
.B 0
Success; nothing found by \fBdiff\fR, \fBerrors\fR or \fBexplain\fR.
.TP
.B 1
Something found: \fBdiff\fR differences, \fBerrors\fR failing calls,
\fBexplain\fR explanations.
.TP
.B 2
An error: bad usage, an unreadable file, nothing recognized in an input.
.SH ENVIRONMENT
.TP
.B NO_COLOR
When set and not empty, \fB\-\-color auto\fR never colors (as does
\fBTERM=dumb\fR).
.TP
.B PAGER
The pager of \fBtree\fR, \fBdiff\fR, \fBerrors\fR and \fBexplain\fR when
their output goes to a terminal and does not fit it (default
\fBless \-R\fR; empty or \fBcat\fR: no pager; \fB\-\-no\-pager\fR disables
it). \fBLESS\fR defaults to \fBFRX\fR; \fBLINES\fR gives the terminal's
rows when it does not tell.
.TP
.B FTRIAGE_CACHE
Where the helper scripts of the source tree (\fItools/kernel_source.sh\fR)
keep downloaded kernel sources and their indexes (default
\fI/var/cache/ftriage\fR). \fBftriage\fR itself reads only the files named
on its command line.
.TP
.B FTRIAGE_BLOCK_BYTES
A plain function_graph or function file of 32 MB or more is read in blocks
of 4 MB on two threads (the output is the same as on one). \fIN\fR sets the
block size for any plain file; \fB0\fR reads on one thread.
.SH SEE ALSO
.BR less (1),
.BR trace\-cmd (1),
.BR perf\-ftrace (1)
)";

// Text with roff's escape and hyphen made literal and no line taken for a
// request.
std::string Roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// "\fIfiles\fR..." or "[\fIgood\fR]".
std::string PositionalSynopsis(const OptionModel& p) {
  std::string out = "\\fI" + Roff(p.names.front()) + "\\fR";
  if (p.repeatable) out += "...";
  return p.required ? out : "[" + out + "]";
}

std::string Synopsis(const CommandModel& c) {
  std::string out = "\\fBftriage " + Roff(c.name) + "\\fR";
  if (!c.options.empty()) out += " [\\fIoptions\\fR]";
  for (const OptionModel& p : c.positionals) out += " " + PositionalSynopsis(p);
  return out + "\n";
}

std::string OptionItem(const OptionModel& o, bool positional) {
  const char* font = positional ? "\\fI" : "\\fB";
  std::string head;
  for (const std::string& n : o.names) {
    if (!head.empty()) head += ", ";
    head += font + Roff(n) + "\\fR";
  }
  if (!o.value.empty() && !positional) head += " \\fI" + Roff(o.value) + "\\fR";
  return ".TP\n" + head + "\n" + Roff(o.description) + "\n";
}

std::string Verbatim(std::string_view text) {
  if (text.empty()) return "";
  return ".PP\n.nf\n" + Roff(text) + "\n.fi\n";
}

std::string CommandSection(const CommandModel& c) {
  std::string out = ".SS " + Roff(c.name) + "\n" + Synopsis(c) + ".br\n" +
                    Roff(c.description) + ".\n";
  for (const OptionModel& p : c.positionals) out += OptionItem(p, true);
  for (const OptionModel& o : c.options) out += OptionItem(o, false);
  return out + Verbatim(c.footer);
}

// "Analyze Linux kernel trace logs offline (...): ..." -> "analyze Linux
// kernel trace logs offline".
std::string Summary(std::string description) {
  description = description.substr(
      0, std::min(description.find(" ("), description.find(':')));
  if (!description.empty())
    description[0] = static_cast<char>(
        std::tolower(static_cast<unsigned char>(description[0])));
  return description;
}

}  // namespace

std::string ManPage(const CliModel& m, std::string_view version) {
  std::string out = ".TH FTRIAGE 1 \"\" \"" + Roff(version) +
                    "\" \"User Commands\"\n.SH NAME\nftriage \\- " +
                    Roff(Summary(m.main.description)) + "\n.SH SYNOPSIS\n.nf\n";
  std::string main_options;
  for (const OptionModel& o : m.main.options) {
    main_options += " [\\fB" + Roff(o.names.back()) + "\\fR]";
  }
  out += "\\fBftriage\\fR" + main_options + "\n";
  for (const CommandModel& c : m.commands) out += Synopsis(c);
  out += ".fi\n.SH DESCRIPTION\n" + Roff(m.main.description) + "\n";
  for (const OptionModel& o : m.main.options) out += OptionItem(o, false);
  out += Verbatim(m.main.footer) + ".SH COMMANDS\n";
  for (const CommandModel& c : m.commands) out += CommandSection(c);
  return out + std::string(kTail);
}

}  // namespace ftriage::cli
