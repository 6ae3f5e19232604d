// Tests of the rule lab's view model: the rule diff table (`hotline rules diff` as data).
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <algorithm>
#include <cmath>
#include <stop_token>

#include "gui/rules_model.hpp"

using namespace hotline;
using namespace hotline::gui;
using Change = rules::ParameterDiff::Change;

TEST_CASE("the rule diff table lists every parameter of both sets with the CLI's counts", "[gui][rules]") {
  const RuleDiffTable t = diff_rulesets("shangluo-2024", "xian-2023");
  CHECK(t.baseline.rfind("shangluo-2024@", 0) == 0);
  CHECK(t.revised.rfind("xian-2023@", 0) == 0);
  REQUIRE(t.rows.size() == std::size_t(t.changed + t.added + t.removed + t.same));
  CHECK(t.changed > 0);
  CHECK(std::is_sorted(t.rows.begin(), t.rows.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
  for (const auto& r : t.rows) {
    INFO(r.name);
    if (r.change == Change::Added) CHECK(r.before.empty());
    if (r.change == Change::Removed) CHECK(r.after.empty());
    if (r.change == Change::Same) CHECK(r.before == r.after);
    if (r.change == Change::Changed) CHECK(r.before != r.after);
  }
  // the same totals as `hotline rules diff`
  const auto cli = hotline::test::run_hotline("rules diff shangluo-2024 xian-2023 --lang en", " 2>/dev/null");
  REQUIRE(cli.status == 0);
  CHECK_THAT(cli.out, Catch::Contains("Total: " + std::to_string(t.changed) + " changed, " + std::to_string(t.added) +
                                      " added, " + std::to_string(t.removed) + " removed, " + std::to_string(t.same) +
                                      " unchanged"));
}

TEST_CASE("a rule set diffed with itself has no changes; a missing set is an error naming it", "[gui][rules]") {
  const RuleDiffTable t = diff_rulesets("shangluo-2024", "shangluo-2024");
  CHECK(t.changed + t.added + t.removed == 0);
  CHECK(t.same > 10);
  CHECK_THROWS_WITH(diff_rulesets("shangluo-2024", "no-such-rules"), Catch::Contains("no-such-rules"));
}

TEST_CASE("the rule lab's comparison gives the KPI rows, per-unit rates and differing tickets", "[gui][rules][compare]") {
  std::vector<double> seen;
  const RuleLabRun run = run_rule_lab("shangluo-2025-01", "shangluo-2024", "xian-2023", 2,
                                      [&](double f) { seen.push_back(f); }, {});
  CHECK(run.scenario == "shangluo-2025-01");
  CHECK(run.baseline.rfind("shangluo-2024@", 0) == 0);
  CHECK(run.revised.rfind("xian-2023@", 0) == 0);
  REQUIRE_FALSE(seen.empty());
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.back() <= 1.0);
  const sim::CompareResult& r = run.result;
  CHECK(r.replications == 2);
  const auto rows = kpi_rows(r, Lang::En);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].name == "Tickets created");
  for (const KpiRow& k : rows) {
    INFO(k.name);
    // paired over common replications: the mean delta is the difference of the means
    CHECK(k.value.delta.mean == Approx(k.value.revised.mean - k.value.base.mean).margin(1e-9));
  }
  CHECK(estimate_text(rows[3].value.delta, 100, 2, true).find("±") != std::string::npos);
  const UnitRates u = unit_rates(r, 12);
  REQUIRE(u.names.size() == 12);
  REQUIRE(u.base.size() == 12);
  for (std::size_t i = 0; i < u.names.size(); ++i) {
    CHECK(u.x[i] == double(i));
    for (double v : {u.base[i], u.revised[i]}) CHECK((std::isnan(v) || (v >= 0 && v <= 1)));
  }
  REQUIRE_FALSE(r.differing.empty());
  for (const auto& d : r.differing) CHECK((d.change == "route" || d.change == "unit" || d.change == "deadline"));
  sim::DecisionView none;
  none.route = "manual";
  CHECK(decided_text(none, Lang::Zh) == "(人工派单)");
  none.route = "out_of_scope";
  CHECK(decided_text(none, Lang::En) == "(out_of_scope)");
  none.unit = "luonan", none.unit_name = "洛南县";
  CHECK(decided_text(none, Lang::En) == "洛南县");
}

TEST_CASE("a stopped comparison throws Cancelled; a scenario without tickets is refused", "[gui][rules][compare]") {
  std::stop_source stop;
  stop.request_stop();
  CHECK_THROWS_AS(run_rule_lab("shangluo-2025-01", "shangluo-2024", "xian-2023", 2, nullptr, stop.get_token()),
                  sim::Cancelled);
  CHECK_THROWS_WITH(run_rule_lab("metro-2023", "shangluo-2024", "xian-2023", 2, nullptr, {}), Catch::Contains("tickets"));
}
