// A fast RFC 4180 CSV reader over a memory-mapped file: fields come back as string_views
// into the mapping, with the line each record started on, for file:line error messages.
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hotline {

class CsvReader {
 public:
  // Opens and maps the file; throws InputError(file, 0, "", reason) if it cannot.
  explicit CsvReader(const std::filesystem::path& file, char separator = ',');
  // Reads from text already in memory (tests, stdin); `name` is used in messages.
  CsvReader(std::string text, std::string name, char separator = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record. Returns false at end of input. Blank lines are skipped.
  // Quoted fields may hold separators, newlines and doubled quotes. The views stay valid
  // until the next call. Throws InputError naming file:line for an unterminated quote or
  // text after a closing quote.
  bool next(std::vector<std::string_view>& fields);

  int line() const { return record_line_; }  // 1-based line where the last record began
  const std::string& name() const { return name_; }
  std::size_t position() const { return pos_; }  // bytes consumed, for progress
  std::size_t size() const { return size_; }
  std::string_view bytes() const { return {data_, size_}; }  // the whole input, BOM included

 private:
  void skip_bom();
  const char* field_end(const char* p, const char* end) const;

  std::string name_;
  std::string owned_;             // text when not mapped
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t pos_ = 0;
  int line_ = 1;                  // line at pos_
  int record_line_ = 0;
  char sep_ = ',';
  void* map_ = nullptr;
  std::deque<std::string> unescaped_;  // storage for quoted fields with "" inside
};

}  // namespace hotline
