#include "cli/cli_model.h"

#include <CLI/CLI.hpp>
#include <string_view>

namespace ftriage::cli {
namespace {

// The names a validator accepts, from its description: "{a,b}" (IsMember)
// or "value in {a->0,b->1} OR {0,1}" (CheckedTransformer).
std::vector<std::string> AcceptedNames(std::string_view description) {
  const size_t open = description.find('{');
  const size_t close = description.find('}', open);
  if (open == std::string_view::npos || close == std::string_view::npos) {
    return {};
  }
  std::vector<std::string> names;
  std::string_view items = description.substr(open + 1, close - open - 1);
  while (!items.empty()) {
    const size_t comma = std::min(items.find(','), items.size());
    const std::string_view item = items.substr(0, comma);
    names.emplace_back(item.substr(0, item.find("->")));
    items.remove_prefix(std::min(comma + 1, items.size()));
  }
  return names;
}

std::vector<std::string> Choices(CLI::Option* opt) {
  for (int i = 0;; ++i) {
    CLI::Validator* v = nullptr;
    try {
      v = opt->get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};  // past the last validator
    }
    std::vector<std::string> names = AcceptedNames(v->get_description());
    if (!names.empty()) return names;
  }
}

OptionModel DescribeOption(CLI::Option* opt) {
  OptionModel m;
  for (const std::string& s : opt->get_snames()) m.names.push_back("-" + s);
  for (const std::string& l : opt->get_lnames()) m.names.push_back("--" + l);
  if (m.names.empty()) m.names.push_back(opt->get_name());
  m.description = opt->get_description();
  if (opt->get_type_size() != 0) {
    m.value = opt->get_option_text().empty() ? opt->get_type_name()
                                             : opt->get_option_text();
    m.repeatable = opt->get_items_expected_max() > 1;
  }
  m.choices = Choices(opt);
  m.required = opt->get_required();
  return m;
}

CommandModel DescribeCommand(CLI::App& app) {
  CommandModel c;
  c.name = app.get_name();
  c.description = app.get_description();
  c.footer = app.get_footer();
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    (opt->nonpositional() ? c.options : c.positionals)
        .push_back(DescribeOption(opt));
  }
  return c;
}

}  // namespace

CliModel DescribeCli(CLI::App& app) {
  CliModel m;
  m.main = DescribeCommand(app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    m.commands.push_back(DescribeCommand(*sub));
  }
  return m;
}

}  // namespace ftriage::cli
