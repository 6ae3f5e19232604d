// libFuzzer harness: the JSON ticket decoder (rules/ticket_io.hpp, used by `hotline
// dispatch` and the engine). The bytes are parsed as JSON (a syntax error is not the
// decoder's business) and decoded; the decoder's contract is a Ticket or a
// std::invalid_argument naming the field, nothing else. A decoded ticket, written back as
// JSON with integer times, decodes to the same ticket.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "rules/ticket_io.hpp"

namespace {

nlohmann::json encode(const hotline::Ticket& t) {
  return {{"id", t.id}, {"category", t.category}, {"district", t.district}, {"street", t.street},
          {"caller", t.caller_key}, {"enterprise", t.enterprise}, {"created", t.created},
          {"dispatched", t.dispatched == hotline::kNoTime ? nlohmann::json(nullptr) : nlohmann::json(t.dispatched)},
          {"type", std::string(hotline::enum_key(t.type))}, {"urgency", std::string(hotline::enum_key(t.urgency))},
          {"channel", std::string(hotline::enum_key(t.channel))}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  hotline::Ticket t;
  try {
    t = hotline::rules::ticket_from_json(j);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  const hotline::Ticket again = hotline::rules::ticket_from_json(encode(t));
  hotline::fuzz::require(again.id == t.id && again.category == t.category && again.created == t.created &&
                             again.dispatched == t.dispatched && again.type == t.type && again.urgency == t.urgency &&
                             again.channel == t.channel && again.street == t.street && again.district == t.district,
                         "a decoded ticket encodes and decodes to itself");
  return 0;
}
