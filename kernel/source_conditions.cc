#include "kernel/source_conditions.h"

#include <algorithm>
#include <cctype>

namespace ftriage::kernel {
namespace {

// NAME in "!defined(NAME)" or "!defined NAME", else "".
std::string_view NegatedDefinedName(std::string_view expr) {
  constexpr std::string_view kNot = "!defined";
  if (!expr.starts_with(kNot)) return {};
  expr.remove_prefix(kNot.size());
  while (expr.starts_with(' ')) expr.remove_prefix(1);
  if (expr.starts_with('(') && expr.ends_with(')')) {
    expr = expr.substr(1, expr.size() - 2);
  }
  while (expr.starts_with(' ')) expr.remove_prefix(1);
  while (expr.ends_with(' ')) expr.remove_suffix(1);
  const bool identifier =
      !expr.empty() && std::ranges::all_of(expr, [](char c) {
        return c == '_' || std::isalnum(static_cast<unsigned char>(c));
      });
  return identifier ? expr : std::string_view();
}

}  // namespace

void ConditionStack::Settle(std::string_view defined_name) {
  if (guard_pending_) {
    guard_pending_ = false;
    if (!frames_.empty() && defined_name == guard_name_) {
      frames_.front().guard = true;
      Rebuild();
    }
  }
  seen_anything_ = true;
}

void ConditionStack::Push(std::string condition) {
  frames_.push_back({{}, std::move(condition), false, false, 0});
  Append(frames_.back());
  ++version_;
}

void ConditionStack::If(std::string_view expr) {
  const bool may_be_guard = !seen_anything_ && frames_.empty();
  Settle({});
  Push(std::string(expr));
  MaybeGuard(may_be_guard, NegatedDefinedName(expr));
}

void ConditionStack::Ifdef(std::string_view name) {
  Settle({});
  Push("defined(" + std::string(name) + ")");
}

void ConditionStack::Ifndef(std::string_view name) {
  const bool may_be_guard = !seen_anything_ && frames_.empty();
  Settle({});
  Push("!defined(" + std::string(name) + ")");
  MaybeGuard(may_be_guard, name);
}

void ConditionStack::MaybeGuard(bool first_in_file, std::string_view name) {
  if (first_in_file && !name.empty()) {
    guard_pending_ = true;
    guard_name_ = name;
  }
}

void ConditionStack::Elif(std::string_view expr) {
  Settle({});
  if (frames_.empty()) return;
  Frame& f = frames_.back();
  if (!f.in_else) f.previous.push_back(std::move(f.condition));
  f.condition = expr;
  f.in_else = false;
  ReplaceLast();
}

void ConditionStack::Else() {
  Settle({});
  if (frames_.empty()) return;
  Frame& f = frames_.back();
  if (!f.in_else) f.previous.push_back(std::move(f.condition));
  f.condition.clear();
  f.in_else = true;
  ReplaceLast();
}

void ConditionStack::Endif() {
  Settle({});
  if (frames_.empty()) return;
  current_.resize(frames_.back().prefix);
  frames_.pop_back();
  ++version_;
}

void ConditionStack::Define(std::string_view name) { Settle(name); }

void ConditionStack::ReplaceLast() {
  current_.resize(frames_.back().prefix);
  Append(frames_.back());
  ++version_;
}

void ConditionStack::Append(Frame& f) {
  f.prefix = current_.size();
  if (f.guard) return;
  auto add = [&](std::string_view prefix, const std::string& c) {
    if (!current_.empty()) current_ += " && ";
    current_ += prefix;
    current_ += c;
    current_ += ')';
  };
  for (const std::string& p : f.previous) add("!(", p);
  if (!f.in_else) add("(", f.condition);
}

void ConditionStack::Rebuild() {
  current_.clear();
  for (Frame& f : frames_) Append(f);
  ++version_;
}

}  // namespace ftriage::kernel
