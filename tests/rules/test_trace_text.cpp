// The trace's generated texts in Chinese (rules/trace_text.hpp): every form the loader makes,
// with and without an "id: " prefix, and text written by a rule set left as it is.
#include <catch2/catch.hpp>

#include "rules/ruleset.hpp"
#include "rules/trace_text.hpp"

using namespace hotline::rules;

TEST_CASE("generated limit texts read in Chinese, singular and plural, with an id prefix", "[rules][trace]") {
  CHECK(trace_text_zh("24 hours") == "24 小时");
  CHECK(trace_text_zh("1 hour") == "1 小时");
  CHECK(trace_text_zh("2 working days") == "2 个工作日");
  CHECK(trace_text_zh("1 working day") == "1 个工作日");
  CHECK(trace_text_zh("0.5 working hours") == "0.5 个工作小时");
  CHECK(trace_text_zh("30 minutes") == "30 分钟");
  CHECK(trace_text_zh("15 days") == "15 天");
  CHECK(trace_text_zh("no limit") == "无时限");
  CHECK(trace_text_zh("immediately") == "立即");
  CHECK(trace_text_zh("accept: 24 hours") == "accept: 24 小时");
  CHECK(trace_text_zh("at most 2 extensions") == "最多延期 2 次");
  CHECK(trace_text_zh("everything else becomes a ticket") == "其余诉求均转为工单");
  CHECK(trace_text_zh("knowledge-base question answered within 3 working days") == "知识库可答的问题 3 个工作日 内答复");
  CHECK(trace_text_zh("same caller, same matter, same district within 72 hours") == "同一来电人、同一事项、同一区县 72 小时内合并");
}

TEST_CASE("every limit kind the loader writes has a Chinese form", "[rules][trace]") {
  using Kind = LimitSpec::Kind;
  for (Kind k : {Kind::None, Kind::Immediate, Kind::Minutes, Kind::Hours, Kind::Days, Kind::WorkingDays, Kind::WorkingHours})
    for (double amount : {1.0, 2.0, 0.5, 48.0}) {
      LimitSpec l;
      l.kind = k;
      l.amount = amount;
      const std::string en = l.to_string();
      INFO(en);
      CHECK(trace_text_zh(en) != en);
      CHECK(trace_text_zh("row: " + en) == "row: " + trace_text_zh(en));
    }
}

TEST_CASE("text a rule set wrote, and near misses of the forms, are shown as written", "[rules][trace]") {
  for (const char* s : {"供水 -> 市自来水公司", "refuse when needs_verification", "hours", "24 hourss", "many working days",
                        "a b: 24 hours", "", "dispatch.water: 供水 -> 市自来水公司"})
    CHECK(trace_text_zh(s) == s);
  CHECK(trace_text("24 hours", false) == "24 hours");
  CHECK(trace_text("24 hours", true) == "24 小时");
}
