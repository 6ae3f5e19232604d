// The texts the rule-set loader and engine generate for a decision's trace (time limits such
// as "24 hours" or "2 working days", the default intake row, the merge, extension and
// double-dispatch rules) in the report's language. The trace itself stays in English, the
// stable form that `hotline dispatch`, the C and C++ APIs and the results database carry;
// reports and the dashboard translate it when they show it in Chinese. Text written by a
// rule set (its categories, units, Chinese row text) is shown as written.
#pragma once

#include <string>
#include <string_view>

namespace hotline::rules {

// `text` in Chinese where it is one of the generated forms, optionally after an "id: "
// prefix ("accept: 24 hours" -> "accept: 24 小时"); any other text unchanged.
std::string trace_text_zh(std::string_view text);

// trace_text_zh when `zh`, else `text` as it is.
inline std::string trace_text(std::string_view text, bool zh) { return zh ? trace_text_zh(text) : std::string(text); }

}  // namespace hotline::rules
