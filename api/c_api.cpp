// The C API (include/hotline/hotline.h) over the C++ one: every entry point checks its
// pointers, runs the C++ call inside one guard that turns every exception into a status and
// a message, and hands out strings allocated with malloc for hotline_free.
#include "hotline/hotline.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <nlohmann/json.hpp>

#include "hotline/hotline.hpp"

struct hotline_engine {
  hotline::api::Engine engine;
};

namespace {
using hotline::api::Engine;
using hotline::api::Error;

// Copies `message` into err[0..size), cut at a UTF-8 character boundary, NUL-terminated.
void set_error(char* err, std::size_t size, const std::string& message) {
  if (!err || size == 0) return;
  std::size_t n = std::min(message.size(), size - 1);
  while (n > 0 && n < message.size() && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) --n;
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}

// A thrown status with its message (for the argument checks inside a guarded body).
struct Refusal {
  int status;
  std::string message;
};

// Runs `body`; an api::Error becomes `on_error`, anything else its own status. Never throws.
template <class F>
int guard(char* err, std::size_t size, int on_error, F&& body) noexcept {
  try {
    body();
    set_error(err, size, "");
    return HOTLINE_OK;
  } catch (const Refusal& r) {
    set_error(err, size, r.message);
    return r.status;
  } catch (const Error& e) {
    set_error(err, size, e.what());
    return on_error;
  } catch (const std::bad_alloc&) {
    set_error(err, size, "out of memory");
    return HOTLINE_E_NO_MEMORY;
  } catch (const std::exception& e) {
    set_error(err, size, std::string("internal error: ") + e.what());
    return HOTLINE_E_INTERNAL;
  } catch (...) {
    set_error(err, size, "internal error");
    return HOTLINE_E_INTERNAL;
  }
}

void need(const void* p, const char* what) {
  if (!p) throw Refusal{HOTLINE_E_INVALID_ARGUMENT, std::string(what) + ": NULL"};
}

// A malloc'd copy for the caller to hotline_free.
char* give(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

// Runs `make` (which returns a std::string) and stores a copy in *out; *out is NULL on failure.
template <class F>
int give_text(char** out, char* err, std::size_t size, int on_error, F&& make) noexcept {
  if (out) *out = nullptr;
  return guard(err, size, on_error, [&] {
    need(out, "out");
    *out = give(make());
  });
}

hotline::api::EngineOptions options_from(const char* text) {
  hotline::api::EngineOptions o;
  if (!text || !*text) return o;
  auto bad = [](const std::string& why) { return Refusal{HOTLINE_E_INVALID_ARGUMENT, "options: " + why}; };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw bad("expected a JSON object");
  for (const auto& [key, v] : j.items()) {
    if ((key == "data_folder" || key == "calendar_folder") && v.is_string())
      (key == "data_folder" ? o.data_folder : o.calendar_folder) = v.get<std::string>();
    else if (key == "instruction_budget" && v.is_number_integer() && v.get<std::int64_t>() > 0)
      o.instruction_budget = v.get<std::int64_t>();
    else if (key == "memory_cap_bytes" && v.is_number_unsigned() && v.get<std::uint64_t>() > 0)
      o.memory_cap_bytes = v.get<std::size_t>();
    else if (key == "run_rule_tests" && v.is_boolean())
      o.run_rule_tests = v.get<bool>();
    else
      throw bad(key + ": unknown key or bad value (" + std::string(v.type_name()) + ")");
  }
  return o;
}
// A calendar call: checks the handle and the out pointer, stores the result.
template <class T, class F>
int calendar_call(const hotline_engine* engine, T* out, char* err, std::size_t err_size, F&& f) noexcept {
  return guard(err, err_size, HOTLINE_E_CALENDAR, [&] {
    need(engine, "engine");
    need(out, "out");
    *out = f(engine->engine);
  });
}
}  // namespace

extern "C" {

const char* hotline_version(void) { return hotline::api::library_version(); }

const char* hotline_status_name(int status) {
  static const char* const names[] = {"HOTLINE_OK",         "HOTLINE_E_INVALID_ARGUMENT", "HOTLINE_E_INPUT",
                                      "HOTLINE_E_RULESET",  "HOTLINE_E_CALENDAR",         "HOTLINE_E_NO_MEMORY",
                                      "HOTLINE_E_INTERNAL"};
  return status >= 0 && status <= HOTLINE_E_INTERNAL ? names[status] : "unknown";
}

void hotline_free(char* text) { std::free(text); }

int hotline_engine_open(const char* ruleset, const char* options_json, hotline_engine** engine, char* err,
                        std::size_t err_size) {
  if (engine) *engine = nullptr;
  return guard(err, err_size, HOTLINE_E_RULESET, [&] {
    need(engine, "engine");
    need(ruleset, "ruleset");
    hotline::api::EngineOptions o = options_from(options_json);
    *engine = new hotline_engine{Engine(ruleset, o)};
  });
}

void hotline_engine_close(hotline_engine* engine) { delete engine; }

int hotline_decide(const hotline_engine* engine, const char* ticket_json, char** decision_json, char* err,
                   std::size_t err_size) {
  return give_text(decision_json, err, err_size, HOTLINE_E_INPUT, [&] {
    need(engine, "engine");
    need(ticket_json, "ticket_json");
    return engine->engine.decide_json(ticket_json);
  });
}

int hotline_decide_batch(const hotline_engine* engine, const char* tickets_jsonl, char** decisions_jsonl,
                         std::size_t* bad_lines, char* err, std::size_t err_size) {
  if (bad_lines) *bad_lines = 0;
  return give_text(decisions_jsonl, err, err_size, HOTLINE_E_INPUT, [&] {
    need(engine, "engine");
    need(tickets_jsonl, "tickets_jsonl");
    return engine->engine.decide_json_lines(tickets_jsonl, "input", bad_lines);
  });
}

int hotline_reload(hotline_engine* engine, const char* ruleset, char* err, std::size_t err_size) {
  return guard(err, err_size, HOTLINE_E_RULESET, [&] {
    need(engine, "engine");
    hotline::api::ReloadResult r = engine->engine.reload(ruleset ? ruleset : "");
    if (!r.ok) throw Error(r.problems);
  });
}

int hotline_revision(const hotline_engine* engine, char** revision, char* err, std::size_t err_size) {
  return give_text(revision, err, err_size, HOTLINE_E_INTERNAL, [&] {
    need(engine, "engine");
    return engine->engine.revision();
  });
}

int hotline_info(const hotline_engine* engine, char** info_json, char* err, std::size_t err_size) {
  return give_text(info_json, err, err_size, HOTLINE_E_INTERNAL, [&] {
    need(engine, "engine");
    const hotline::api::RuleSetInfo i = engine->engine.info();
    return nlohmann::json{{"id", i.id},           {"name", i.name},         {"version", i.version},
                          {"effective", i.effective}, {"revision", i.revision}, {"folder", i.folder}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // a folder name need not be UTF-8
  });
}

uint64_t hotline_manual_count(const hotline_engine* engine) {
  return engine ? engine->engine.manual_count() : 0;  // manual_count() does not throw on a live engine
}


int hotline_add_working_days(const hotline_engine* engine, int64_t t, int n, int64_t* out, char* err,
                             std::size_t err_size) {
  return calendar_call(engine, out, err, err_size, [&](const Engine& e) { return e.add_working_days(t, n); });
}
int hotline_add_working_hours(const hotline_engine* engine, int64_t t, double hours, int64_t* out, char* err,
                              std::size_t err_size) {
  return calendar_call(engine, out, err, err_size, [&](const Engine& e) { return e.add_working_hours(t, hours); });
}
int hotline_working_hours_between(const hotline_engine* engine, int64_t a, int64_t b, double* out, char* err,
                                  std::size_t err_size) {
  return calendar_call(engine, out, err, err_size, [&](const Engine& e) { return e.working_hours_between(a, b); });
}
int hotline_working_days_between(const hotline_engine* engine, int64_t a, int64_t b, int* out, char* err,
                                 std::size_t err_size) {
  return calendar_call(engine, out, err, err_size, [&](const Engine& e) { return e.working_days_between(a, b); });
}

int hotline_parse_time(const char* text, int64_t* out, char* err, std::size_t err_size) {
  return guard(err, err_size, HOTLINE_E_CALENDAR, [&] {
    need(text, "text");
    need(out, "out");
    *out = hotline::api::parse_time(text);
  });
}

int hotline_format_time(int64_t t, char* buf, std::size_t size) {
  return guard(nullptr, 0, HOTLINE_E_INTERNAL, [&] {
    need(buf, "buf");
    const std::string s = hotline::api::format_time(t);
    if (s.size() + 1 > size) throw Refusal{HOTLINE_E_INVALID_ARGUMENT, "buf: too small"};
    std::memcpy(buf, s.c_str(), s.size() + 1);
  });
}

}  // extern "C"
