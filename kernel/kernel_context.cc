#include "kernel/kernel_context.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "kernel/kernel_file_kind.h"
#include "kernel/kernel_read_lines.h"
#include "kernel/kernel_release.h"

namespace ftriage {
namespace {

namespace fs = std::filesystem;

// Comment lines a file may start with before a line tells its kind.
constexpr size_t kMaxSniffLines = 64;

// Keeps the first "Linux version" banner of a console log.
class BannerReader {
 public:
  void Line(std::string_view line, LineNo number) {
    if (release_) return;
    if (const auto release = ReleaseFromBannerLine(line)) {
      release_ = KernelRelease{
          .release = std::string(*release), .path = {}, .line = number};
    }
  }
  std::optional<KernelRelease> Finish() && { return std::move(release_); }

 private:
  std::optional<KernelRelease> release_;
};

using AnyReader = std::variant<KallsymsReader, FilterFunctionsReader,
                               KernelConfigReader, BannerReader>;

void StartReader(KernelFileKind kind, Coverage coverage,
                 std::optional<AnyReader>* reader) {
  switch (kind) {
    case KernelFileKind::kKallsyms:
      reader->emplace(std::in_place_type<KallsymsReader>, coverage);
      return;
    case KernelFileKind::kFilterFunctions:
      reader->emplace(std::in_place_type<FilterFunctionsReader>, coverage);
      return;
    case KernelFileKind::kConfig:
      reader->emplace(std::in_place_type<KernelConfigReader>, coverage);
      return;
    case KernelFileKind::kDmesg:
      reader->emplace(std::in_place_type<BannerReader>);
      return;
    case KernelFileKind::kUnknown:
      return;
  }
}

// A listing is accepted when at least half of its non-blank lines read.
Status CheckListing(const std::string& path, KernelFileKind kind, size_t read,
                    const SkippedLines& skipped) {
  const std::string name(KernelFileKindName(kind));
  if (read == 0) {
    return Status::Error(path + ": no line reads as " + name);
  }
  if (skipped.count > read) {
    return Status::Error(path + ": only " + std::to_string(read) + " of " +
                         std::to_string(read + skipped.count) +
                         " lines read as " + name + " (first other: line " +
                         std::to_string(skipped.first) + ")");
  }
  return Status::Ok();
}

Status Store(Kallsyms k, const std::string& path, KernelContext* ctx) {
  Status s =
      CheckListing(path, KernelFileKind::kKallsyms, k.size(), k.skipped());
  if (s.ok()) ctx->kallsyms = Loaded<Kallsyms>{std::move(k), path};
  return s;
}

Status Store(FilterFunctions f, const std::string& path, KernelContext* ctx) {
  Status s = CheckListing(path, KernelFileKind::kFilterFunctions, f.size(),
                          f.skipped());
  if (s.ok())
    ctx->filter_functions = Loaded<FilterFunctions>{std::move(f), path};
  return s;
}

Status Store(KernelConfig c, const std::string& path, KernelContext* ctx) {
  Status s = CheckListing(path, KernelFileKind::kConfig, c.Entries().size(),
                          c.skipped());
  if (s.ok()) ctx->config = Loaded<KernelConfig>{std::move(c), path};
  return s;
}

Status Store(std::optional<KernelRelease> release, const std::string& path,
             KernelContext* ctx) {
  if (release) {
    release->path = path;
    ctx->release = std::move(release);
  }
  return Status::Ok();
}

// Reads |path| as |kind|, or, for kUnknown, as the kind its first lines
// show, and stores the result in |ctx|. Sets |kind| to the kind read.
Status LoadFile(const std::string& path, KernelFileKind* kind,
                KernelContext* ctx) {
  const Coverage coverage = CoverageFromPath(path);
  std::optional<AnyReader> reader;
  StartReader(*kind, coverage, &reader);
  std::vector<std::pair<std::string, LineNo>> pending;
  std::string unrecognized;  // why sniffing gave up
  auto feed = [&](std::string_view line, LineNo n) {
    std::visit([&](auto& r) { r.Line(line, n); }, *reader);
  };
  Status status = ReadLines(path, [&](std::string_view line, LineNo n) {
    if (reader) return feed(line, n);
    if (!unrecognized.empty()) return;
    pending.emplace_back(line, n);
    const std::optional<KernelFileKind> sniffed = KindFromLine(line);
    if (!sniffed) {
      if (pending.size() == kMaxSniffLines) {
        unrecognized = "no line of the first " +
                       std::to_string(kMaxSniffLines) + " tells its kind";
      }
      return;
    }
    if (*sniffed == KernelFileKind::kUnknown) {
      unrecognized = "line " + std::to_string(n) +
                     " is not kallsyms, available_filter_functions, .config "
                     "or dmesg";
      return;
    }
    *kind = *sniffed;
    StartReader(*kind, coverage, &reader);
    for (const auto& [text, number] : pending) feed(text, number);
    pending.clear();
  });
  if (!status.ok()) return status;
  if (!reader) {
    return Status::Error(
        path + ": not a kernel context file (" +
        (unrecognized.empty() ? "no line tells its kind" : unrecognized) + ")");
  }
  return std::visit(
      [&](auto& r) { return Store(std::move(r).Finish(), path, ctx); },
      *reader);
}

// A file found in a directory, recognized by its name.
struct Candidate {
  std::string path;
  NamedKind named;
};

// Lists |dir|'s files in name order: recognized ones to |candidates|, the
// rest to |ignored|.
Status ScanDirectory(const std::string& dir, std::vector<Candidate>* candidates,
                     std::vector<IgnoredFile>* ignored) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) return Status::Error(dir + ": cannot list: " + ec.message());
  std::ranges::sort(entries, {}, [](const fs::directory_entry& e) {
    return e.path().filename().string();
  });
  for (const fs::directory_entry& e : entries) {
    const std::string path = e.path().string();
    if (!e.is_regular_file(ec)) {
      ignored->push_back({path, "not a regular file"});
      continue;
    }
    const NamedKind named = KindFromName(e.path().filename().string());
    if (named.kind == KernelFileKind::kUnknown) {
      ignored->push_back({path, "not a kernel context file name"});
    } else {
      candidates->push_back({path, named});
    }
  }
  return Status::Ok();
}

}  // namespace

Status LoadKernelContext(const std::vector<std::string>& paths,
                         KernelContext* out) {
  std::vector<std::string> files;
  std::vector<Candidate> candidates;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec) return Status::Error(path + ": cannot open: " + ec.message());
    if (fs::is_directory(st)) {
      Status s = ScanDirectory(path, &candidates, &out->ignored);
      if (!s.ok()) return s;
    } else {
      files.push_back(path);
    }
  }

  // The path each kind was loaded from.
  std::map<KernelFileKind, std::string> loaded;
  for (const std::string& path : files) {
    KernelFileKind kind = KernelFileKind::kUnknown;
    Status s = LoadFile(path, &kind, out);
    if (!s.ok()) return s;
    auto [it, inserted] = loaded.emplace(kind, path);
    if (!inserted) {
      return Status::Error(path + ": a second " +
                           std::string(KernelFileKindName(kind)) +
                           " for one kernel (the first is " + it->second + ")");
    }
  }
  // Per kind, best rank first: the first candidate of a kind not given as a
  // file is loaded, the rest are superseded.
  std::ranges::stable_sort(candidates, {}, [](const Candidate& c) {
    return std::pair(c.named.kind, c.named.rank);
  });
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (auto it = loaded.find(c.named.kind); it != loaded.end()) {
      out->ignored.push_back({c.path, "superseded by " + it->second});
      continue;
    }
    if (i + 1 < candidates.size() &&
        candidates[i + 1].named.kind == c.named.kind &&
        candidates[i + 1].named.rank == c.named.rank) {
      return Status::Error(c.path + " and " + candidates[i + 1].path +
                           " are both " +
                           std::string(KernelFileKindName(c.named.kind)) +
                           " files: give the one to use as a file");
    }
    KernelFileKind kind = c.named.kind;
    Status s = LoadFile(c.path, &kind, out);
    if (!s.ok()) return s;
    loaded.emplace(kind, c.path);
  }

  if (!out->release && out->config && !out->config->data.release().empty()) {
    out->release =
        KernelRelease{.release = std::string(out->config->data.release()),
                      .path = out->config->path,
                      .line = out->config->data.release_line()};
  }
  return Status::Ok();
}

}  // namespace ftriage
