#include "kernel/source_index_builder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kernel/source_kbuild.h"
#include "kernel/source_scanner.h"

namespace ftriage::kernel {
namespace {

namespace fs = std::filesystem;

// Top-level directories that hold no kernel code.
constexpr std::array<std::string_view, 6> kSkippedTopDirs = {
    ".git", "Documentation", "tools", "scripts", "samples", "usr"};

// How far workers may run ahead of the merge (bounds memory).
constexpr size_t kMaxAhead = 2048;

bool IsMakefile(std::string_view name) {
  return name == "Makefile" || name == "Kbuild";
}

bool IsCSource(std::string_view name) {
  return name.ends_with(".c") || name.ends_with(".h");
}

// The indexed files under |root|, relative, '/'-separated, sorted.
Status ListFiles(const fs::path& root, std::vector<std::string>* out) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::Error(root.string() + ": not a directory");
  }
  fs::recursive_directory_iterator it(
      root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      const bool skipped =
          name.starts_with('.') ||
          (it.depth() == 0 &&
           std::ranges::find(kSkippedTopDirs, name) != kSkippedTopDirs.end());
      if (skipped) it.disable_recursion_pending();
      continue;
    }
    if ((IsCSource(name) || IsMakefile(name)) && !name.starts_with('.') &&
        it->is_regular_file(ec)) {
      out->push_back(it->path().lexically_relative(root).generic_string());
    }
  }
  if (ec) return Status::Error(root.string() + ": " + ec.message());
  std::ranges::sort(*out);
  return Status::Ok();
}

std::string_view DirOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : path.substr(0, slash);
}

std::string_view BaseName(std::string_view path) {
  return path.substr(DirOf(path).empty() ? 0 : DirOf(path).size() + 1);
}

// What a worker made of one file.
struct FileResult {
  std::string error;  // non-empty when the file could not be read
  FileScan scan;
  std::vector<KbuildEntry> kbuild;
};

// Reads a whole source file; "" or the reason it failed. (ReadInput's
// 1 MiB buffer per call would cost more than scanning the kernel's small
// files.)
std::string ReadSourceFile(const fs::path& path, std::string* out) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::strerror(errno);
  std::string error;
  struct stat st;
  if (fstat(fd, &st) != 0) error = std::strerror(errno);
  if (error.empty()) out->resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (error.empty() && done < out->size()) {
    const ssize_t n = read(fd, out->data() + done, out->size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n == 0) {
      error = "file shrank while being read";
    } else if (errno != EINTR) {
      error = std::strerror(errno);
    }
  }
  close(fd);
  return error;
}

FileResult Process(const fs::path& root, const std::string& path) {
  FileResult r;
  std::string text;
  if (std::string error = ReadSourceFile(root / path, &text); !error.empty()) {
    r.error = (root / path).string() + ": cannot read: " + error;
  } else if (IsMakefile(BaseName(path))) {
    r.kbuild = ParseKbuild(text);
  } else {
    r.scan = ScanSource(text);
  }
  return r;
}

// Appends one file's scan to |data|, its string ids made ids of |pool|.
void Merge(FileId file, const FileScan& scan, StringPool& pool,
           SourceIndexData* data) {
  std::vector<StringId> global;
  global.reserve(scan.strings.size());
  for (const std::string& s : scan.strings) global.push_back(pool.Intern(s));
  for (size_t k = 0; k < scan.definitions.size(); ++k) {
    Definition d = scan.definitions[k];
    d.file = file;
    d.name = global[d.name.value];
    d.condition = global[d.condition.value];
    d.first_call = static_cast<uint32_t>(data->calls.size());
    d.call_count = static_cast<uint32_t>(scan.calls[k].size());
    data->definitions.push_back(d);
    for (CallSite c : scan.calls[k]) {
      c.callee = global[c.callee.value];
      c.condition = global[c.condition.value];
      data->calls.push_back(c);
    }
  }
  for (Reference r : scan.references) {
    r.file = file;
    r.name = global[r.name.value];
    r.condition = global[r.condition.value];
    r.context = global[r.context.value];
    data->references.push_back(r);
  }
}

// Moves the strings of |pool| into |data| in sorted order and renumbers
// every id accordingly.
void SortStrings(const StringPool& pool, SourceIndexData* data) {
  std::vector<uint32_t> order(pool.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::sort(order, {}, [&](uint32_t i) { return pool.Get({i}); });
  std::vector<StringId> id(pool.size());
  for (uint32_t rank = 0; rank < order.size(); ++rank) {
    if (rank > 0) data->strings.Add(pool.Get({order[rank]}));
    id[order[rank]] = StringId{rank};
  }
  auto renumber = [&](StringId& s) { s = id[s.value]; };
  for (SourceFile& f : data->files) renumber(f.path);
  for (Definition& d : data->definitions) {
    renumber(d.name);
    renumber(d.condition);
  }
  for (CallSite& c : data->calls) {
    renumber(c.callee);
    renumber(c.condition);
  }
  for (Reference& r : data->references) {
    renumber(r.name);
    renumber(r.condition);
    renumber(r.context);
  }
  for (MakefileGate& g : data->gates) renumber(g.option);
}

// Workers process files in any order; the caller takes results in order.
class FilePipeline {
 public:
  FilePipeline(const fs::path& root, const std::vector<std::string>& paths,
               unsigned threads)
      : root_(root), paths_(paths), results_(paths.size()) {
    for (unsigned i = 0; i < threads; ++i) {
      workers_.emplace_back([this] { Work(); });
    }
  }
  ~FilePipeline() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  // The result for file |i|, once; files must be taken in order.
  FileResult Take(size_t i) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return results_[i].has_value(); });
    FileResult r = std::move(*results_[i]);
    results_[i].reset();
    taken_ = i + 1;
    cv_.notify_all();
    return r;
  }

 private:
  void Work() {
    while (true) {
      const size_t i = next_.fetch_add(1);
      if (i >= paths_.size()) return;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || i < taken_ + kMaxAhead; });
        if (stop_) return;
      }
      FileResult r = Process(root_, paths_[i]);
      {
        std::lock_guard lock(mu_);
        results_[i] = std::move(r);
      }
      cv_.notify_all();
    }
  }

  const fs::path& root_;
  const std::vector<std::string>& paths_;
  std::atomic<size_t> next_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::optional<FileResult>> results_;
  size_t taken_ = 0;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

Status BuildSourceIndex(const fs::path& root, unsigned threads,
                        const IndexProgress& progress, SourceIndex* out) {
  std::vector<std::string> paths;
  if (Status s = ListFiles(root, &paths); !s.ok()) return s;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());

  SourceIndexData data;
  StringPool pool;
  KbuildGateResolver kbuild;
  {
    FilePipeline pipeline(root, paths, threads);
    for (size_t i = 0; i < paths.size(); ++i) {
      FileResult r = pipeline.Take(i);
      if (!r.error.empty()) return Status::Error(r.error);
      const FileId file{static_cast<uint32_t>(i)};
      data.files.push_back({pool.Intern(paths[i]), 0, 0});
      if (IsMakefile(BaseName(paths[i]))) {
        kbuild.Add(std::string(DirOf(paths[i])), file, std::move(r.kbuild));
      } else {
        Merge(file, r.scan, pool, &data);
      }
      if (progress) progress(i + 1, paths.size());
    }
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!paths[i].ends_with(".c")) continue;
    SourceFile& f = data.files[i];
    f.first_gate = static_cast<uint32_t>(data.gates.size());
    for (const MakefileGate& g : kbuild.GatesOf(paths[i], pool)) {
      data.gates.push_back(g);
    }
    f.gate_count = static_cast<uint32_t>(data.gates.size()) - f.first_gate;
  }
  SortStrings(pool, &data);
  std::ranges::stable_sort(data.references, {}, &Reference::name);
  *out = SourceIndex(std::move(data));
  return Status::Ok();
}

}  // namespace ftriage::kernel
