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

// The dict keys, as interned Python strings made once at import (a key made from a C string
// on every lookup cost more than the lookup).
struct Keys {
#define HOTLINE_KEYS(X)                                                                                            \
  X(id) X(type) X(category) X(district) X(street) X(urgency) X(channel) X(caller) X(enterprise) X(created)      \
      X(dispatched) X(route) X(target) X(lead) X(co) X(copied) X(escalate_to) X(accept_by) X(return_by) X(reply_by) \
          X(max_extensions) X(merged_into) X(manual) X(error) X(revision) X(trace) X(rule) X(row) X(clause) X(detail) X(name)
#define HOTLINE_KEY_MEMBER(k) PyObject* k = PyUnicode_InternFromString(#k);
  HOTLINE_KEYS(HOTLINE_KEY_MEMBER)
#undef HOTLINE_KEY_MEMBER
};
const Keys& keys() {
  static const Keys* k = new Keys;  // lives as long as the interpreter; never freed
  return *k;
}

// The value under `key`, or nullptr when absent or None (borrowed).
PyObject* item(PyObject* dict, PyObject* key) {
  PyObject* v = PyDict_GetItemWithError(dict, key);
  if (!v && PyErr_Occurred()) throw py::error_already_set();
  return v == Py_None ? nullptr : v;
}

std::string_view utf8(PyObject* s) {
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(s, &n);
  if (!p) throw py::error_already_set();
  return {p, std::size_t(n)};
}

Time time_in(const py::handle& v, const char* field, const std::string& where) {
  PyObject* o = v.ptr();
  if (PyBool_Check(o)) throw Error({{where, 0, field, "expected a time (str or int seconds), not bool"}});
  if (PyLong_Check(o)) {
    int overflow = 0;
    const long long t = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow || (t == -1 && PyErr_Occurred())) {
      PyErr_Clear();
      throw Error({{where, 0, field, "out of range"}});
    }
    return Time(t);
  }
  if (PyUnicode_Check(o)) {
    try {
      return parse_time(utf8(o));
    } catch (const Error& e) {
      throw Error({{where, 0, field, e.problems()[0].reason}});
    }
  }
  throw Error({{where, 0, field, "expected a time (str or int seconds)"}});
}

// A ticket from a dict; unknown keys are ignored (as ticket_from_json does).
Ticket ticket_in(const py::handle& obj, const std::string& where) {
  PyObject* d = obj.ptr();
  if (!PyDict_Check(d)) throw Error({{where, 0, "", "expected a dict"}});
  const Keys& k = keys();
  Ticket t;
  const std::pair<PyObject*, std::string*> texts[] = {{k.id, &t.id},         {k.type, &t.type},
                                                      {k.category, &t.category}, {k.district, &t.district},
                                                      {k.street, &t.street}, {k.urgency, &t.urgency},
                                                      {k.channel, &t.channel}, {k.caller, &t.caller}};
  for (auto [key, target] : texts) {
    PyObject* v = item(d, key);
    if (!v) continue;
    if (!PyUnicode_Check(v)) throw Error({{where, 0, utf8(key).data(), "expected a string"}});
    target->assign(utf8(v));
  }
  if (PyObject* v = item(d, k.enterprise)) {
    if (!PyBool_Check(v)) throw Error({{where, 0, "enterprise", "expected True or False"}});
    t.enterprise = v == Py_True;
  }
  if (PyObject* v = item(d, k.created)) t.created = time_in(v, "created", where);
  if (PyObject* v = item(d, k.dispatched)) t.dispatched = time_in(v, "dispatched", where);
  return t;
}

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

// Builds decision dicts for one call. What repeats across decisions is made once per call
// and shared: texts (rule ids, rows, clauses, unit names; decoding UTF-8, mostly Chinese,
// into a Python string costs more than deciding the ticket did) and formatted times. Unit
// and trace-step dicts are made once and copied for each use, so every decision's dicts
// are its own. The texts viewed must outlive the builder (the decisions being converted).
class DecisionDicts {
 public:
  explicit DecisionDicts(bool with_trace = true) : with_trace_(with_trace) {}
  py::dict decision(const Decision& x) {
    const Keys& k = keys();
    py::dict d;
    set(d, k.id, text(x.ticket_id, false));
    set(d, k.route, text(x.route));
    set(d, k.target, text(x.target));
    set(d, k.lead, unit(x.lead));
    set(d, k.co, units(x.co));
    set(d, k.copied, units(x.copied));
    set(d, k.escalate_to, unit(x.escalate_to));
    set(d, k.accept_by, time(x.accept_by));
    set(d, k.return_by, time(x.return_by));
    set(d, k.reply_by, time(x.reply_by));
    set(d, k.max_extensions, py::int_(x.max_extensions));
    set(d, k.merged_into, text(x.merged_into, false));
    set(d, k.manual, py::bool_(x.manual));
    set(d, k.error, text(x.error, false));
    set(d, k.revision, text(x.revision));
    if (!with_trace_) return d;
    py::list trace(x.trace.size());
    for (std::size_t i = 0; i < x.trace.size(); ++i) PyList_SET_ITEM(trace.ptr(), Py_ssize_t(i), step(x.trace[i]).release().ptr());
    set(d, k.trace, trace);
    return d;
  }

 private:
  struct StepKey {
    std::string_view rule, row, clause, detail;
    bool operator==(const StepKey&) const = default;
  };
  struct StepHash {
    std::size_t operator()(const StepKey& s) const {
      std::hash<std::string_view> h;
      return h(s.rule) ^ (h(s.row) * 31) ^ (h(s.clause) * 131) ^ (h(s.detail) * 1313);
    }
  };

  static void set(const py::dict& d, PyObject* key, const py::handle& value) {
    if (PyDict_SetItem(d.ptr(), key, value.ptr()) < 0) throw py::error_already_set();
  }
  static py::object copy(const py::object& dict) {
    PyObject* c = PyDict_Copy(dict.ptr());
    if (!c) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(c);
  }
  py::object text(std::string_view s, bool repeats = true) {
    if (!repeats) return py::str(s.data(), s.size());
    auto [it, fresh] = texts_.try_emplace(s);
    if (fresh) it->second = py::str(s.data(), s.size());
    return it->second;
  }
  py::object time(Time t) {
    if (t == no_time) return py::none();
    auto [it, fresh] = times_.try_emplace(t);
    if (fresh) it->second = py::str(format_time(t));
    return it->second;
  }
  py::object unit(const std::optional<Unit>& u) { return u ? unit(*u) : py::none(); }
  py::object unit(const Unit& u) {
    auto [it, fresh] = units_.try_emplace(u.id);
    if (fresh) {
      py::dict d;
      set(d, keys().id, text(u.id));
      set(d, keys().name, text(u.name));
      it->second = d;
    }
    return copy(it->second);
  }
  py::list units(const std::vector<Unit>& v) {
    py::list l(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) PyList_SET_ITEM(l.ptr(), Py_ssize_t(i), unit(v[i]).release().ptr());
    return l;
  }
  py::object step(const TraceStep& s) {
    auto [it, fresh] = steps_.try_emplace(StepKey{s.rule, s.row, s.clause, s.detail});
    if (fresh) {
      const Keys& k = keys();
      py::dict d;
      set(d, k.rule, text(s.rule));
      set(d, k.row, text(s.row));
      set(d, k.clause, text(s.clause));
      set(d, k.detail, text(s.detail));
      it->second = d;
    }
    return copy(it->second);
  }

  bool with_trace_;
  std::unordered_map<std::string_view, py::object> texts_;
  std::unordered_map<Time, py::object> times_;
  std::unordered_map<std::string_view, py::object> units_;
  std::unordered_map<StepKey, py::object, StepHash> steps_;
};

py::list decide_batch(const Engine& e, const py::iterable& tickets, bool trace) {
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
  GcPause pause;
  DecisionDicts dicts(trace);
  py::list rows(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) PyList_SET_ITEM(rows.ptr(), Py_ssize_t(i), dicts.decision(out[i]).release().ptr());
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
          "decide", [](const Engine& e, const py::handle& t, bool trace) {
            const Ticket in = ticket_in(t, "ticket");
            Decision d;
            {
              py::gil_scoped_release unlocked;
              d = e.decide(in);
            }
            return DecisionDicts(trace).decision(d);
          },
          py::arg("ticket"), py::kw_only(), py::arg("trace") = true,
          "Decide one ticket (a dict) into a decision (a dict); trace=False leaves out the 'trace' key.")
      .def("decide_batch", &decide_batch, py::arg("tickets"), py::kw_only(), py::arg("trace") = true,
           "Decide a list of tickets, in order; all checked first. trace=False leaves out the 'trace' key (faster).")
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
