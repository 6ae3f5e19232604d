// libFuzzer harness: the CSV reader (core/csv.hpp) over text in memory. Every record is
// read until the end or an InputError; record lines never go backwards and never pass the
// input's count of line ends ("\n", "\r\n" or a lone "\r": the reader ends a record at
// each), and the reader's position stays inside the input.
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

std::size_t line_ends(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    n += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  return n;
}

void read_all(std::string text, char separator) {
  const std::size_t lines = line_ends(text) + 1;
  hotline::CsvReader reader(std::move(text), "fuzz.csv", separator);
  std::vector<std::string_view> fields;
  int last_line = 0;
  try {
    while (reader.next(fields)) {
      hotline::fuzz::require(reader.line() >= last_line, "record lines go forward");
      hotline::fuzz::require(std::size_t(reader.line()) <= lines, "record line inside the input");
      hotline::fuzz::require(reader.position() <= reader.size(), "position inside the input");
      last_line = reader.line();
      std::size_t total = 0;
      for (std::string_view f : fields) total += f.size();  // touches every byte (ASan)
      hotline::fuzz::require(total <= reader.size(), "fields no longer than the input");
    }
  } catch (const hotline::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hotline::fuzz::as_text(data, size);
  read_all(std::string(text), ',');
  read_all(std::string(text), '\t');
  return 0;
}
