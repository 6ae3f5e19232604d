// CSV reading over mmap. Unquoted fields are views into the mapping (no copy); only
// quoted fields with doubled quotes are copied, into per-record scratch storage.
#include "core/csv.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/error.hpp"

namespace hotline {

CsvReader::CsvReader(const std::filesystem::path& file, char separator)
    : name_(file.string()), sep_(separator) {
  int fd = ::open(name_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(name_, 0, "", std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(name_, 0, "", "not a regular file");
  }
  size_ = std::size_t(st.st_size);
  if (size_ > 0) {
    // MAP_POPULATE maps every page up front: one pass instead of a page fault per 64 KiB
    // or so (the importer hashes the whole file first anyway).
    map_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map_ == MAP_FAILED) {
      map_ = nullptr;
      ::close(fd);
      throw InputError(name_, 0, "", std::string("cannot map: ") + std::strerror(errno));
    }
    ::madvise(map_, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(map_);
  }
  ::close(fd);
  skip_bom();
}

CsvReader::CsvReader(std::string text, std::string name, char separator)
    : name_(std::move(name)), owned_(std::move(text)), sep_(separator) {
  data_ = owned_.data();
  size_ = owned_.size();
  skip_bom();
}

// The end of an unquoted field: the first separator, '\n', '\r' or '"' at or after `p`,
// or `end` ('"' there is a stray quote, refused by the caller). Sixteen bytes at a time
// where SSE2 is available (every x86-64): most fields are shorter than that, so one compare
// finds the end; this loop was a tenth of the import's instructions when it went byte by
// byte. The quote costs one more compare per 16 bytes, nothing measurable.
const char* CsvReader::field_end(const char* p, const char* end) const {
#if defined(__SSE2__)
  const __m128i sep = _mm_set1_epi8(sep_), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                quote = _mm_set1_epi8('"');
  for (; end - p >= 16; p += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sep), _mm_cmpeq_epi8(x, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, quote)));
    if (const unsigned mask = unsigned(_mm_movemask_epi8(hit))) return p + __builtin_ctz(mask);
  }
#endif
  while (p < end && *p != sep_ && *p != '\n' && *p != '\r' && *p != '"') ++p;
  return p;
}

CsvReader::~CsvReader() {
  if (map_) ::munmap(map_, size_);
}

void CsvReader::skip_bom() {
  if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

CsvRecordError::CsvRecordError(const std::string& file, int line, std::size_t field, std::string reason)
    : InputError(file, line, "field " + std::to_string(field + 1), std::move(reason)), field_(field) {}

static_assert(CsvReader::kMaxFieldBytes == 65536 && CsvReader::kMaxFields == 4096,
              "the messages below quote the caps");

// Remembers the record's first recoverable problem; next() throws it once the record is read.
void CsvReader::note(std::size_t field, const char* reason) {
  if (!bad_reason_) bad_reason_ = reason, bad_field_ = field;
}

void CsvReader::quoted_field(std::vector<std::string_view>& fields) {
  std::size_t start = ++pos_;
  bool doubled = false;
  for (;;) {
    const void* q = pos_ < size_ ? std::memchr(data_ + pos_, '"', size_ - pos_) : nullptr;
    if (!q) throw InputError(name_, record_line_, "", "unterminated quoted field");
    std::size_t qpos = std::size_t(static_cast<const char*>(q) - data_);
    for (std::size_t i = pos_; i < qpos; ++i) line_ += data_[i] == '\n';
    pos_ = qpos + 1;
    if (pos_ < size_ && data_[pos_] == '"') {  // "" is a literal quote
      doubled = true;
      ++pos_;
      continue;
    }
    break;
  }
  std::string_view raw(data_ + start, pos_ - 1 - start);
  if (raw.size() > kMaxFieldBytes) note(count_, "field longer than 65536 bytes");
  if (bad_reason_ || fields.size() >= kMaxFields) {
    fields.emplace_back();  // not kept: the record is refused anyway
  } else if (doubled) {
    std::string& s = unescaped_.emplace_back();
    s.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      s += raw[i];
      if (raw[i] == '"') ++i;
    }
    fields.emplace_back(s);
  } else {
    fields.emplace_back(raw);
  }
  if (pos_ < size_ && data_[pos_] != sep_ && data_[pos_] != '\n' && data_[pos_] != '\r')
    throw InputError(name_, record_line_, "", "text after a closing quote");
}

void CsvReader::unquoted_field(std::vector<std::string_view>& fields) {
  const char* start = data_ + pos_;
  const char* stop = field_end(start, data_ + size_);
  while (stop < data_ + size_ && *stop == '"') {  // a stray quote: step over it
    note(count_, "a quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
    stop = field_end(stop + 1, data_ + size_);
  }
  pos_ = std::size_t(stop - data_);
  if (std::size_t(stop - start) > kMaxFieldBytes) note(count_, "field longer than 65536 bytes");
  if (fields.size() < kMaxFields) fields.emplace_back(start, std::size_t(stop - start));
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  unescaped_.clear();
  count_ = 0;
  bad_reason_ = nullptr;
  // Skip blank lines. "\r\n", "\n" and a lone "\r" each end one line, as after a record.
  while (pos_ < size_ && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_++] == '\r' && pos_ < size_ && data_[pos_] == '\n') ++pos_;
    ++line_;
  }
  if (pos_ >= size_) return false;
  record_line_ = line_;
  for (;;) {
    if (pos_ < size_ && data_[pos_] == '"') quoted_field(fields);
    else unquoted_field(fields);
    if (++count_ > kMaxFields) note(kMaxFields, "more than 4096 fields in one record");
    if (pos_ >= size_) break;
    char c = data_[pos_++];
    if (c == sep_) continue;
    if (c == '\r' && pos_ < size_ && data_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  if (bad_reason_) throw CsvRecordError(name_, record_line_, bad_field_, bad_reason_);
  return true;
}

}  // namespace hotline
