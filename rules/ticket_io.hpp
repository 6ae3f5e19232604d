// Tickets and decisions as JSON (one object per line for `hotline dispatch`), and the
// synthetic ticket mix used by `rules bench` and bench/bench_rules.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/policy.hpp"
#include "core/records.hpp"

namespace hotline::rules {

class RuleSet;

// A ticket from JSON: {"id", "type", "category", "district", "street", "urgency", "channel",
// "enterprise", "caller", "created", "dispatched"} (times as "2025-01-24 10:00" or seconds).
// Throws std::invalid_argument naming the field.
Ticket ticket_from_json(const nlohmann::json& j);
// A decision as JSON, units by id and name; never the caller key.
nlohmann::json decision_to_json(const Ticket& t, const TicketDecision& d, const RuleSet& rs);

using hotline::route_key;  // core/policy.hpp

// A synthetic ticket mix with the January 2025 Shangluo shares [SL24 bulletin] (docs/sources.md; types,
// channels, category groups, county workloads); streets drawn from the org graph, times
// uniform over January 2025, 2.5% urgent and 0.5% major (assumed). Deterministic by seed.
std::vector<Ticket> synthetic_tickets(const RuleSet& rs, std::size_t n, std::uint64_t seed);

}  // namespace hotline::rules
