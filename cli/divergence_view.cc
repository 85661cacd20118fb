// The divergence of two runs as `ftriage diff` prints it (shared with
// `ftriage report`).
#include "cli/divergence_view.h"

#include <cstdio>

#include "cli/color.h"

namespace ftriage::cli {

using analysis::CallForest;
using Json = nlohmann::ordered_json;

Json CallPairJson(const CallForest& good, NodeId g, const CallForest& bad,
                  NodeId b) {
  Json j;
  j["function"] = !b.is_none() ? CallName(bad, b) : CallName(good, g);
  if (!g.is_none() && !b.is_none() && CallName(good, g) != CallName(bad, b)) {
    j["good_function"] = CallName(good, g);  // collapsed or renamed
  }
  if (!g.is_none()) j["good_line"] = good.line(g);
  if (!b.is_none()) j["bad_line"] = bad.line(b);
  return j;
}

std::string CallPairLines(const CallForest& good, NodeId g,
                          const CallForest& bad, NodeId b) {
  std::string s;
  if (!g.is_none()) s += "GOOD line " + std::to_string(good.line(g));
  if (!b.is_none()) {
    s += (s.empty() ? "" : ", ") + std::string("BAD line ") +
         std::to_string(bad.line(b));
  }
  return s.empty() ? "" : "(" + s + ")";
}

Json DivergenceToJson(const CallForest& g, const CallForest& b,
                      const analysis::Divergence& v) {
  Json dv;
  dv["parent"] = CallPairJson(g, v.good_parent, b, v.bad_parent);
  if (!v.retval_bad.is_none()) {
    dv["different_return"] = CallPairJson(g, v.retval_good, b, v.retval_bad);
  }
  if (!v.last_common_bad.is_none()) {
    dv["last_common"] =
        CallPairJson(g, v.last_common_good, b, v.last_common_bad);
  }
  if (!v.first_good_only.is_none()) {
    dv["first_good_only"] = CallPairJson(g, v.first_good_only, b, {});
  }
  if (!v.first_bad_only.is_none()) {
    dv["first_bad_only"] = CallPairJson(g, {}, b, v.first_bad_only);
  }
  dv["bad_outcome"] = {{"text", v.bad_outcome},
                       {"function", CallName(b, v.bad_parent)},
                       {"line", b.line(v.bad_parent)}};
  return dv;
}

nlohmann::ordered_json CaptureNotesJson(
    const std::vector<analysis::CaptureNote>& notes) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const analysis::CaptureNote& n : notes) {
    nlohmann::ordered_json cites = nlohmann::ordered_json::array();
    for (const analysis::CaptureCite& c : n.cites) {
      cites.push_back({{"run", c.side == "BAD" ? "bad" : "good"},
                       {"function", c.function},
                       {"line", c.line},
                       {"what", c.what}});
    }
    out.push_back({{"run", n.side == "BAD" ? "bad" : "good"},
                   {"setting", n.setting},
                   {"sentence", n.sentence},
                   {"cites", cites}});
  }
  return out;
}

void PrintAlignedTree(const CallForest& g, const CallForest& b,
                      const analysis::Divergence& v, size_t context,
                      bool side_by_side, bool color, std::ostream& o) {
  auto emit = [&](char mark, std::string out) {
    out.erase(out.find_last_not_of(' ') + 1);
    const char* paint = mark == '-' ? kRed : mark == '+' ? kGreen : nullptr;
    o << (color && paint != nullptr ? paint + out + kReset : out) << "\n";
  };
  auto line = [&](char mark, size_t level, const std::string& name, NodeId gid,
                  NodeId bid, const std::string& note) {
    std::string indent(level * 2, ' ');
    std::string gl = gid.is_none() ? "" : std::to_string(g.line(gid));
    std::string bl = bid.is_none() ? "" : std::to_string(b.line(bid));
    char cols[256];
    if (side_by_side) {
      // GOOD on the left, BAD on the right: "<" only GOOD, ">" only BAD.
      std::string left = mark == '+' ? "" : indent + name + "  " + gl;
      std::string right = mark == '-' ? "" : indent + name + "  " + bl;
      const char* sep = mark == '-' ? "<" : mark == '+' ? ">" : "|";
      std::snprintf(cols, sizeof cols, "  %-46s %s %s", left.c_str(), sep,
                    right.c_str());
    } else {
      std::string text = std::string(1, mark) + " " + indent + name;
      std::snprintf(cols, sizeof cols, "%-48s %9s %9s", text.c_str(),
                    gl.c_str(), bl.c_str());
    }
    emit(mark, std::string(cols) + (note.empty() ? "" : "  " + note));
  };
  char header[128];
  if (side_by_side) {
    std::snprintf(header, sizeof header, "  %-46s | %s", "GOOD  (line)",
                  "BAD  (line)");
  } else {
    std::snprintf(header, sizeof header, "%-48s %9s %9s", "  tree diff",
                  "GOOD line", "BAD line");
  }
  o << (color ? kBold + std::string(header) + kReset : std::string(header))
    << "\n";
  std::vector<NodeId> ancestors;
  for (NodeId id = v.bad_parent; !id.is_none(); id = b.parent(id)) {
    ancestors.push_back(id);
  }
  size_t level = 0;
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it, ++level) {
    bool parent = *it == v.bad_parent;
    std::string name = CallName(b, *it);
    if (parent && CallName(g, v.good_parent) != name) {
      line('-', level, CallName(g, v.good_parent), v.good_parent, {},
           "collapsed in BAD: its callees are made by the call below");
      line('+', level, name, {}, *it, "");
    } else {
      line(' ', level, name, parent ? v.good_parent : NodeId::None(), *it, "");
    }
  }
  // Keep |context| common calls before the first line that differs.
  size_t first_diff = v.aligned.size();
  for (size_t i = 0; i < v.aligned.size() && first_diff == v.aligned.size();
       ++i) {
    const analysis::AlignedCall& a = v.aligned[i];
    if (a.good.is_none() || a.bad.is_none() || a.bad == v.retval_bad ||
        a.bad == v.last_common_bad) {
      first_diff = i;
    }
  }
  size_t start = first_diff > context ? first_diff - context : 0;
  if (start > 0) {
    o << "  " << std::string(level * 2, ' ') << "... " << start
      << " common calls\n";
  }
  for (size_t i = start; i < v.aligned.size(); ++i) {
    const analysis::AlignedCall& a = v.aligned[i];
    std::string note;
    if (!a.bad.is_none() && a.bad == v.last_common_bad) note = "<- last common";
    if (!a.good.is_none() && a.good == v.first_good_only) {
      note = "<- first only GOOD";
    }
    if (!a.bad.is_none() && a.bad == v.first_bad_only) {
      note = "<- first only BAD";
    }
    if (!a.bad.is_none() && a.bad == v.retval_bad) {
      note = "<- returns differently";
    }
    if (a.bad.is_none()) {
      line('-', level, CallName(g, a.good), a.good, {}, note);
    } else if (a.good.is_none()) {
      line('+', level, CallName(b, a.bad), {}, a.bad, note);
    } else {
      line(' ', level, CallName(b, a.bad), a.good, a.bad, note);
    }
  }
  emit(' ', "  " + std::string(level * 2, ' ') + "BAD then " + v.bad_outcome);
}

}  // namespace ftriage::cli
