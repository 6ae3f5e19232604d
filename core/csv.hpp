// A fast RFC 4180 CSV reader over a memory-mapped file: fields come back as string_views
// into the mapping, with the line each record started on, for file:line error messages.
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace hotline {

// A record that breaks a rule the reader can step over (a stray quote inside an unquoted
// field, a field longer than the cap, too many fields): the reader has consumed the whole
// record, so the caller may report it and call next() again. `field()` is the 0-based index
// of the offending field. The message names file:line and "field N" (1-based).
class CsvRecordError : public InputError {
 public:
  CsvRecordError(const std::string& file, int line, std::size_t field, std::string reason);
  std::size_t field() const { return field_; }
  const std::string& reason() const { return problems().front().reason; }

 private:
  std::size_t field_;
};

class CsvReader {
 public:
  // Opens and maps the file; throws InputError(file, 0, "", reason) if it cannot.
  explicit CsvReader(const std::filesystem::path& file, char separator = ',');
  // Reads from text already in memory (tests, stdin); `name` is used in messages.
  CsvReader(std::string text, std::string name, char separator = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Size caps: a field longer than this many bytes, or a record with more fields, is a
  // CsvRecordError (nothing of it is copied; unquoted fields are views into the input).
  static constexpr std::size_t kMaxFieldBytes = 64 * 1024;
  static constexpr std::size_t kMaxFields = 4096;

  // Reads the next record. Returns false at end of input. Blank lines are skipped.
  // Quoted fields may hold separators, newlines and doubled quotes. The views stay valid
  // until the next call. Throws InputError naming file:line for an unterminated quote or
  // text after a closing quote (the rest of the input cannot be read), and CsvRecordError
  // for a quote inside an unquoted field, a field over kMaxFieldBytes or a record over
  // kMaxFields fields (the record is skipped; reading may go on).
  bool next(std::vector<std::string_view>& fields);

  int line() const { return record_line_; }  // 1-based line where the last record began
  const std::string& name() const { return name_; }
  std::size_t position() const { return pos_; }  // bytes consumed, for progress
  std::size_t size() const { return size_; }
  std::string_view bytes() const { return {data_, size_}; }  // the whole input, BOM included

 private:
  void skip_bom();
  void quoted_field(std::vector<std::string_view>& fields);
  void unquoted_field(std::vector<std::string_view>& fields);
  void note(std::size_t field, const char* reason);
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
  std::size_t count_ = 0;              // fields of the current record, kept or not
  const char* bad_reason_ = nullptr;   // the first recoverable problem of the record
  std::size_t bad_field_ = 0;
};

}  // namespace hotline
