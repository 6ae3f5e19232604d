// hotline::api::simulate over sim/: the scenario's rule set as the Policy of every
// replication (one engine per worker thread), per-unit period counts as public rows.
#include "hotline/simulate.hpp"

#include <algorithm>
#include <thread>

#include "api/convert.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/ruleset.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/ticket_network.hpp"

namespace hotline::api {

namespace {
UnitResult row(int replication, const sim::TicketPeriod& p, UnitIndex u, const OrgGraph& org) {
  const UnitPeriodCounts& c = p.units[u];
  const sim::UnitExtraCounts& x = p.extra[u];
  UnitResult r;
  r.replication = replication;
  r.period = p.name;
  r.unit_id = org.unit(u).id;
  r.unit_name = org.unit(u).name;
  r.unit_kind = std::string(enum_key(org.unit(u).kind));
  r.handled = c.handled;
  r.accepted_in_time = c.accepted_in_time;
  r.resolved = c.resolved;
  r.closed = c.closed;
  r.on_time = c.on_time;
  r.late = c.late;
  r.overdue_open = c.overdue_open;
  r.satisfied = c.satisfied;
  r.basically_satisfied = c.basically_satisfied;
  r.unsatisfied = c.unsatisfied;
  r.returns = x.returns;
  r.extensions = x.extensions;
  r.escalations = x.escalations;
  r.reopens = x.reopens;
  r.urges = x.urges;
  return r;
}
}  // namespace

std::vector<UnitResult> simulate(const std::string& scenario, const SimulateOptions& options) {
  if (options.replications < 1 || options.replications > 100000)
    throw Error({{scenario, 0, "replications", "must be between 1 and 100000"}});
  if (options.threads < 0) throw Error({{scenario, 0, "threads", "must be >= 0"}});
  try {
    ScopedDataDir data(options.data_folder);
    const ScenarioConfig sc = load_scenario(scenario);
    if (sc.ruleset.empty() || !sc.tickets.enabled)
      throw Error({{scenario, 0, sc.ruleset.empty() ? "ruleset" : "tickets", "the scenario has no ticket network to report per unit"}});
    const auto rs = rules::load_rule_set(rules::find_ruleset(sc.ruleset));
    sim::ExperimentOptions opt;
    opt.replications = options.replications;
    opt.seed = options.seed;
    opt.threads = options.threads > 0 ? options.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    opt.policy_factory = rules::engine_factory(rs);
    const std::vector<sim::TicketRun> runs = sim::run_ticket_replications(sc, opt, rs->org(), rs->calendar());
    std::vector<UnitResult> out;
    for (std::size_t r = 0; r < runs.size(); ++r)
      for (const sim::TicketPeriod& p : runs[r].tickets.periods)
        for (UnitIndex u = 0; u < UnitIndex(p.units.size()); ++u)
          if (p.units[u].handled > 0) out.push_back(row(int(r) + 1, p, u, rs->org()));
    return out;
  } catch (const Error&) {
    throw;
  } catch (...) {
    detail::rethrow_as_error(scenario);
  }
}

}  // namespace hotline::api
