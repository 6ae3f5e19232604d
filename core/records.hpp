// Domain records: a call in the call centre and a ticket (工单) in its life cycle.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/time.hpp"

namespace hotline {

inline constexpr Time kNoTime = std::numeric_limits<Time>::min();  // "not happened"

// One call as the call system records it. Durations are whole seconds.
struct Call {
  std::int64_t id = 0;
  Time arrival = 0;
  Channel channel = Channel::Phone;
  SkillQueue skill = SkillQueue::General;
  std::string caller_key;  // pseudonymised caller (never the phone number)
  std::int32_t ivr_s = 0;
  std::int32_t wait_s = 0;
  std::int32_t talk_s = 0;
  std::int32_t wrap_s = 0;
  CallOutcome outcome = CallOutcome::Answered;
  std::string agent;  // agent id, empty if not answered
};

// One ticket: the request, where it went and its life-cycle timestamps.
struct Ticket {
  std::string id;
  Time created = 0;
  Channel channel = Channel::Phone;
  RequestType type = RequestType::Help;
  std::string category;  // dispatch-catalog category, e.g. "供水"
  std::string district;  // district/county name or id
  std::string street;    // street/town name or id; may be empty
  bool enterprise = false;
  Urgency urgency = Urgency::Normal;
  std::string caller_key;  // pseudonymised

  // Life cycle; kNoTime where the step has not happened.
  Time dispatched = kNoTime;
  Time accepted = kNoTime;
  Time returned = kNoTime;
  Time extended = kNoTime;
  Time replied = kNoTime;
  Time closed = kNoTime;

  // Handling units by id: one lead (主办), co-handling (协办) and copied (抄送) units.
  std::string lead_unit;
  std::vector<std::string> co_units;
  std::vector<std::string> copied_units;

  Satisfaction satisfaction = Satisfaction::None;
  std::int32_t reopen_count = 0;
};

}  // namespace hotline
