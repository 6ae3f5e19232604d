// The rule-set compiler (ruleset_compiler.hpp): one member function per rule file, each
// reading its Value tree, checking every row and writing the flat lookups the engine reads.
#include "rules/ruleset_compiler.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/redact.hpp"
#include "rules/lua_value.hpp"

namespace hotline::rules {
// ---------------------------------------------------------------------------------------
// The compiler: reads Value trees, collects every problem, fills the RuleSet.

class Compiler {
 public:
  explicit Compiler(RuleSet& rs) : rs_(rs), tb_(rs.tables_) {}

  std::vector<InputProblem> problems;
  std::map<std::string, std::string> texts;  // file -> source, for line numbers

  void problem(const std::string& file, int line, std::string field, std::string reason) {
    problems.push_back({(rs_.folder_ / file).string(), line, std::move(field), std::move(reason)});
  }

  RuleSource source(const Value& row, const std::string& file, const std::string& prefix, bool need_clause = true) {
    RuleSource s;
    s.file = file;
    const Value& id = row["id"];
    if (!id.is_string() || id.string.empty()) {
      problem(file, 0, prefix, "every rule needs an id = \"...\"");
      s.id = prefix + ".?";
      return s;
    }
    s.id = prefix + "." + id.string;
    s.line = line_of_key(texts[file], "id", id.string);
    const Value& clause = row["clause"];
    if (clause.is_string()) s.clause = clause.string;
    else if (need_clause) problem(file, s.line, s.id, "every rule cites its clause: clause = \"[SL24 §12]\"");
    return s;
  }

  std::vector<std::string> strings(const Value& v, const std::string& file, int line, const std::string& field) {
    std::vector<std::string> out;
    if (v.is_nil()) return out;
    if (v.is_string()) return {v.string};
    if (v.is_table() && v.fields.empty()) {
      for (const Value& e : v.array) {
        if (e.is_string()) out.push_back(e.string);
        else problem(file, line, field, "expected a list of strings");
      }
      return out;
    }
    problem(file, line, field, std::string("expected a string or a list of strings, got a ") + std::string(v.kind_name()));
    return out;
  }

  template <class E>
  std::uint32_t enum_mask(const Value& v, const std::string& file, int line, const std::string& field) {
    if (v.is_nil() || (v.is_string() && v.string == "*")) return (1u << std::size_t(E::Count)) - 1;
    std::uint32_t mask = 0;
    for (const std::string& s : strings(v, file, line, field)) {
      auto e = enum_from<E>(s);
      if (e) mask |= 1u << std::size_t(*e);
      else problem(file, line, field, "unknown value '" + s + "'; one of " + enum_keys<E>());
    }
    return mask;
  }

  std::optional<double> number(const Value& v, const std::string& file, int line, const std::string& field) {
    if (v.is_nil()) return std::nullopt;
    if (!v.is_number()) {
      problem(file, line, field, std::string("expected a number, got a ") + std::string(v.kind_name()));
      return std::nullopt;
    }
    if (!std::isfinite(v.number)) {
      problem(file, line, field, std::string("expected a finite number, got ") +
                                     (std::isnan(v.number) ? "NaN (0/0)" : v.number > 0 ? "infinity" : "-infinity"));
      return std::nullopt;
    }
    return v.number;
  }

  // The range of each kind of time limit (docs/rules.md "Time-limit ranges"): at most one
  // year, the longest any source document (docs/sources.md) comes near (15 days, 5 working days, 2
  // extensions), with room for statutory limits; working days are whole numbers.
  struct LimitRange {
    const char* key;
    LimitSpec::Kind kind;
    double max;
    bool whole;
  };
  static constexpr LimitRange kLimitRanges[] = {
      {"minutes", LimitSpec::Kind::Minutes, 366 * 24 * 60, false},
      {"hours", LimitSpec::Kind::Hours, 366 * 24, false},
      {"days", LimitSpec::Kind::Days, 366, false},
      {"working_days", LimitSpec::Kind::WorkingDays, 366, true},
      {"working_hours", LimitSpec::Kind::WorkingHours, 366 * 8, false}};

  // A limit amount within its range, else a problem naming the range.
  void check_limit(const LimitRange& r, double n, const std::string& file, int line, const std::string& field) {
    if (n < 0 || n > r.max || (r.whole && n != std::floor(n)))
      problem(file, line, field, fmt_num(n) + ": must be " + (r.whole ? "a whole number " : "a number ") + "from 0 to " +
                                     fmt_num(r.max));
  }

  // Exactly one of the limit keys of a row.
  LimitSpec limit(const Value& row, const std::string& file, int line, const std::string& field, bool required = true) {
    LimitSpec out;
    int found = 0;
    for (const LimitRange& r : kLimitRanges) {
      if (row[r.key].is_nil()) continue;
      ++found;  // also when it is not a number: that is the one problem to report
      if (auto n = number(row[r.key], file, line, field + "." + r.key)) {
        out = {r.kind, *n};
        check_limit(r, *n, file, line, field + "." + r.key);
      }
    }
    if (row["immediately"].kind == Value::Kind::Boolean && row["immediately"].boolean) ++found, out = {LimitSpec::Kind::Immediate, 0};
    if (row["none"].kind == Value::Kind::Boolean && row["none"].boolean) ++found, out = {LimitSpec::Kind::None, 0};
    if (found > 1) problem(file, line, field, "give exactly one of minutes, hours, days, working_days, working_hours, immediately, none");
    if (found == 0 && required) problem(file, line, field, "missing the limit (one of minutes, hours, days, working_days, working_hours, immediately, none)");
    return out;
  }

  std::uint32_t class_mask(const Value& row, const std::string& file, int line, const std::string& field) {
    const Value& v = row["classes"];
    if (v.is_nil() || (v.is_string() && v.string == "*")) return (1u << tb_.deadline_classes.size()) - 1;
    std::uint32_t mask = 0;
    for (const std::string& s : strings(v, file, line, field + ".classes")) {
      int c = class_index(s);
      if (c < 0) problem(file, line, field + ".classes", "unknown deadline class '" + s + "'");
      else mask |= 1u << c;
    }
    return mask;
  }
  int class_index(std::string_view name) const {
    for (std::size_t i = 0; i < tb_.deadline_classes.size(); ++i)
      if (tb_.deadline_classes[i] == name) return int(i);
    return -1;
  }

  static std::string cell_name(std::size_t t, std::size_t u, const std::string& cls) {
    return std::string(enum_key(RequestType(t))) + "/" + std::string(enum_key(Urgency(u))) + "/" + cls;
  }

  // A limit table: a single row (limit keys at the top), a list of rows, or {hit=, rows=}.
  void limit_table(const Value& v, const std::string& file, const std::string& name, LimitTable& out) {
    if (!v.is_table()) {
      problem(file, 0, name, "missing table");
      return;
    }
    const Value* rows = &v;
    Value single;
    if (v.array.empty() && v["rows"].is_nil()) {
      single.kind = Value::Kind::Table;
      single.array.push_back(v);
      rows = &single;
    } else if (!v["rows"].is_nil()) {
      rows = &v["rows"];
    }
    std::string hit = v["hit"].is_string() ? v["hit"].string : "first";
    if (hit == "first") out.hit = Hit::First;
    else if (hit == "unique") out.hit = Hit::Unique;
    else if (hit == "min") out.hit = Hit::Min;
    else problem(file, 0, name + ".hit", "unknown hit policy '" + hit + "' (first, unique, min)");
    const std::size_t nt = std::size_t(RequestType::Count), nu = std::size_t(Urgency::Count), nc = tb_.deadline_classes.size();
    out.cells.assign(nt * nu * nc, {});
    for (const Value& row : rows->array) {
      RuleSource src = source(row, file, name);
      std::uint32_t types = enum_mask<RequestType>(row["types"], file, src.line, src.id + ".types");
      std::uint32_t urg = enum_mask<Urgency>(row["urgency"], file, src.line, src.id + ".urgency");
      std::uint32_t cls = class_mask(row, file, src.line, src.id);
      LimitSpec lim = limit(row, file, src.line, src.id);
      src.text = src.id + ": " + lim.to_string();
      auto idx = std::uint16_t(out.rows.size());
      out.rows.push_back(std::move(src));
      out.limits.push_back(lim);
      for (std::size_t t = 0; t < nt; ++t)
        for (std::size_t u = 0; u < nu; ++u)
          for (std::size_t c = 0; c < nc; ++c)
            if ((types >> t & 1) && (urg >> u & 1) && (cls >> c & 1)) out.cells[(t * nu + u) * nc + c].push_back(idx);
    }
    std::vector<std::string> gaps;
    std::set<std::pair<int, int>> overlaps;
    for (std::size_t t = 0; t < nt; ++t)
      for (std::size_t u = 0; u < nu; ++u)
        for (std::size_t c = 0; c < nc; ++c) {
          auto& cell = out.cells[(t * nu + u) * nc + c];
          if (cell.empty()) gaps.push_back(cell_name(t, u, tb_.deadline_classes[c]));
          if (out.hit == Hit::Unique && cell.size() > 1) overlaps.insert({cell[0], cell[1]});
          if (out.hit == Hit::First && cell.size() > 1) cell.resize(1);
        }
    if (!gaps.empty()) {
      std::string list;
      for (std::size_t i = 0; i < gaps.size() && i < 6; ++i) list += (i ? ", " : "") + gaps[i];
      if (gaps.size() > 6) list += ", ... (" + std::to_string(gaps.size()) + " in all)";
      problem(file, out.rows.empty() ? 0 : out.rows.front().line, name, "gap: no row covers type/urgency/class " + list);
    }
    for (auto [a, b] : overlaps) {
      const RuleSource& ra = out.rows[std::size_t(a)];
      const RuleSource& rb = out.rows[std::size_t(b)];
      problem(file, rb.line, rb.id, "overlaps " + ra.id + " (line " + std::to_string(ra.line) + ") under hit policy unique");
    }
  }

  Target target(const std::string& text, const std::string& file, int line, const std::string& field) {
    if (text == "street") return {Target::Kind::Street, kNoUnit, {}, {}};
    if (text == "district") return {Target::Kind::District, kNoUnit, {}, {}};
    if (text == "city") return {Target::Kind::City, kNoUnit, {}, {}};
    if (text == "unclear") return {Target::Kind::Unclear, kNoUnit, {}, {}};
    UnitIndex u = rs_.unit(text);
    if (u == kNoUnit) problem(file, line, field, "unknown unit '" + text + "' (not in the org graph " + rs_.manifest_.org + ")");
    return {Target::Kind::Unit, u, {}, {}};
  }

  // The department of the ticket's district whose name ends with `department` (人社局).
  Target department(const Value& v, const std::string& file, int line, const std::string& field) {
    Target t{Target::Kind::DistrictDepartment, kNoUnit, v.is_string() ? v.string : "", {}};
    if (t.department.empty()) {
      problem(file, line, field, "to = \"district_department\" needs department = \"<name suffix>\"");
      return t;
    }
    t.by_district.assign(rs_.org_->size(), kNoUnit);
    int found = 0;
    for (UnitIndex u = 0; u < rs_.org_->size(); ++u) {
      const Unit& unit = rs_.org_->unit(u);
      if (unit.kind != UnitKind::DistrictDepartment || unit.name.size() < t.department.size() ||
          unit.name.compare(unit.name.size() - t.department.size(), t.department.size(), t.department) != 0)
        continue;
      UnitIndex d = rs_.org_->district_of(u);
      if (d != kNoUnit) t.by_district[d] = u, ++found;
    }
    if (found == 0) problem(file, line, field, "no district department named '*" + t.department + "' in the org graph");
    return t;
  }

  void manifest(const Value& v) {
    const std::string f = "ruleset.lua";
    auto str = [&](const char* key, bool required) {
      const Value& x = v[key];
      if (x.is_string()) return x.string;
      if (required) problem(f, 0, key, "missing string");
      return std::string();
    };
    ManifestInfo& m = rs_.manifest_;
    m.id = str("id", true);
    m.name = str("name", true);
    m.version = str("version", true);
    m.effective = str("effective", false);
    m.org = str("org", false);
    m.calendar = str("calendar", false);
    m.sources = strings(v["sources"], f, 0, "sources");
    if (m.org.empty()) m.org = "orgs/shangluo.csv";
    if (m.calendar.empty()) m.calendar = "national";
  }

  void intake(const Value& v) {
    const std::string f = "intake.lua";
    tb_.intake_default = source(v["default"], f, "intake");
    tb_.intake_default.text = "everything else becomes a ticket";
    std::vector<std::pair<std::vector<int>, std::uint32_t>> matchers;
    for (const Value& row : v["rules"].array) {
      IntakeRow r;
      r.source = source(row, f, "intake");
      std::string route = row["route"].is_string() ? row["route"].string : "";
      if (route == "emergency") r.route = IntakeRoute::Emergency;
      else if (route == "out_of_scope") r.route = IntakeRoute::OutOfScope;
      else if (route == "direct_answer") r.route = IntakeRoute::DirectAnswer;
      else if (route == "ticket") r.route = IntakeRoute::Ticket;
      else problem(f, r.source.line, r.source.id + ".route", "route must be emergency, out_of_scope, direct_answer or ticket");
      r.target = row["target"].is_string() ? row["target"].string : "";
      if (r.route != IntakeRoute::Ticket && r.target.empty()) problem(f, r.source.line, r.source.id + ".target", "say where the caller is sent");
      std::vector<int> cats;
      for (const std::string& c : strings(row["categories"], f, r.source.line, r.source.id + ".categories")) cats.push_back(intern(c));
      std::uint32_t types = enum_mask<RequestType>(row["types"], f, r.source.line, r.source.id + ".types");
      r.source.text = r.source.id + ": " + route + (r.target.empty() ? "" : " -> " + r.target);
      matchers.emplace_back(std::move(cats), types);
      tb_.intake_rows.push_back(std::move(r));
    }
    intake_matchers_ = std::move(matchers);
  }

  void dispatch(const Value& v) {
    const std::string f = "dispatch.lua";
    std::string hit = v["hit"].is_string() ? v["hit"].string : "unique";
    if (hit == "unique") tb_.catalog_hit = Hit::Unique;
    else if (hit == "first") tb_.catalog_hit = Hit::First;
    else problem(f, 0, "hit", "the catalog's hit policy is unique or first");
    for (const Value& row : v["catalog"].array) tb_.catalog.push_back(catalog_row(row, "dispatch"));
    if (v["unmatched"].is_table()) {
      tb_.unmatched_row = std::int32_t(tb_.catalog.size());
      tb_.catalog.push_back(catalog_row(v["unmatched"], "dispatch"));
    } else {
      problem(f, 0, "unmatched", "say where a category outside the catalog goes (unmatched = { ... })");
    }
    index_catalog(f);
    double_dispatch_and_merge(v, f);
    returns(v["returns"], f);
  }

  // One catalog row: categories, where it goes (lead, co-handlers, copies), its deadline
  // class, a stricter statutory limit and the optional choose() logic.
  CatalogRow catalog_row(const Value& row, const std::string& prefix) {
    const std::string f = "dispatch.lua";
    CatalogRow r;
    r.source = source(row, f, prefix);
    int line = r.source.line;
    r.categories = strings(row["category"], f, line, r.source.id + ".category");
    std::string to = row["to"].is_string() ? row["to"].string : "";
    const Value& unit = row["unit"];
    if (to == "unit" || to == "utility" || to == "vertical") {
      if (!unit.is_string()) problem(f, line, r.source.id + ".unit", "to = \"" + to + "\" needs unit = \"<unit id>\"");
      else r.lead = target(unit.string, f, line, r.source.id + ".unit");
      if (r.lead.unit != kNoUnit) {
        const Unit& u = rs_.org_->unit(r.lead.unit);
        if (to == "utility" && !u.utility)
          problem(f, line, r.source.id + ".unit", "'" + u.id + "' is not a utility in the org graph (water/power/gas/heating go straight to the utility)");
        if (to == "vertical" && (!u.vertical || u.level > 1))
          problem(f, line, r.source.id + ".unit", "'" + u.id + "' is not a city-level vertically managed body [SL24 §11(二)]");
      }
    } else if (to == "district_department") {
      r.lead = department(row["department"], f, line, r.source.id + ".department");
    } else if (to == "street" || to == "district" || to == "city" || to == "unclear") {
      r.lead = target(to, f, line, r.source.id + ".to");
    } else {
      problem(f, line, r.source.id + ".to", "to must be street, district, district_department, unit, utility, vertical, city or unclear");
    }
    for (const std::string& s : strings(row["co"], f, line, r.source.id + ".co")) r.co.push_back(target(s, f, line, r.source.id + ".co"));
    for (const std::string& s : strings(row["copy"], f, line, r.source.id + ".copy")) r.copy.push_back(target(s, f, line, r.source.id + ".copy"));
    std::string cls = row["class"].is_string() ? row["class"].string : tb_.deadline_classes.front();
    r.deadline_class = class_index(cls);
    if (r.deadline_class < 0) problem(f, line, r.source.id + ".class", "unknown deadline class '" + cls + "' (declared in deadlines.lua)"), r.deadline_class = 0;
    if (row["statutory"].is_table()) {
      r.statutory = limit(row["statutory"], f, line, r.source.id + ".statutory");
      r.statutory_basis = row["statutory"]["basis"].is_string() ? row["statutory"]["basis"].string : "";
      if (r.statutory_basis.empty()) problem(f, line, r.source.id + ".statutory.basis", "name the law that sets the stricter limit");
    }
    if (row["choose"].is_function()) r.function = row["choose"].function_id;
    else if (!row["choose"].is_nil()) problem(f, line, r.source.id + ".choose", "choose must be a function returning a row id");
    std::string lead_text = to == "district_department" ? "district " + r.lead.department : to;
    if (r.lead.unit != kNoUnit) lead_text = rs_.org_->unit(r.lead.unit).name;
    r.source.text = r.source.id + ": " + (r.categories.empty() ? std::string("(chosen)") : r.categories.front()) + " -> " + lead_text;
    for (const Target& t : r.co) r.source.text += " +co " + name_of(t);
    for (const Target& t : r.copy) r.source.text += " +copy " + name_of(t);
    return r;
  }

  // Rows by id (for choose), categories -> rows under the hit policy.
  void index_catalog(const std::string& f) {
    for (std::size_t i = 0; i < tb_.catalog.size(); ++i) {
      std::string short_id = tb_.catalog[i].source.id.substr(std::string("dispatch.").size());
      if (!tb_.catalog_ids.emplace(short_id, int(i)).second)
        problem(f, tb_.catalog[i].source.line, tb_.catalog[i].source.id, "duplicate row id");
      for (const std::string& c : tb_.catalog[i].categories) {
        int id = intern(c);
        if (std::size_t(id) >= by_category_.size()) by_category_.resize(std::size_t(id) + 1, -1);
        int prev = by_category_[std::size_t(id)];
        if (prev >= 0 && tb_.catalog_hit == Hit::Unique) {
          const RuleSource& p = tb_.catalog[std::size_t(prev)].source;
          problem(f, tb_.catalog[i].source.line, tb_.catalog[i].source.id,
                  "category '" + c + "' is also in " + p.id + " (line " + std::to_string(p.line) + ") under hit policy unique");
        } else if (prev < 0) {
          by_category_[std::size_t(id)] = int(i);
        }
      }
    }
  }

  void double_dispatch_and_merge(const Value& v, const std::string& f) {
    if (const Value& d = v["double_dispatch"]; d.is_table()) {
      tb_.double_dispatch = source(d, f, "dispatch");
      tb_.copy_district_for_street = d["copy_district_for_street"].kind == Value::Kind::Boolean && d["copy_district_for_street"].boolean;
      tb_.double_dispatch.text = "copy the district government of a street/town lead";
    }
    if (const Value& m = v["merge"]; m.is_table()) {
      tb_.merge_rule = source(m, f, "dispatch");
      tb_.merge_window_hours = number(m["window_hours"], f, tb_.merge_rule.line, "merge.window_hours").value_or(0);
      if (tb_.merge_window_hours <= 0 || tb_.merge_window_hours > 366 * 24)
        problem(f, tb_.merge_rule.line, "merge.window_hours", fmt_num(tb_.merge_window_hours) + ": must be > 0 and at most 8784 (a year)");
      tb_.merge_rule.text = "same caller, same matter, same district within " + fmt_num(tb_.merge_window_hours) + " hours";
    }
  }

  // Returns: accepted (re-dispatch) unless a refusal's fact holds.
  void returns(const Value& ret, const std::string& f) {
    if (ret.is_table()) {
      tb_.return_accept = source(ret["accept"], f, "returns");
      tb_.return_accept.text = "return accepted: re-dispatch";
      static const std::set<std::string> facts = {"late", "no_reason_or_basis", "no_suggested_unit", "reason_insufficient",
                                                  "own_duty_temporarily_impossible", "assigned_by_joint_meeting",
                                                  "returned_before_without_new_reason", "answer_in_knowledge_base",
                                                  "registration_minor_mismatch", "needs_verification"};
      for (const Value& row : ret["refuse"].array) {
        ReturnRefusal r;
        r.source = source(row, f, "returns");
        r.when = row["when"].is_string() ? row["when"].string : "";
        if (!facts.count(r.when)) problem(f, r.source.line, r.source.id + ".when", "unknown fact '" + r.when + "'");
        r.source.text = r.source.id + ": refuse when " + r.when;
        tb_.return_refusals.push_back(std::move(r));
      }
    }
  }

  void deadlines(const Value& v) {
    const std::string f = "deadlines.lua";
    tb_.deadline_classes = strings(v["classes"], f, 0, "classes");
    if (tb_.deadline_classes.empty()) tb_.deadline_classes = {"general"};
    if (tb_.deadline_classes.size() > 16) problem(f, 0, "classes", "at most 16 deadline classes");
    limit_table(v["accept"], f, "deadlines.accept", tb_.accept);
    limit_table(v["return_window"], f, "deadlines.return_window", tb_.return_window);
    limit_table(v["reply"], f, "deadlines.reply", tb_.reply);
    if (const Value& e = v["extensions"]; e.is_table()) {
      tb_.extension_rule = source(e, f, "deadlines");
      const double max = number(e["max"], f, tb_.extension_rule.line, "extensions.max").value_or(0);
      if (max < 0 || max > 10 || max != std::floor(max))
        problem(f, tb_.extension_rule.line, "extensions.max", fmt_num(max) + ": must be a whole number from 0 to 10");
      tb_.max_extensions = max >= 0 && max <= 10 ? int(max) : 0;
      tb_.extension_rule.text = "at most " + std::to_string(tb_.max_extensions) + (tb_.max_extensions == 1 ? " extension" : " extensions");
      static const std::set<std::string> facts = {"after_deadline", "no_citizen_consent", "no_lead_consent", "emergency"};
      for (const Value& row : e["refuse"].array) {
        ReturnRefusal r;
        r.source = source(row, f, "deadlines");
        r.when = row["when"].is_string() ? row["when"].string : "";
        if (!facts.count(r.when))
          problem(f, r.source.line, r.source.id + ".when",
                  "unknown fact '" + r.when + "' (after_deadline, no_citizen_consent, no_lead_consent, emergency)");
        r.source.text = r.source.id + ": refuse the extension when " + r.when;
        tb_.extension_refusals.push_back(std::move(r));
      }
    }
    if (const Value& k = v["knowledge_base"]; k.is_table()) {
      tb_.knowledge_base_rule = source(k, f, "deadlines");
      tb_.knowledge_base = limit(k, f, tb_.knowledge_base_rule.line, "knowledge_base");
      tb_.knowledge_base_rule.text = "knowledge-base question answered within " + tb_.knowledge_base.to_string();
    }
  }

  void escalation(const Value& v) {
    const std::string f = "escalation.lua";
    static const std::set<std::string> facts = {"unsatisfied", "returns", "urges", "overdue_days", "unresolved_days",
                                                "repeat_complaints", "sensitive", "unclear_days"};
    for (const Value& row : v["rules"].array) {
      EscalationRow r;
      r.source = source(row, f, "escalation");
      r.fact = row["fact"].is_string() ? row["fact"].string : "";
      if (!facts.count(r.fact)) problem(f, r.source.line, r.source.id + ".fact", "unknown fact '" + r.fact + "'");
      r.at_least = number(row["at_least"], f, r.source.line, r.source.id + ".at_least").value_or(1);
      r.source.text = r.source.id + ": " + r.fact + " >= " + fmt_num(r.at_least);
      tb_.escalation_rows.push_back(std::move(r));
    }
    tb_.sensitive_words = strings(v["sensitive_words"], f, 0, "sensitive_words");
    tb_.report_to = v["report_to"].is_string() ? v["report_to"].string : "";
  }

  void indicators(const Value& v) {
    const std::string f = "indicators.lua";
    const Value& c = v["composite"];
    tb_.composite_rule = source(c, f, "indicators");
    const char* names[] = {"response", "resolution", "satisfaction"};
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
      tb_.weights[std::size_t(i)] = number(c["weights"][names[i]], f, tb_.composite_rule.line, std::string("weights.") + names[i]).value_or(0);
      sum += tb_.weights[std::size_t(i)];
    }
    if (std::fabs(sum - 1) > 1e-9) problem(f, tb_.composite_rule.line, "composite.weights", "weights must add up to 1 (they add up to " + fmt_num(sum) + ")");
    tb_.basic_satisfied_value = number(c["basic_satisfied"], f, tb_.composite_rule.line, "composite.basic_satisfied").value_or(1);
    tb_.composite_rule.text = "composite = " + fmt_num(tb_.weights[0]) + " response + " + fmt_num(tb_.weights[1]) + " resolution + " +
                              fmt_num(tb_.weights[2]) + " satisfaction (基本满意 = " + fmt_num(tb_.basic_satisfied_value) + ")";
    for (const Value& row : v["classes"].array) {
      UnitClass uc;
      RuleSource src = source(row, f, "indicators.class");
      uc.id = row["id"].string;
      uc.title_zh = row["title"].is_string() ? row["title"].string : uc.id;
      uc.title_en = row["title_en"].is_string() ? row["title_en"].string : uc.id;
      for (const std::string& k : strings(row["kinds"], f, src.line, src.id + ".kinds")) {
        auto kind = enum_from<UnitKind>(k);
        if (kind) uc.kinds.push_back(*kind);
        else problem(f, src.line, src.id + ".kinds", "unknown unit kind '" + k + "'; one of " + enum_keys<UnitKind>());
      }
      double last = 1e300;
      for (const Value& t : row["tiers"].array) {
        std::string name = t["name"].is_string() ? t["name"].string : "";
        double min = number(t["min"], f, src.line, src.id + ".tiers.min").value_or(0);
        if (name.empty()) problem(f, src.line, src.id + ".tiers", "every tier needs a name");
        if (min >= last) problem(f, src.line, src.id + ".tiers", "tiers go from the highest minimum to the lowest");
        last = min;
        uc.tiers.emplace_back(name, min);
      }
      tb_.unit_classes.push_back(std::move(uc));
    }
    const Value& b = v["bulletin"];
    static const std::set<std::string> columns = {"unit", "handled", "on_time", "late", "on_time_rate", "overdue_open",
                                                  "satisfaction", "response_rate", "resolution_rate", "composite", "tier",
                                                  "accepted_in_time", "resolved"};
    RuleSource bs = source(b, f, "indicators");
    tb_.bulletin.clause = bs.clause;
    tb_.bulletin.columns = strings(b["columns"], f, bs.line, "bulletin.columns");
    for (const std::string& col : tb_.bulletin.columns)
      if (!columns.count(col)) problem(f, bs.line, "bulletin.columns", "unknown column '" + col + "'");
    for (const Value& s : b["sort"].array) {
      std::string col = s["column"].is_string() ? s["column"].string : "";
      if (!columns.count(col)) problem(f, bs.line, "bulletin.sort", "unknown column '" + col + "'");
      tb_.bulletin.sort.emplace_back(col, !(s["order"].is_string() && s["order"].string == "asc"));
    }
    tb_.bulletin.groups = strings(b["groups"], f, bs.line, "bulletin.groups");
    for (const std::string& g : tb_.bulletin.groups)
      if (std::none_of(tb_.unit_classes.begin(), tb_.unit_classes.end(), [&](const UnitClass& u) { return u.id == g; }))
        problem(f, bs.line, "bulletin.groups", "unknown unit class '" + g + "'");
  }

  void diversion(const Value& v) {
    const std::string f = "diversion.lua";
    for (const Value& row : v["rules"].array) {
      DiversionRow r;
      r.source = source(row, f, "diversion");
      int line = r.source.line;
      r.agents_free_at_least = int(number(row["agents_free_at_least"], f, line, "agents_free_at_least").value_or(-1));
      r.wait_at_least_s = number(row["wait_at_least_s"], f, line, "wait_at_least_s").value_or(-1);
      r.wait_below_s = number(row["wait_below_s"], f, line, "wait_below_s").value_or(-1);
      r.queue_at_least = int(number(row["queue_at_least"], f, line, "queue_at_least").value_or(-1));
      if (!row["skills"].is_nil()) r.skills = std::uint8_t(enum_mask<SkillQueue>(row["skills"], f, line, r.source.id + ".skills"));
      std::string offer = row["offer"].is_string() ? row["offer"].string : "";
      if (offer == "keep_waiting") r.offer = DiversionOffer::KeepWaiting;
      else if (offer == "callback") r.offer = DiversionOffer::Callback;
      else if (offer == "online") r.offer = DiversionOffer::Online;
      else if (offer == "voice_message") r.offer = DiversionOffer::VoiceMessage;
      else problem(f, line, r.source.id + ".offer", "offer must be keep_waiting, callback, online or voice_message");
      r.source.text = r.source.id + ": " + offer;
      tb_.diversion_rows.push_back(std::move(r));
    }
  }

  // After all modules: category vocabulary and flat lookups.
  void finish() {
    tb_.catalog_by_category.assign(rs_.categories_.size(), -1);
    for (std::size_t i = 0; i < by_category_.size(); ++i) tb_.catalog_by_category[i] = by_category_[i];
    const std::size_t nt = std::size_t(RequestType::Count);
    tb_.intake_cells.assign(rs_.categories_.size() + 1, {});
    for (auto& cell : tb_.intake_cells) cell.fill(-1);
    for (std::size_t c = 0; c <= rs_.categories_.size(); ++c)
      for (std::size_t t = 0; t < nt; ++t)
        for (std::size_t r = 0; r < intake_matchers_.size(); ++r) {
          const auto& [cats, types] = intake_matchers_[r];
          bool cat_ok = cats.empty() || (c > 0 && std::find(cats.begin(), cats.end(), int(c) - 1) != cats.end());
          if (cat_ok && (types >> t & 1)) {
            tb_.intake_cells[c][t] = std::int16_t(r);
            break;
          }
        }
    parameters();
    // Trace rows show the row without its id (the step names the rule already).
    auto strip = [](RuleSource& r) {
      if (r.text.rfind(r.id + ": ", 0) == 0) r.text.erase(0, r.id.size() + 2);
    };
    for (auto& r : tb_.intake_rows) strip(r.source);
    for (auto& r : tb_.catalog) strip(r.source);
    for (LimitTable* t : {&tb_.accept, &tb_.return_window, &tb_.reply})
      for (auto& r : t->rows) strip(r);
    for (auto& r : tb_.return_refusals) strip(r.source);
    for (auto& r : tb_.extension_refusals) strip(r.source);
    for (auto& r : tb_.escalation_rows) strip(r.source);
    for (auto& r : tb_.diversion_rows) strip(r.source);
  }

  void parameters() {
    auto& p = tb_.parameters;
    for (const auto& r : tb_.intake_rows) p.emplace_back(r.source.id, r.source.text.substr(r.source.id.size() + 2));
    for (const auto& r : tb_.catalog) p.emplace_back(r.source.id, r.source.text.substr(r.source.id.size() + 2) + " (class " +
                                                                          tb_.deadline_classes[std::size_t(r.deadline_class)] +
                                                                          (r.statutory.kind != LimitSpec::Kind::None ? ", statutory " + r.statutory.to_string() : "") + ")");
    for (const LimitTable* t : {&tb_.accept, &tb_.return_window, &tb_.reply})
      for (std::size_t i = 0; i < t->rows.size(); ++i) p.emplace_back(t->rows[i].id, t->limits[i].to_string());
    p.emplace_back("deadlines.extensions.max", std::to_string(tb_.max_extensions));
    p.emplace_back("deadlines.knowledge_base", tb_.knowledge_base.to_string());
    p.emplace_back("dispatch.copy_district_for_street", tb_.copy_district_for_street ? "yes" : "no");
    p.emplace_back("dispatch.merge.window_hours", fmt_num(tb_.merge_window_hours));
    for (const auto& r : tb_.return_refusals) p.emplace_back(r.source.id, "refuse when " + r.when);
    for (const auto& r : tb_.extension_refusals) p.emplace_back(r.source.id, "refuse the extension when " + r.when);
    for (const auto& r : tb_.escalation_rows) p.emplace_back(r.source.id, r.fact + " >= " + fmt_num(r.at_least));
    std::string words;
    for (const auto& w : tb_.sensitive_words) words += (words.empty() ? "" : ", ") + w;
    p.emplace_back("escalation.sensitive_words", words);
    p.emplace_back("indicators.weights.response", fmt_num(tb_.weights[0]));
    p.emplace_back("indicators.weights.resolution", fmt_num(tb_.weights[1]));
    p.emplace_back("indicators.weights.satisfaction", fmt_num(tb_.weights[2]));
    p.emplace_back("indicators.basic_satisfied", fmt_num(tb_.basic_satisfied_value));
    for (const auto& c : tb_.unit_classes) {
      std::string tiers;
      for (const auto& [n, m] : c.tiers) tiers += (tiers.empty() ? "" : ", ") + n + " >= " + fmt_num(m);
      p.emplace_back("indicators.class." + c.id, tiers);
    }
    std::string cols, sort;
    for (const auto& c : tb_.bulletin.columns) cols += (cols.empty() ? "" : ", ") + c;
    for (const auto& [c, d] : tb_.bulletin.sort) sort += (sort.empty() ? "" : ", ") + c + (d ? " desc" : " asc");
    p.emplace_back("indicators.bulletin.columns", cols);
    p.emplace_back("indicators.bulletin.sort", sort);
    for (const auto& r : tb_.diversion_rows) p.emplace_back(r.source.id, r.source.text.substr(r.source.id.size() + 2));
  }

  int intern(const std::string& c) {
    auto it = rs_.category_ids_.find(c);
    if (it != rs_.category_ids_.end()) return it->second;
    int id = int(rs_.categories_.size());
    rs_.categories_.push_back(c);
    rs_.category_ids_.emplace(c, id);
    return id;
  }
  std::string name_of(const Target& t) const {
    switch (t.kind) {
      case Target::Kind::Street: return "street";
      case Target::Kind::District: return "district";
      case Target::Kind::City: return "city";
      case Target::Kind::Unclear: return "unclear";
      case Target::Kind::DistrictDepartment: return "district " + t.department;
      case Target::Kind::Unit: return t.unit == kNoUnit ? "?" : rs_.org_->unit(t.unit).name;
    }
    return "?";
  }
  static std::string fmt_num(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }

 private:
  RuleSet& rs_;
  CompiledTables& tb_;  // what the compiler writes; everyone else reads it through tables()
  std::vector<int> by_category_;
  std::vector<std::pair<std::vector<int>, std::uint32_t>> intake_matchers_;
};

namespace {
std::map<std::string, std::string> texts_of(const RuleSet& rs) {
  std::map<std::string, std::string> texts;
  for (const auto& [name, text] : rs.files()) texts[name] = text;
  return texts;
}
const Value& module(const RuleModules& modules, const char* name) {
  auto it = modules.find(name);
  if (it == modules.end()) throw std::logic_error(std::string("compile_modules: no ") + name);  // our bug: run_rule_files reads every file
  return it->second;
}
}  // namespace

void compile_manifest(RuleSet& rs, const Value& manifest) {
  Compiler comp(rs);
  comp.texts = texts_of(rs);
  comp.manifest(manifest);
  if (!comp.problems.empty()) throw InputError(comp.problems);
}

void compile_modules(RuleSet& rs, const RuleModules& modules) {
  Compiler comp(rs);
  comp.texts = texts_of(rs);
  comp.deadlines(module(modules, "deadlines.lua"));  // first: the catalog names its deadline classes
  comp.intake(module(modules, "intake.lua"));
  comp.dispatch(module(modules, "dispatch.lua"));
  comp.escalation(module(modules, "escalation.lua"));
  comp.indicators(module(modules, "indicators.lua"));
  comp.diversion(module(modules, "diversion.lua"));
  comp.finish();
  if (!comp.problems.empty()) throw InputError(comp.problems);
}

}  // namespace hotline::rules
