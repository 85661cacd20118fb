#include "kernel/source_index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace ftriage::kernel {
namespace {

constexpr std::string_view kMagic = "FTSRCIDX";
constexpr int kZstdLevel = 3;
// A section larger than this many times its frame is corrupt (real ones
// compress about 2:1); bounds what a damaged size field can make us reserve.
constexpr uint64_t kMaxRatio = 64;
constexpr uint64_t kMinSectionBound = uint64_t{1} << 20;

// The payload's sections, each its own zstd frame so that they decode in
// parallel.
enum Section { kStrings, kFiles, kDefinitions, kCalls, kReferences };
constexpr size_t kSections = 5;

class Writer {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Id(StringId id) { Varint(id.value); }
  void Bytes(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote from one zstd frame, decompressing as it goes
// (a section is never whole in memory). Any overrun, out-of-range value or
// zstd error makes ok() false, and further reads return 0.
class Reader {
 public:
  Reader(std::string_view frame, uint64_t content_size)
      : dctx_(ZSTD_createDCtx(), &ZSTD_freeDCtx),
        in_{frame.data(), frame.size(), 0},
        left_(content_size) {}

  uint64_t Varint() {
    uint64_t v = 0;
    if (end_ - pos_ >= 10) {  // the whole varint is buffered
      for (int shift = 0; shift < 64; shift += 7) {
        const auto b = static_cast<uint8_t>(buf_[pos_++]);
        v |= static_cast<uint64_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return v;
      }
      ok_ = false;
      return 0;
    }
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ == end_ && !Refill()) break;
      const auto b = static_cast<uint8_t>(buf_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }
  int64_t Signed() {
    const uint64_t v = Varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  // A value below |limit|.
  uint32_t Below(uint64_t limit) {
    const uint64_t v = Varint();
    if (v >= limit) ok_ = false;
    return ok_ ? static_cast<uint32_t>(v) : 0;
  }
  // A count of records that take at least |min_bytes| bytes each.
  size_t Count(uint64_t min_bytes) {
    return Below(Remaining() / min_bytes + 1);
  }
  LineNo Line() { return Below(uint64_t{std::numeric_limits<LineNo>::max()}); }
  LineNo LineFrom(LineNo base) {
    const int64_t v = int64_t{base} + Signed();
    if (v < 0 || v >= std::numeric_limits<LineNo>::max()) ok_ = false;
    return ok_ ? static_cast<LineNo>(v) : 0;
  }
  StringId Id(size_t strings) { return StringId{Below(strings)}; }
  FileId File(size_t files) { return FileId{Below(files)}; }
  // Valid until the next read.
  std::string_view Bytes() {
    const uint64_t n = Varint();
    if (!ok_ || n > Remaining()) {
      ok_ = false;
      return {};
    }
    if (n <= end_ - pos_) {
      pos_ += n;
      return {buf_.get() + pos_ - n, n};
    }
    scratch_.clear();
    while (scratch_.size() < n && (pos_ < end_ || Refill())) {
      const size_t take = std::min<size_t>(n - scratch_.size(), end_ - pos_);
      scratch_.append(buf_.get() + pos_, take);
      pos_ += take;
    }
    return scratch_;
  }
  bool ok() const { return ok_; }
  // Whether everything was read and the frame (checksum included) is whole.
  bool Finish() {
    if (!ok_ || pos_ != end_ || left_ != 0) return false;
    if (frame_done_) return in_.pos == in_.size;
    char extra;
    ZSTD_outBuffer out{&extra, 1, 0};
    size_t rc = 1;
    while (rc != 0) {
      const size_t before = in_.pos;
      rc = ZSTD_decompressStream(dctx_.get(), &out, &in_);
      if (ZSTD_isError(rc) || out.pos != 0) return false;
      if (rc != 0 && in_.pos == before) return false;  // truncated
    }
    return in_.pos == in_.size;
  }

 private:
  static constexpr size_t kBufferSize = size_t{1} << 18;

  uint64_t Remaining() const { return left_ + (end_ - pos_); }

  bool Refill() {
    if (!ok_ || left_ == 0) return ok_ = false;
    ZSTD_outBuffer out{buf_.get(), kBufferSize, 0};
    size_t rc = 0;
    while (out.pos == 0) {
      const size_t before = in_.pos;
      rc = ZSTD_decompressStream(dctx_.get(), &out, &in_);
      if (ZSTD_isError(rc) || (out.pos == 0 && in_.pos == before)) {
        return ok_ = false;
      }
    }
    if (out.pos > left_) return ok_ = false;
    frame_done_ = rc == 0;
    left_ -= out.pos;
    pos_ = 0;
    end_ = out.pos;
    return true;
  }

  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx_;
  ZSTD_inBuffer in_;
  std::unique_ptr<char[]> buf_ =
      std::make_unique_for_overwrite<char[]>(kBufferSize);
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t left_;  // section bytes not yet decompressed
  bool ok_ = true;
  bool frame_done_ = false;  // zstd saw the end of the frame
  std::string scratch_;
};

// The sections as Writer bytes.
std::array<std::string, kSections> Encode(const SourceIndexData& d) {
  std::array<Writer, kSections> w;
  Writer& strings = w[kStrings];
  strings.Varint(d.strings.bytes());
  for (uint32_t i = 1; i < d.strings.size(); ++i) {
    strings.Bytes(d.strings.Get(StringId{i}));
  }
  Writer& files = w[kFiles];
  for (const SourceFile& f : d.files) {
    files.Id(f.path);
    files.Varint(f.gate_count);
    for (uint32_t i = 0; i < f.gate_count; ++i) {
      const MakefileGate& g = d.gates[f.first_gate + i];
      files.Id(g.option);
      files.Varint(g.makefile.value);
      files.Varint(g.line);
      files.Varint(g.negated ? 1 : 0);
    }
  }
  Writer& defs = w[kDefinitions];
  defs.Varint(d.definitions.size());
  uint32_t file = 0;
  for (const Definition& def : d.definitions) {
    defs.Id(def.name);
    defs.Varint(def.file.value - file);
    file = def.file.value;
    defs.Varint(def.line);
    defs.Signed(int64_t{def.end_line} - def.line);
    defs.Id(def.condition);
    defs.Varint(def.flags);
    defs.Varint(def.call_count);
  }
  Writer& calls = w[kCalls];
  calls.Varint(d.calls.size());
  LineNo line = 0;
  for (const CallSite& c : d.calls) {
    calls.Varint(uint64_t{c.callee.value} << 1 | (c.through_member ? 1 : 0));
    calls.Signed(int64_t{c.line} - line);
    line = c.line;
    calls.Id(c.condition);
  }
  Writer& refs = w[kReferences];
  refs.Varint(d.references.size());
  for (const Reference& r : d.references) {
    refs.Id(r.name);
    refs.Varint(r.file.value);
    refs.Varint(r.line);
    refs.Id(r.condition);
    refs.Id(r.context);
  }
  std::array<std::string, kSections> out;
  for (size_t i = 0; i < kSections; ++i) out[i] = std::move(w[i].bytes());
  return out;
}

// Each Decode* reads one section; false when it is malformed.

bool DecodeStrings(Reader& r, size_t nstrings, SourceStrings* out) {
  out->Reserve(nstrings, r.Count(1));
  for (size_t i = 1; i < nstrings; ++i) {
    if (!out->Add(r.Bytes()) || !r.ok()) return false;
  }
  return r.Finish();
}

bool DecodeFiles(Reader& r, size_t nstrings, size_t nfiles,
                 SourceIndexData* d) {
  d->files.reserve(nfiles);
  for (size_t i = 0; i < nfiles; ++i) {
    SourceFile& f = d->files.emplace_back();
    f.path = r.Id(nstrings);
    f.first_gate = static_cast<uint32_t>(d->gates.size());
    f.gate_count = static_cast<uint32_t>(r.Count(4));
    for (uint32_t k = 0; k < f.gate_count && r.ok(); ++k) {
      MakefileGate& g = d->gates.emplace_back();
      g.option = r.Id(nstrings);
      g.makefile = r.File(nfiles);
      g.line = r.Line();
      g.negated = r.Below(2) == 1;
    }
    if (!r.ok()) return false;
  }
  return r.Finish();
}

bool DecodeDefinitions(Reader& r, size_t nstrings, size_t nfiles,
                       std::vector<Definition>* out) {
  const size_t n = r.Count(7);
  out->reserve(n);
  uint64_t calls = 0;
  uint32_t file = 0;
  for (size_t i = 0; i < n; ++i) {
    Definition& def = out->emplace_back();
    def.name = r.Id(nstrings);
    file += r.Below(nfiles - file);
    def.file = FileId{file};
    def.line = r.Line();
    def.end_line = r.LineFrom(def.line);
    def.condition = r.Id(nstrings);
    def.flags = static_cast<uint16_t>(r.Below(uint64_t{1} << 16));
    def.first_call = static_cast<uint32_t>(calls);
    def.call_count = r.Line();
    calls += def.call_count;
    if (!r.ok() || calls > std::numeric_limits<uint32_t>::max()) return false;
  }
  return r.Finish();
}

bool DecodeCalls(Reader& r, size_t nstrings, std::vector<CallSite>* out) {
  const size_t n = r.Count(3);
  out->reserve(n);
  LineNo line = 0;
  for (size_t i = 0; i < n; ++i) {
    CallSite& c = out->emplace_back();
    const uint64_t callee = r.Varint();
    c.callee = StringId{static_cast<uint32_t>(callee >> 1)};
    c.through_member = (callee & 1) != 0;
    c.line = line = r.LineFrom(line);
    c.condition = r.Id(nstrings);
    if (callee >> 1 >= nstrings || !r.ok()) return false;
  }
  return r.Finish();
}

bool DecodeReferences(Reader& r, size_t nstrings, size_t nfiles,
                      std::vector<Reference>* out) {
  const size_t n = r.Count(5);
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Reference& ref = out->emplace_back();
    ref.name = r.Id(nstrings);
    ref.file = r.File(nfiles);
    ref.line = r.Line();
    ref.condition = r.Id(nstrings);
    ref.context = r.Id(nstrings);
    if (i > 0 && ref.name < (*out)[i - 1].name) return false;
    if (!r.ok()) return false;
  }
  return r.Finish();
}

// A read-only mapping of a whole file.
class MappedFile {
 public:
  ~MappedFile() {
    if (data_ != nullptr) munmap(data_, size_);
  }
  // "" or the reason the file cannot be mapped.
  std::string Open(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    struct stat st;
    std::string error;
    if (fstat(fd, &st) != 0) {
      error = std::strerror(errno);
    } else if (st.st_size > 0) {
      size_ = static_cast<size_t>(st.st_size);
      void* p =
          mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p == MAP_FAILED) {
        error = std::strerror(errno);
      } else {
        data_ = p;
      }
    }
    close(fd);
    return error;
  }
  std::string_view bytes() const {
    return data_ == nullptr
               ? std::string_view()
               : std::string_view(static_cast<char*>(data_), size_);
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Bounds-checked varints of the uncompressed header.
bool TakeVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace

Status SaveSourceIndex(const SourceIndex& index,
                       const std::filesystem::path& path) {
  const SourceIndexData& d = index.data();
  std::array<std::string, kSections> sections = Encode(d);
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(),
                                                          &ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, kZstdLevel);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  Writer header;
  header.bytes() = kMagic;
  for (int i = 0; i < 4; ++i) {
    header.bytes().push_back(
        static_cast<char>((kSourceIndexVersion >> (8 * i)) & 0xff));
  }
  header.Varint(d.strings.size());
  header.Varint(d.files.size());
  std::string frames;
  for (std::string& section : sections) {
    const size_t start = frames.size();
    frames.resize(start + ZSTD_compressBound(section.size()));
    const size_t n =
        ZSTD_compress2(cctx.get(), frames.data() + start, frames.size() - start,
                       section.data(), section.size());
    if (ZSTD_isError(n)) {
      return Status::Error(path.string() + ": " + ZSTD_getErrorName(n));
    }
    frames.resize(start + n);
    header.Varint(n);
    section = std::string();
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(header.bytes().data(),
          static_cast<std::streamsize>(header.bytes().size()));
  f.write(frames.data(), static_cast<std::streamsize>(frames.size()));
  f.close();
  if (!f) return Status::Error(path.string() + ": cannot write");
  return Status::Ok();
}

Status LoadSourceIndex(const std::filesystem::path& path, SourceIndex* out) {
  const std::string name = path.string();
  MappedFile file;
  if (std::string error = file.Open(name); !error.empty()) {
    return Status::Error(name + ": cannot open: " + error);
  }
  std::string_view in = file.bytes();
  if (in.size() < kMagic.size() + 4 || !in.starts_with(kMagic)) {
    return Status::Error(name + ": not an ftriage source index");
  }
  uint32_t version = 0;
  for (size_t i = 0; i < 4; ++i) {
    version |= uint32_t{static_cast<uint8_t>(in[kMagic.size() + i])} << (8 * i);
  }
  if (version != kSourceIndexVersion) {
    return Status::Error(name + ": source index version " +
                         std::to_string(version) + ", this ftriage reads " +
                         std::to_string(kSourceIndexVersion) +
                         " (rebuild it with `ftriage index`)");
  }
  in.remove_prefix(kMagic.size() + 4);
  const Status corrupt = Status::Error(name + ": corrupt source index");
  uint64_t nstrings = 0;
  uint64_t nfiles = 0;
  std::array<uint64_t, kSections> frame_sizes{};
  bool ok = TakeVarint(&in, &nstrings) && TakeVarint(&in, &nfiles) &&
            nstrings > 0 && nstrings <= UINT32_MAX && nfiles < UINT32_MAX;
  for (uint64_t& size : frame_sizes) ok = ok && TakeVarint(&in, &size);
  if (!ok) return corrupt;
  std::array<std::unique_ptr<Reader>, kSections> readers;
  for (size_t i = 0; i < kSections; ++i) {
    if (frame_sizes[i] > in.size()) return corrupt;
    const std::string_view frame = in.substr(0, frame_sizes[i]);
    in.remove_prefix(frame_sizes[i]);
    const unsigned long long size =
        ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > frame.size() * kMaxRatio + kMinSectionBound) {
      return corrupt;
    }
    readers[i] = std::make_unique<Reader>(frame, size);
  }
  if (!in.empty()) return corrupt;

  // The calls are the largest section: decode them beside the rest.
  SourceIndexData data;
  bool calls_ok = false;
  std::thread calls(
      [&] { calls_ok = DecodeCalls(*readers[kCalls], nstrings, &data.calls); });
  ok = DecodeStrings(*readers[kStrings], nstrings, &data.strings) &&
       DecodeFiles(*readers[kFiles], nstrings, nfiles, &data) &&
       DecodeDefinitions(*readers[kDefinitions], nstrings, nfiles,
                         &data.definitions) &&
       DecodeReferences(*readers[kReferences], nstrings, nfiles,
                        &data.references);
  calls.join();
  const uint64_t call_total =
      data.definitions.empty() ? 0
                               : uint64_t{data.definitions.back().first_call} +
                                     data.definitions.back().call_count;
  if (!ok || !calls_ok || call_total != data.calls.size()) return corrupt;
  *out = SourceIndex(std::move(data));
  return Status::Ok();
}

}  // namespace ftriage::kernel
