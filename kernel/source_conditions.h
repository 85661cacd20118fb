#ifndef FTRIAGE_KERNEL_SOURCE_CONDITIONS_H_
#define FTRIAGE_KERNEL_SOURCE_CONDITIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ftriage::kernel {

// The #if/#ifdef/#ifndef/#elif/#else nesting at one point of a C file, as
// one preprocessor expression: "(defined(CONFIG_A)) && !(defined(CONFIG_B))"
// inside "#ifdef CONFIG_A" and the #else of "#ifdef CONFIG_B"; "" outside
// any. #ifndef X is "!defined(X)"; #elif is "!(previous) && (this)"; #else
// negates every previous branch. An include guard (#ifndef X or
// #if !defined(X) directly followed by #define X, before anything else in
// the file) adds nothing.
// Records text only; kernel/config_condition.h evaluates it.
class ConditionStack {
 public:
  void If(std::string_view expr);
  void Ifdef(std::string_view name);
  void Ifndef(std::string_view name);
  void Elif(std::string_view expr);
  void Else();
  void Endif();  // #elif, #else and #endif without an #if are ignored
  void Define(std::string_view name);
  // A token or another directive: a pending include guard is not one.
  void NoteOther() {
    if (guard_pending_ || !seen_anything_) Settle({});
  }

  const std::string& current() const { return current_; }
  // Changes whenever current() does.
  uint64_t version() const { return version_; }

 private:
  struct Frame {
    std::vector<std::string> previous;  // conditions of earlier branches
    std::string condition;              // this branch's; unused in #else
    bool in_else = false;
    bool guard = false;
    size_t prefix = 0;  // current_.size() before this frame's part
  };

  void Push(std::string condition);
  // After an #ifndef NAME or #if !defined(NAME) that opened the file.
  void MaybeGuard(bool first_in_file, std::string_view name);
  void Settle(std::string_view defined_name);
  // Rewrites the part of current() from the innermost frame on (its
  // branches changed); the outer frames' parts stay, so nesting N deep
  // costs O(N), not O(N^2).
  void ReplaceLast();
  // Appends |f|'s part to current_.
  void Append(Frame& f);
  void Rebuild();

  std::vector<Frame> frames_;
  std::string current_;
  uint64_t version_ = 0;
  bool seen_anything_ = false;
  bool guard_pending_ = false;
  std::string guard_name_;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_CONDITIONS_H_
