// Loading a rule set (loader.hpp): named steps, in order: read the files, run the
// manifest, load the org graph and the calendar it names, index the units, memoise the
// working days, run and compile the rule files, and run the set's own tests. Any step's
// problems reject the whole set; nothing of it is kept.
#include <sys/stat.h>

#include <algorithm>
#include <unordered_map>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "core/redact.hpp"
#include "rules/bindings.hpp"
#include "rules/confined_file.hpp"
#include "rules/engine.hpp"
#include "rules/rule_files.hpp"
#include "rules/rule_tests.hpp"
#include "rules/loader.hpp"
#include "rules/ruleset.hpp"
#include "rules/ruleset_compiler.hpp"

namespace hotline::rules {

namespace {

// A file of the rule-set folder: a regular file inside it, within the size cap.
std::string read_file(const std::filesystem::path& p, const std::filesystem::path& folder) {
  return read_confined(p, {folder}, kMaxRuleFileBytes);
}

// FNV-1a 64 over (relative path, content) of every file in name order: the revision.
std::string content_hash(const std::vector<std::pair<std::string, std::string>>& files) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  for (const auto& [name, text] : files) {
    mix(name);
    mix(text);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The org graph and the calendar the manifest names, confined to the rule set, the shipped
// data and the allowed folders; a file that is not what it should be is named, not echoed.
template <class T, class Parse>
std::shared_ptr<const T> load_data_file(const RuleSet& rs, const LoadOptions& options, const std::string& name,
                                        const char* field, Parse parse) {
  const std::string manifest = (rs.folder() / "ruleset.lua").string();
  std::filesystem::path p = resolve_data_path(name, rs.folder(), options.allowed_folders, manifest, field);
  std::string text = read_confined(p, data_roots(rs.folder(), options.allowed_folders), kMaxDataFileBytes);
  try {
    return std::make_shared<const T>(parse(std::move(text), p.string()));
  } catch (const InputError& e) {
    // The first problem, cut short; the others only counted: never the file line by line.
    std::vector<InputProblem> problems = e.problems();
    if (problems.size() <= 1) throw;
    InputProblem first = problems.front();
    if (first.reason.size() > 120) first.reason = excerpt(first.reason, 100);
    const std::size_t more = problems.size() - 1;
    throw InputError(std::vector<InputProblem>{
        first, {p.string(), 0, "", std::to_string(more) + " more problems: is this the " + std::string(field) + " file it should be?"}});
  }
}

// The set's tests/*.lua against an engine of the compiled set; a failing test rejects it.
void self_test(const std::shared_ptr<const RuleSet>& rs) {
  RuleEngine engine(rs);
  std::vector<InputProblem> failures;
  for (const RuleTestResult& r : run_rule_tests(engine))
    if (!r.passed) failures.push_back({(rs->folder() / r.file).string(), r.line, r.name, r.message});
  if (!failures.empty()) throw InputError(failures);
}

}  // namespace

// The steps of load_rule_set, in order, each filling its part of the set.
class Loader {
 public:
  explicit Loader(RuleSet& rs) : rs_(rs) {}

  void start(const std::filesystem::path& folder, const SandboxLimits& limits) {
    rs_.folder_ = folder;
    rs_.limits_ = limits;
  }

  // The rule files, helper modules and tests/*.lua: only regular files inside the folder, each
  // within the size cap (confined_file.hpp); and the revision over them all.
  void read_files(const std::filesystem::path& folder) {
    std::vector<InputProblem> problems;
    for (const char* name : kRuleFiles) {
      struct stat st {};
      if (::lstat((folder / name).c_str(), &st) != 0) problems.push_back({(folder / name).string(), 0, "", "missing rule file"});
      else try {
        rs_.files_.emplace_back(name, read_file(folder / name, folder));
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
    if (!problems.empty()) throw InputError(problems);
    std::error_code ec;
    std::vector<std::string> helpers;  // helper modules for require(), e.g. common.lua
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
      std::string f = e.path().filename().string();
      if (e.path().extension() == ".lua" && std::find(kRuleFiles.begin(), kRuleFiles.end(), f) == kRuleFiles.end()) helpers.push_back(f);
    }
    std::sort(helpers.begin(), helpers.end());
    for (const auto& m : helpers) rs_.files_.emplace_back(m, read_file(folder / m, folder));
    std::vector<std::string> tests;
    for (const auto& e : std::filesystem::directory_iterator(folder / "tests", ec))
      if (e.path().extension() == ".lua") tests.push_back("tests/" + e.path().filename().string());
    std::sort(tests.begin(), tests.end());
    for (const auto& t : tests) rs_.files_.emplace_back(t, read_file(folder / t, folder));
    auto sorted = rs_.files_;
    std::sort(sorted.begin(), sorted.end());
    rs_.revision_ = content_hash(sorted);
  }

  // The manifest first, in a state of its own: it names the org graph and the calendar that
  // the other files' state is bound to.
  void read_manifest() {
    Sandbox box(rs_.limits_, rs_.folder_, rs_.folder_.filename().string());
    box.set_module_files(&rs_.files_);
    std::vector<int> functions;
    std::vector<InputProblem> problems;
    Value m = run_rule_file(box, rs_.files_, "ruleset.lua", &functions, &problems);
    if (!problems.empty()) throw InputError(problems);
    compile_manifest(rs_, m);
  }

  void load_data_files(const LoadOptions& options) {
    if (options.org) rs_.org_ = options.org;
    else rs_.org_ = load_data_file<OrgGraph>(rs_, options, rs_.manifest_.org, "org",
                                         [](std::string t, std::string n) { return OrgGraph::load_csv_text(std::move(t), std::move(n)); });
    if (options.calendar) rs_.calendar_ = options.calendar;
    else if (rs_.manifest_.calendar == "national") rs_.calendar_ = std::make_shared<const WorkCalendar>(WorkCalendar::national());
    else rs_.calendar_ = load_data_file<WorkCalendar>(rs_, options, rs_.manifest_.calendar, "calendar", [](std::string t, std::string n) {
      WorkCalendar cal;
      cal.load_text(t, n);
      return cal;
    });
  }

  // Unit ids and names, and streets and towns by "district/name". A name that several units
  // share (城关街道) is not a global name.
  void index_units() {
    for (UnitIndex u = 0; u < rs_.org_->size(); ++u) {
      const Unit& unit = rs_.org_->unit(u);
      rs_.unit_ids_.emplace(unit.id, u);
      rs_.unit_ids_.emplace(unit.name, u);  // first wins; names shared by streets resolve per district
      if (unit.kind == UnitKind::Street || unit.kind == UnitKind::Town) {
        UnitIndex d = rs_.org_->district_of(u);
        if (d != kNoUnit) rs_.street_names_.emplace(std::to_string(d) + "/" + unit.name, u);
      }
    }
    std::unordered_map<std::string, int> count;
    for (UnitIndex u = 0; u < rs_.org_->size(); ++u) ++count[rs_.org_->unit(u).name];
    for (const auto& [name, n] : count)
      if (n > 1) rs_.unit_ids_.erase(name);
    for (UnitIndex u = 0; u < rs_.org_->size(); ++u) rs_.unit_ids_[rs_.org_->unit(u).id] = u;
  }

  // The working-day memo over the calendar's years, from the calendar primitive itself.
  void memoise_working_days() {
    const WorkCalendar& cal = *rs_.calendar_;
    if (cal.first_year() > cal.last_year()) return;
    rs_.first_day_ = day_number({cal.first_year(), 1, 1});
    DayNumber last = day_number({cal.last_year(), 12, 31});
    std::int32_t k = 0;
    for (DayNumber d = rs_.first_day_; d <= last; ++d) {
      if (cal.is_working_day(d)) {
        rs_.working_days_.push_back(d);
        ++k;
      }
      rs_.working_ordinal_.push_back(k);
    }
  }

  // The rule files in a state bound to the set's calendar and org graph, then compiled.
  void compile() {
    Sandbox sandbox(rs_.limits_, rs_.folder_, rs_.folder_.filename().string());
    sandbox.set_module_files(&rs_.files_);
    bind_hotline(sandbox, rs_.calendar_.get(), rs_.org_.get());
    std::vector<int> functions;
    std::vector<InputProblem> problems;
    RuleModules modules = run_rule_files(sandbox, rs_.files_, &functions, &problems);
    if (!problems.empty()) throw InputError(problems);
    compile_modules(rs_, modules);
  }

 private:
  RuleSet& rs_;
};

std::shared_ptr<const RuleSet> load_rule_set(const std::filesystem::path& folder_in, LoadOptions options) {
  auto rs = std::make_shared<RuleSet>();
  std::error_code real_ec;
  std::filesystem::path folder = std::filesystem::canonical(folder_in, real_ec);
  if (real_ec) folder = std::filesystem::weakly_canonical(folder_in);
  if (!std::filesystem::is_directory(folder)) throw InputError(folder_in.string(), 0, "", "not a rule set folder");
  Loader step(*rs);
  step.start(folder, options.limits);
  step.read_files(folder);
  step.read_manifest();
  step.load_data_files(options);
  step.index_units();
  step.memoise_working_days();
  step.compile();
  if (options.run_tests) self_test(rs);
  return rs;
}

}  // namespace hotline::rules
