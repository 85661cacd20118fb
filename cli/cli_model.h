#ifndef FTRIAGE_CLI_CLI_MODEL_H_
#define FTRIAGE_CLI_CLI_MODEL_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ftriage::cli {

// The command line as CLI11 defines it, for the generators of shell
// completion and of the man page: one definition, no second list to forget.
struct OptionModel {
  std::vector<std::string> names;  // "-o", "--output"; a positional's name
  std::string description;
  std::string value;                 // "" for a flag; option_text or TEXT
  std::vector<std::string> choices;  // from IsMember / CheckedTransformer
  bool repeatable = false;
  bool required = false;
};

struct CommandModel {
  std::string name;  // "ftriage" for the program itself
  std::string description;
  std::string footer;  // examples, exit status
  std::vector<OptionModel> options;
  std::vector<OptionModel> positionals;
};

struct CliModel {
  CommandModel main;  // the options before a subcommand (--help, --version)
  std::vector<CommandModel> commands;
};

// Non-const: CLI11 hands out an option's validators only so.
CliModel DescribeCli(CLI::App& app);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_CLI_MODEL_H_
