// Personal data out of messages: every text that reaches a log, an error or a report passes
// through mask_personal(), so that a caller's phone number or ID number is never printed,
// however it is written [GB25 (九): caller identity is personal data; docs/security.md].
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hotline {

// Masks every phone-like or ID-like run in `text`: a run of digits (ASCII or full-width
// ０-９), possibly joined by single separators (space, '-', '.', '(', ')', full-width
// space or hyphen) and led by '+', that holds 7 or more digits in all. Each digit of such a
// run becomes '#', as does a leading '+'. Calendar dates and times written as
// YYYY-MM-DD, YYYY/MM/DD or YYYY-MM (year 1900-2199) followed by " HH" are left alone, but a
// single group of 7 or more digits is masked wherever it stands.
std::string mask_personal(std::string_view text);

// A bad value quoted for a message: masked by mask_personal, control characters and
// invalid UTF-8 bytes shown as \xNN, cut at a character boundary after at most `max_bytes`
// bytes of the value ("..." marks the cut), in single quotes.
std::string excerpt(std::string_view value, std::size_t max_bytes = 40);

}  // namespace hotline
