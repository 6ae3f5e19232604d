// hotline._hotline: the Python binding of the public C++ API (include/hotline/), with
// pybind11 from Debian. Tickets and decisions are dicts with the keys of the JSON form of
// `hotline dispatch` (docs/embedding.md); times are ISO 8601 strings or int seconds in, ISO
// strings out. Bad input raises hotline.Error with the message "file:line: field: reason".
// The GIL is released while the engine works, so Python threads can decide in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "hotline/hotline.hpp"
#include "hotline/simulate.hpp"

namespace py = pybind11;
using namespace hotline::api;

namespace {

Time time_in(const py::handle& v, const char* field, const std::string& where) {
  if (py::isinstance<py::bool_>(v)) throw Error({{where, 0, field, "expected a time (str or int seconds), not bool"}});
  if (py::isinstance<py::int_>(v)) return v.cast<Time>();
  if (py::isinstance<py::str>(v)) {
    try {
      return parse_time(v.cast<std::string>());
    } catch (const Error& e) {
      throw Error({{where, 0, field, e.problems()[0].reason}});
    }
  }
  throw Error({{where, 0, field, "expected a time (str or int seconds)"}});
}

std::string text_in(const py::handle& v, const char* field, const std::string& where) {
  if (!py::isinstance<py::str>(v)) throw Error({{where, 0, field, "expected a string"}});
  return v.cast<std::string>();
}

// A ticket from a dict; unknown keys are ignored (as ticket_from_json does).
Ticket ticket_in(const py::handle& obj, const std::string& where) {
  if (!py::isinstance<py::dict>(obj)) throw Error({{where, 0, "", "expected a dict"}});
  const py::dict d = py::reinterpret_borrow<py::dict>(obj);
  Ticket t;
  auto get = [&](const char* key) -> py::object {
    if (!d.contains(key)) return py::none();
    return d[key];
  };
  for (auto [key, target] : {std::pair{"id", &t.id}, {"type", &t.type}, {"category", &t.category},
                             {"district", &t.district}, {"street", &t.street}, {"urgency", &t.urgency},
                             {"channel", &t.channel}, {"caller", &t.caller}})
    if (py::object v = get(key); !v.is_none()) *target = text_in(v, key, where);
  if (py::object v = get("enterprise"); !v.is_none()) {
    if (!py::isinstance<py::bool_>(v)) throw Error({{where, 0, "enterprise", "expected True or False"}});
    t.enterprise = v.cast<bool>();
  }
  if (py::object v = get("created"); !v.is_none()) t.created = time_in(v, "created", where);
  if (py::object v = get("dispatched"); !v.is_none()) t.dispatched = time_in(v, "dispatched", where);
  return t;
}

// Python strings for the texts that repeat across decisions (rule ids, rows, clauses, unit
// ids and names, the revision), made once per call: decoding UTF-8 (mostly Chinese) into
// a Python string costs more than deciding the ticket did.
class Texts {
 public:
  py::object operator()(const std::string& s) {
    auto [it, fresh] = cache_.try_emplace(s);
    if (fresh) it->second = py::str(s);
    return it->second;
  }

 private:
  std::unordered_map<std::string, py::object> cache_;
};

// Pauses Python's cyclic garbage collector while building many result objects (none of
// them cycles): otherwise every 700 new dicts trigger a collection that walks the results
// built so far, half the cost of a batch.
class GcPause {
 public:
#if PY_VERSION_HEX >= 0x030A0000
  GcPause() : was_enabled_(PyGC_Disable()) {}
  ~GcPause() {
    if (was_enabled_) PyGC_Enable();
  }
#endif
  GcPause(const GcPause&) = delete;
  GcPause& operator=(const GcPause&) = delete;

 private:
  [[maybe_unused]] int was_enabled_ = 0;
};

py::object time_out(Time t) { return t == no_time ? py::object(py::none()) : py::object(py::str(format_time(t))); }
py::object unit_out(const std::optional<Unit>& u, Texts& text) {
  if (!u) return py::none();
  py::dict d;
  d["id"] = text(u->id);
  d["name"] = text(u->name);
  return d;
}
py::list units_out(const std::vector<Unit>& v, Texts& text) {
  py::list l;
  for (const Unit& u : v) l.append(unit_out(u, text));
  return l;
}

py::dict decision_out(const Decision& x, Texts& text) {
  py::dict d;
  d["id"] = x.ticket_id;
  d["route"] = text(x.route);
  d["target"] = text(x.target);
  d["lead"] = unit_out(x.lead, text);
  d["co"] = units_out(x.co, text);
  d["copied"] = units_out(x.copied, text);
  d["escalate_to"] = unit_out(x.escalate_to, text);
  d["accept_by"] = time_out(x.accept_by);
  d["return_by"] = time_out(x.return_by);
  d["reply_by"] = time_out(x.reply_by);
  d["max_extensions"] = x.max_extensions;
  d["merged_into"] = x.merged_into;
  d["manual"] = x.manual;
  d["error"] = x.error;
  d["revision"] = text(x.revision);
  py::list trace;
  for (const TraceStep& s : x.trace) {
    py::dict step;
    step["rule"] = text(s.rule);
    step["row"] = text(s.row);
    step["clause"] = text(s.clause);
    step["detail"] = text(s.detail);
    trace.append(std::move(step));
  }
  d["trace"] = std::move(trace);
  return d;
}

std::vector<py::dict> decide_batch(const Engine& e, const py::iterable& tickets) {
  std::vector<Ticket> in;
  std::vector<Problem> problems;
  for (const py::handle& t : tickets) {
    const std::string where = "ticket[" + std::to_string(in.size()) + "]";
    try {
      in.push_back(ticket_in(t, where));
    } catch (const Error& x) {
      problems.insert(problems.end(), x.problems().begin(), x.problems().end());
      in.emplace_back();
    }
  }
  if (!problems.empty()) throw Error(std::move(problems));
  std::vector<Decision> out;
  {
    py::gil_scoped_release unlocked;
    out = e.decide_batch(in);
  }
  std::vector<py::dict> rows;
  rows.reserve(out.size());
  Texts text;
  GcPause pause;
  for (const Decision& d : out) rows.push_back(decision_out(d, text));
  return rows;
}

py::list simulate_rows(const std::string& scenario, int replications, std::uint64_t seed, int threads,
                  const std::string& data_folder) {
  SimulateOptions o{replications, seed, threads, data_folder};
  std::vector<UnitResult> rows;
  {
    py::gil_scoped_release unlocked;
    rows = hotline::api::simulate(scenario, o);
  }
  py::list out;
  GcPause pause;
  for (const UnitResult& r : rows) {
    py::dict d;
    d["replication"] = r.replication;
    d["period"] = r.period;
    d["unit_id"] = r.unit_id;
    d["unit_name"] = r.unit_name;
    d["unit_kind"] = r.unit_kind;
    for (auto [key, v] : {std::pair{"handled", r.handled}, {"accepted_in_time", r.accepted_in_time},
                          {"resolved", r.resolved}, {"closed", r.closed}, {"on_time", r.on_time}, {"late", r.late},
                          {"overdue_open", r.overdue_open}, {"satisfied", r.satisfied},
                          {"basically_satisfied", r.basically_satisfied}, {"unsatisfied", r.unsatisfied},
                          {"returns", r.returns}, {"extensions", r.extensions}, {"escalations", r.escalations},
                          {"reopens", r.reopens}, {"urges", r.urges}})
      d[key] = v;
    out.append(std::move(d));
  }
  return out;
}

// Engine(ruleset, data_folder=None, calendar_folder=None, instruction_budget=..., ...).
std::unique_ptr<Engine> make_engine(const std::string& ruleset, const std::string& data_folder,
                                    const std::string& calendar_folder, std::int64_t instruction_budget,
                                    std::size_t memory_cap_bytes, bool run_rule_tests) {
  EngineOptions o;
  o.data_folder = data_folder;
  o.calendar_folder = calendar_folder;
  o.instruction_budget = instruction_budget;
  o.memory_cap_bytes = memory_cap_bytes;
  o.run_rule_tests = run_rule_tests;
  py::gil_scoped_release unlocked;
  return std::make_unique<Engine>(ruleset, o);
}

void bind_engine(py::module_& m) {
  const EngineOptions defaults;
  py::class_<Engine>(m, "Engine", "A loaded rule set: decides tickets and answers calendar questions.")
      .def(py::init(&make_engine), py::arg("ruleset"), py::kw_only(), py::arg("data_folder") = "",
           py::arg("calendar_folder") = "", py::arg("instruction_budget") = defaults.instruction_budget,
           py::arg("memory_cap_bytes") = defaults.memory_cap_bytes, py::arg("run_rule_tests") = true)
      .def(
          "decide", [](const Engine& e, const py::handle& t) {
            const Ticket in = ticket_in(t, "ticket");
            Decision d;
            {
              py::gil_scoped_release unlocked;
              d = e.decide(in);
            }
            Texts text;
            return decision_out(d, text);
          },
          py::arg("ticket"), "Decide one ticket (a dict) into a decision (a dict).")
      .def("decide_batch", &decide_batch, py::arg("tickets"), "Decide a list of tickets, in order; all checked first.")
      .def(
          "reload", [](Engine& e, const std::string& ruleset) {
            ReloadResult r;
            {
              py::gil_scoped_release unlocked;
              r = e.reload(ruleset);
            }
            if (!r.ok) throw Error(r.problems);
            return r.changed;
          },
          py::arg("ruleset") = "", "Swap in a revision that loads and passes its tests; True if it changed.")
      .def_property_readonly("revision", &Engine::revision)
      .def_property_readonly("manual_count", &Engine::manual_count)
      .def_property_readonly("info", [](const Engine& e) {
        const RuleSetInfo i = e.info();
        py::dict d;
        d["id"] = i.id;
        d["name"] = i.name;
        d["version"] = i.version;
        d["effective"] = i.effective;
        d["revision"] = i.revision;
        d["folder"] = i.folder;
        return d;
      })
      .def("add_working_days", [](const Engine& e, const py::handle& t, int n) {
        return format_time(e.add_working_days(time_in(t, "t", "calendar"), n));
      }, py::arg("t"), py::arg("n"))
      .def("add_working_hours", [](const Engine& e, const py::handle& t, double h) {
        return format_time(e.add_working_hours(time_in(t, "t", "calendar"), h));
      }, py::arg("t"), py::arg("hours"))
      .def("working_hours_between", [](const Engine& e, const py::handle& a, const py::handle& b) {
        return e.working_hours_between(time_in(a, "a", "calendar"), time_in(b, "b", "calendar"));
      }, py::arg("a"), py::arg("b"))
      .def("working_days_between", [](const Engine& e, const py::handle& a, const py::handle& b) {
        return e.working_days_between(time_in(a, "a", "calendar"), time_in(b, "b", "calendar"));
      }, py::arg("a"), py::arg("b"))
      .def("is_working_day", [](const Engine& e, const py::handle& t) {
        return e.is_working_day(time_in(t, "t", "calendar"));
      }, py::arg("t"));
}

}  // namespace

PYBIND11_MODULE(_hotline, m) {
  m.doc() = "The hotline rule engine and simulator (see the hotline package and docs/embedding.md).";
  py::register_exception<Error>(m, "Error", PyExc_ValueError);  // str(e) is "file:line: field: reason"
  m.attr("__version__") = library_version();
  m.def("parse_time", [](const std::string& s) { return parse_time(s); }, py::arg("text"),
        "Seconds since the epoch from '2025-01-24 10:00' (no offset: China Standard Time).");
  m.def("format_time", [](Time t) { return format_time(t); }, py::arg("t"));
  m.def("_simulate", &simulate_rows, py::arg("scenario"), py::arg("replications"), py::arg("seed"), py::arg("threads"),
        py::arg("data_folder"));
  bind_engine(m);
}
