// Generated trace texts in Chinese: a table of English forms with one placeholder each
// ("{}": a number, or a time limit translated in turn) and their Chinese forms.
#include "rules/trace_text.hpp"

#include <array>
#include <cctype>

namespace hotline::rules {
namespace {

struct Form {
  std::string_view en, zh;  // "{}" marks the part carried over
  bool number;              // the part must be a number; else a limit, translated in turn
};

// The forms made by LimitSpec::to_string (rules/ruleset.cpp), singular and plural, and by
// the loader's and engine's fixed rules. Longer forms come before their suffixes.
constexpr std::array<Form, 21> kForms{{
    {"no limit", "无时限", true},
    {"immediately", "立即", true},
    {"{} working days", "{} 个工作日", true},
    {"{} working day", "{} 个工作日", true},
    {"{} working hours", "{} 个工作小时", true},
    {"{} working hour", "{} 个工作小时", true},
    {"{} minutes", "{} 分钟", true},
    {"{} minute", "{} 分钟", true},
    {"{} hours", "{} 小时", true},
    {"{} hour", "{} 小时", true},
    {"{} days", "{} 天", true},
    {"{} day", "{} 天", true},
    {"at most {} extensions", "最多延期 {} 次", true},
    {"at most {} extension", "最多延期 {} 次", true},
    {"everything else becomes a ticket", "其余诉求均转为工单", true},
    {"copy the district government of a street/town lead", "主办为街道/乡镇时抄送所属区县政府", true},
    {"return accepted: re-dispatch", "退单通过：重新派单", true},
    {"a rule failed: the ticket waits in the manual-dispatch queue", "规则出错：工单转人工派单", true},
    {"same caller, same matter, same district within {} hours", "同一来电人、同一事项、同一区县 {} 小时内合并", true},
    {"same caller, same matter, same district within {} hour", "同一来电人、同一事项、同一区县 {} 小时内合并", true},
    {"knowledge-base question answered within {}", "知识库可答的问题 {} 内答复", false},
}};

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  bool digit = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (c != '.' && c != '-' && c != 'e' && c != '+') return false;
  }
  return digit;
}

// The Chinese of `text` if it is one of the forms exactly; empty if none.
std::string whole(std::string_view text) {
  for (const Form& f : kForms) {
    const std::size_t at = f.en.find("{}");
    if (at == std::string_view::npos) {
      if (text == f.en) return std::string(f.zh);
      continue;
    }
    const std::string_view head = f.en.substr(0, at), tail = f.en.substr(at + 2);
    if (text.size() <= head.size() + tail.size() || text.substr(0, head.size()) != head ||
        text.substr(text.size() - tail.size()) != tail)
      continue;
    const std::string_view part = text.substr(head.size(), text.size() - head.size() - tail.size());
    std::string carried;
    if (f.number) {
      if (!is_number(part)) continue;
      carried = part;
    } else {
      carried = whole(part);
      if (carried.empty()) continue;
    }
    const std::size_t zat = f.zh.find("{}");
    return std::string(f.zh.substr(0, zat)) + carried + std::string(f.zh.substr(zat + 2));
  }
  return {};
}

}  // namespace

std::string trace_text_zh(std::string_view text) {
  if (std::string zh = whole(text); !zh.empty()) return zh;
  // "id: form", where id has no spaces ("accept: 24 hours", "return: 1 working day")
  const std::size_t colon = text.find(": ");
  if (colon != std::string_view::npos && colon > 0 && text.substr(0, colon).find(' ') == std::string_view::npos)
    if (std::string zh = whole(text.substr(colon + 2)); !zh.empty()) return std::string(text.substr(0, colon + 2)) + zh;
  return std::string(text);
}

}  // namespace hotline::rules
