// The rule engine: implements the Policy interface over a loaded RuleSet with its own Lua
// state (one per thread). Table lookups in C++, Lua only for rows with logic; a failing
// rule sends that one ticket to manual dispatch with `file:line: message`.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/policy.hpp"
#include "rules/ruleset.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {

class LuaRef;

class RuleEngine final : public Policy {
 public:
  explicit RuleEngine(std::shared_ptr<const RuleSet> rules);
  ~RuleEngine() override;

  TicketDecision decide(const Ticket& ticket) override;
  void decide_into(const Ticket& ticket, TicketDecision& out) override;
  DiversionOffer divert(const QueueState& queue) override;
  ReturnReview review_return(const ReturnRequest& request) override;
  ExtensionReview review_extension(const ExtensionRequest& request) override;
  EscalationResult escalate(const TicketStatus& status) override;
  std::vector<UnitIndicators> indicators(const std::vector<UnitPeriodCounts>& counts) override;
  Bulletin bulletin(const std::vector<UnitPeriodCounts>& counts, Lang lang = Lang::Zh) override;
  std::uint64_t manual_count() const override { return manual_; }
  // When a unit must answer the hotline's knowledge-base question asked at `asked`
  // [SL24 §25]; kNoTime when the set has no such limit.
  Time knowledge_base_by(Time asked) const { return apply(rs_->tables().knowledge_base, asked); }

  // Stages for the benchmark's split: intake only, + dispatch, + deadlines (= decide).
  enum Stage : unsigned { kIntake = 1, kDispatch = 2, kDeadlines = 4, kAll = 7 };
  void decide_stages(const Ticket& ticket, TicketDecision& out, unsigned stages);

  const RuleSet& rules() const { return *rs_; }
  Sandbox& sandbox() { return *sandbox_; }
  // Where manual-dispatch events and hotline.log lines go (default: stderr).
  void set_log_sink(LogSink sink);
  // Forget the duplicate-merging memory (between replications).
  void reset_merge_memory() { recent_.clear(); }

 private:
  struct Resolved;
  void run(const Ticket& t, TicketDecision& out, unsigned stages, std::size_t& steps);
  // The stages of run, in order (intake and merging return true when they decide the ticket).
  bool intake(const Ticket& t, int category, TicketDecision& out, std::size_t& steps);
  Resolved locate(const Ticket& t) const;
  bool merge(const Ticket& t, const Resolved& where, Time base, TicketDecision& out, std::size_t& steps);
  const CatalogRow& dispatch(const Ticket& t, int category, const Resolved& where, TicketDecision& out, std::size_t& steps);
  void deadlines(const Ticket& t, const CatalogRow& row, Time base, TicketDecision& out, std::size_t& steps);
  int choose(const CatalogRow& row, const Ticket& t, const Resolved& where);
  Time apply(const LimitSpec& spec, Time base) const;
  Time evaluate(const LimitTable& table, std::size_t cell, Time base, const RuleSource** row) const;
  std::size_t cell(const Ticket& t, int deadline_class) const;

  std::shared_ptr<const RuleSet> rs_;
  std::unique_ptr<Sandbox> sandbox_;
  std::vector<LuaRef> functions_;  // by function id, for rows with logic
  std::uint64_t manual_ = 0;
  LogSink log_;
  const RuleSource* current_ = nullptr;  // the rule being evaluated, for error messages
  struct Recent {
    Time time;
    std::string id;
  };
  std::unordered_map<std::uint64_t, Recent> recent_;  // duplicate merging [GB25 (五)]
  RuleSource manual_rule_;
};

// One Policy per worker thread, all sharing the compiled rule set.
std::function<std::unique_ptr<Policy>()> engine_factory(std::shared_ptr<const RuleSet> rules);

}  // namespace hotline::rules
