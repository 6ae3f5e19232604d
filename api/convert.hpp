// Between the public API's types (include/hotline/) and the internal ones (core/, rules/):
// tickets in, decisions and errors out. Internal to api/; never installed.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/policy.hpp"
#include "core/records.hpp"
#include "hotline/hotline.hpp"

namespace hotline::rules {
class RuleSet;
}

namespace hotline::api::detail {

// The internal ticket, or the problems of a bad one (field: reason) appended to `problems`
// with `where` as their file ("ticket", "ticket[3]"). Returns false when bad.
bool to_internal(const api::Ticket& in, hotline::Ticket& out, const std::string& where, std::vector<Problem>& problems);

// Instants the API accepts: years 1000-9999 CST (arithmetic on them cannot overflow).
// Throws Error (where: field: out of range) otherwise.
void check_time(Time t, const std::string& where, const char* field);
// check_time on a ticket's created and dispatched (kNoTime is fine for dispatched).
void check_times(const hotline::Ticket& t, const std::string& where);

api::Decision to_public(const hotline::Ticket& t, const TicketDecision& d, const rules::RuleSet& rs);
api::Ticket to_public(const hotline::Ticket& t);

// Public problems from internal ones; fields and reasons are masked (mask_personal).
std::vector<Problem> to_public(const std::vector<InputProblem>& problems);
// The problems of the exception being handled (InputError, Error, anything else), with
// `where` as the file of problems that name none.
std::vector<Problem> problems_of(const std::exception_ptr& e, const std::string& where);
// Rethrows the exception being handled as an api::Error.
[[noreturn]] void rethrow_as_error(const std::string& where);

}  // namespace hotline::api::detail
