// Checks of free text from outside (CSV fields, JSON strings): valid UTF-8, no control
// characters, a length cap per column (docs/import.md "Text fields").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotline {

// Length in bytes of the valid UTF-8 sequence starting at s[i] (shortest form, no
// surrogates, at most U+10FFFF), or 0 if the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The byte offset of the first byte of `s` that does not start a valid UTF-8 sequence,
// or std::string_view::npos when all of `s` is valid UTF-8.
std::size_t invalid_utf8_at(std::string_view s);

// Why `text` is not acceptable as a stored text value, or "" when it is: invalid UTF-8
// (overlong, surrogate, truncated or stray continuation bytes), a control character
// (U+0000..U+001F, U+007F, U+0080..U+009F; tab included), or longer than `max_bytes`.
// The reason names the byte offset, never the text itself.
std::string text_problem(std::string_view text, std::size_t max_bytes);

}  // namespace hotline
