// Text and JSON reports of simulation and staffing results: Chinese headers by default,
// English with Lang::En. The service-level definition is always printed with the numbers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/enums.hpp"
#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "sim/experiment.hpp"
#include "sim/staffing.hpp"

namespace hotline::sim {

std::string sl_definition(const ScenarioConfig& sc, Lang lang);
std::string format_simulation(const ScenarioConfig& sc, const ExperimentOptions& opt, const KpiSummary& s, Lang lang);
nlohmann::json simulation_json(const ScenarioConfig& sc, const ExperimentOptions& opt, const KpiSummary& s);
std::string format_staffing(const ScenarioConfig& sc, const ExperimentOptions& opt, const StaffingPlan& p, Lang lang);
nlohmann::json staffing_json(const ScenarioConfig& sc, const ExperimentOptions& opt, const StaffingPlan& p);

// A bulletin table (Policy::bulletin) as "csv" (a leading group column), "md" (a heading per
// group) or "html"; `title` heads md and html. Used by `hotline bulletin` and the dashboard.
std::string format_bulletin(const Bulletin& b, const std::string& format, const std::string& title, Lang lang);

// Pads UTF-8 text to a display width (CJK characters count two columns).
std::string pad(const std::string& text, int width, bool right = true);

}  // namespace hotline::sim
