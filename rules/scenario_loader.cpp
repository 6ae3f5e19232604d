// scenario.lua -> ScenarioConfig, in a restricted Lua state with an instruction budget and
// a memory cap. Field errors carry the line where the field is written in the file.
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace hotline {

namespace {

constexpr std::size_t kMemoryCap = 64u << 20;   // bytes
constexpr int kHookEvery = 10000;               // instructions between budget checks
constexpr int kBudget = 10000;                  // hook calls: 100 million instructions

struct Limits {
  std::size_t used = 0;
  int ticks = 0;
};

void* capped_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* lim = static_cast<Limits*>(ud);
  const std::size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    lim->used -= old;
    std::free(ptr);
    return nullptr;
  }
  if (lim->used - old + nsize > kMemoryCap) return nullptr;
  void* p = std::realloc(ptr, nsize);
  if (p) lim->used = lim->used - old + nsize;
  return p;
}

void budget_hook(lua_State* L, lua_Debug*) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  if (++static_cast<Limits*>(ud)->ticks > kBudget) luaL_error(L, "instruction budget exceeded");
}

struct LuaState {
  Limits limits;
  lua_State* L;
  LuaState() : L(lua_newstate(capped_alloc, &limits)) {}
  ~LuaState() { lua_close(L); }
};

// Reads fields of the table on top of the stack, remembering the path for messages.
class Reader {
 public:
  Reader(lua_State* L, std::string file, std::vector<std::string> lines)
      : L_(L), file_(std::move(file)), lines_(std::move(lines)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& reason) const {
    std::vector<std::string> p = path_;
    if (!key.empty()) p.push_back(key);
    std::string field;
    for (const std::string& k : p) field += (field.empty() ? "" : ".") + k;
    throw InputError(file_, line_of(p), field, reason);
  }

  // Line of a field: the first line, at or after its parent's, that assigns the key.
  int line_of(const std::vector<std::string>& p) const {
    int line = 0;
    for (const std::string& k : p) {
      if (!k.empty() && std::isdigit(static_cast<unsigned char>(k[0]))) continue;
      const std::regex re("(^|[^A-Za-z0-9_])" + k + "\\s*=");
      for (int i = line; i < int(lines_.size()); ++i)
        if (std::regex_search(lines_[std::size_t(i)], re)) {
          line = i;
          break;
        }
    }
    return line + 1;
  }

  int line() const { return line_of(path_); }  // of the field being read (approximate for list items)

  // Pushes t[key] without metamethods: no script code runs while fields are read.
  void get(const char* key) {
    lua_pushstring(L_, key);
    lua_rawget(L_, -2);
  }
  bool has(const char* key) {
    get(key);
    const bool present = !lua_isnil(L_, -1);
    lua_pop(L_, 1);
    return present;
  }

  void allow(std::initializer_list<const char*> keys) {
    std::set<std::string> ok(keys.begin(), keys.end());
    lua_pushnil(L_);
    while (lua_next(L_, -2)) {
      lua_pop(L_, 1);
      if (lua_type(L_, -1) != LUA_TSTRING) {
        lua_pop(L_, 1);
        fail("", "only named fields are allowed here");
      }
      const std::string k = lua_tostring(L_, -1);
      if (!ok.count(k)) {
        std::string list;
        for (const std::string& s : ok) list += (list.empty() ? "" : ", ") + s;
        lua_pop(L_, 1);
        fail(k, "unknown field (expected one of: " + list + ")");
      }
    }
  }

  double number(const char* key, double def, double lo, double hi) {
    get(key);
    double v = def;
    if (!lua_isnil(L_, -1)) {
      if (!lua_isnumber(L_, -1)) {
        lua_pop(L_, 1);
        fail(key, "expected a number");
      }
      v = lua_tonumber(L_, -1);
    }
    lua_pop(L_, 1);
    if (!(v >= lo && v <= hi)) fail(key, "must be between " + fmt(lo) + " and " + fmt(hi));
    return v;
  }
  int integer(const char* key, int def, int lo, int hi) {
    const double v = number(key, def, lo, hi);
    if (v != double(int(v))) fail(key, "expected a whole number");
    return int(v);
  }
  std::string string(const char* key, const std::string& def) {
    get(key);
    std::string v = def;
    if (!lua_isnil(L_, -1)) {
      if (lua_type(L_, -1) != LUA_TSTRING) {
        lua_pop(L_, 1);
        fail(key, "expected a string");
      }
      v = lua_tostring(L_, -1);
    }
    lua_pop(L_, 1);
    return v;
  }
  bool boolean(const char* key, bool def) {
    get(key);
    bool v = def;
    if (!lua_isnil(L_, -1)) {
      if (!lua_isboolean(L_, -1)) {
        lua_pop(L_, 1);
        fail(key, "expected true or false");
      }
      v = lua_toboolean(L_, -1);
    }
    lua_pop(L_, 1);
    return v;
  }
  // Calls f with t[key] on top if it is a table; absent is fine; anything else an error.
  void table(const char* key, const std::function<void()>& f) {
    get(key);
    if (lua_isnil(L_, -1)) {
      lua_pop(L_, 1);
      return;
    }
    if (!lua_istable(L_, -1)) {
      lua_pop(L_, 1);
      fail(key, "expected a table");
    }
    path_.push_back(key);
    f();
    path_.pop_back();
    lua_pop(L_, 1);
  }
  std::vector<double> numbers(const char* key, double lo, double hi) {
    std::vector<double> out;
    table(key, [&] {
      const lua_Integer n = lua_Integer(lua_rawlen(L_, -1));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L_, -1, i);
        if (!lua_isnumber(L_, -1)) {
          lua_pop(L_, 1);
          fail(std::to_string(i), "expected a number");
        }
        const double v = lua_tonumber(L_, -1);
        lua_pop(L_, 1);
        if (!(v >= lo && v <= hi)) fail("", "item " + std::to_string(i) + " must be between " + fmt(lo) + " and " + fmt(hi));
        out.push_back(v);
      }
    });
    return out;
  }
  // Iterates the array part: f(index) with the item (a table) on top.
  void each(const char* key, const std::function<void(int)>& f) {
    table(key, [&] {
      const lua_Integer n = lua_Integer(lua_rawlen(L_, -1));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L_, -1, i);
        if (!lua_istable(L_, -1)) {
          lua_pop(L_, 1);
          fail(std::to_string(i), "expected a table");
        }
        path_.push_back(std::to_string(i));
        f(int(i));
        path_.pop_back();
        lua_pop(L_, 1);
      }
    });
  }
  DurationSpec duration(const char* key, DurationSpec def) {
    table(key, [&] { def = duration_here(def, false); });
    return def;
  }
  // The distribution table on top of the stack (a mixture's part also has a `weight`).
  DurationSpec duration_here(DurationSpec def, bool part) {
    if (part) allow({"dist", "mean", "sd", "phases", "values", "shape", "parts", "weight"});
    else allow({"dist", "mean", "sd", "phases", "values", "shape", "parts"});
    const std::string d = string("dist", "exponential");
    static const char* const kinds[] = {"fixed", "exponential", "lognormal", "gamma", "erlang",
                                        "empirical", "weibull", "mixture"};
    static_assert(std::size(kinds) == std::size_t(DurationSpec::Kind::Count));
    bool found = false;
    for (std::size_t i = 0; i < std::size(kinds); ++i)
      if (d == kinds[i]) {
        def.kind = DurationSpec::Kind(i);
        found = true;
      }
    if (!found) fail("dist", "unknown distribution '" + d + "' (fixed|exponential|lognormal|gamma|erlang|empirical|weibull|mixture)");
    if (def.kind == DurationSpec::Kind::Empirical) {
      def.data = numbers("values", 0, 1e9);
      if (def.data.empty()) fail("values", "empirical needs a non-empty list of values");
      return def;
    }
    if (def.kind == DurationSpec::Kind::Mixture) return mixture(def);
    def.mean = number("mean", def.mean, 0, 1e9);
    def.sd = number("sd", def.sd, 0, 1e9);
    def.phases = integer("phases", def.phases, 1, 1000);
    def.shape = number("shape", def.shape, 0, 1e3);
    if ((def.kind == DurationSpec::Kind::Lognormal || def.kind == DurationSpec::Kind::Gamma) &&
        !(def.sd > 0 && def.mean > 0))
      fail("sd", "lognormal and gamma need mean > 0 and sd > 0");
    if (def.kind == DurationSpec::Kind::Weibull && !(def.shape > 0 && def.mean > 0))
      fail("shape", "weibull needs mean > 0 and shape > 0");
    return def;
  }
  // parts = { {weight = w, dist = ...}, ... }; the mean is the weighted mean of the parts.
  DurationSpec mixture(DurationSpec def) {
    def.parts.clear();
    def.weights.clear();
    each("parts", [&](int) {
      def.weights.push_back(number("weight", 0, 0, 1e9));
      if (!(def.weights.back() > 0)) fail("weight", "each part of a mixture needs a weight > 0");
      def.parts.push_back(duration_here({DurationSpec::Kind::Exponential, 0, 0, 1, {}}, true));
    });
    if (def.parts.empty()) fail("parts", "a mixture needs a non-empty list of parts");
    double total = 0, mean = 0;
    for (std::size_t i = 0; i < def.parts.size(); ++i) {
      const DurationSpec& p = def.parts[i];
      double m = p.mean;
      if (p.kind == DurationSpec::Kind::Empirical) {
        m = 0;
        for (double v : p.data) m += v / double(p.data.size());
      }
      total += def.weights[i];
      mean += def.weights[i] * m;
    }
    def.mean = mean / total;
    return def;
  }
  std::vector<std::string>& path() { return path_; }
  lua_State* L() const { return L_; }

 private:
  static std::string fmt(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }
  lua_State* L_;
  std::string file_;
  std::vector<std::string> lines_;
  std::vector<std::string> path_;
};

int parse_hhmm(Reader& r, const char* key, const std::string& text) {
  int h = 0, m = 0;
  char colon = 0;
  std::istringstream in(text);
  if (!(in >> h >> colon >> m) || colon != ':' || h < 0 || h > 23 || m < 0 || m > 59)
    r.fail(key, "expected a time of day HH:MM, got '" + text + "'");
  return h * 3600 + m * 60;
}

// A per-day-type table { weekday = {...}, weekend = {...}, holiday = {...}, all = {...} }:
// `all` gives every type, the named entries override it; a type left out gets nothing here.
void read_per_day_type(Reader& r, const char* key, int n, double hi,
                       const std::function<void(DayType, std::vector<double>)>& put) {
  r.table(key, [&] {
    r.allow({"weekday", "weekend", "holiday", "all"});
    for (const char* t : {"all", "weekday", "weekend", "holiday"}) {
      if (!r.has(t)) continue;
      std::vector<double> v = r.numbers(t, 0, hi);
      if (int(v.size()) != n)
        r.fail(t, "expected " + std::to_string(n) + " values (one per interval), got " + std::to_string(v.size()));
      for (std::size_t d = 0; d < std::size_t(DayType::Count); ++d)
        if (std::string_view(t) == "all" || std::string_view(t) == enum_key(DayType(d))) put(DayType(d), v);
    }
  });
}

// A list of { name = , share = } whose shares add up to 1 (tickets.categories, .districts).
// A mix of shares adding up to 1; with allow_empty (a replay brings its own) it may be absent.
// Categories may also scale the handling time of their tickets (`handling_scale`).
void read_shares(Reader& r, const char* key, std::vector<TicketSpec::Share>& v, bool allow_empty = false) {
  const bool categories = std::string_view(key) == "categories";
  double sum = 0;
  r.each(key, [&](int) {
    if (categories) r.allow({"name", "share", "handling_scale"});
    else r.allow({"name", "share"});
    TicketSpec::Share s{r.string("name", ""), r.number("share", 0, 0, 1)};
    if (categories) s.handling_scale = r.number("handling_scale", 1, 0.001, 1000);
    if (s.name.empty()) r.fail("name", "required");
    sum += s.share;
    v.push_back(std::move(s));
  });
  if ((v.empty() && !allow_empty) || (!v.empty() && std::abs(sum - 1) > 1e-3))
    r.fail(key, "expected a non-empty list whose shares add up to 1");
}

// tickets.units: per-unit tuning of the tickets a unit leads (as `hotline calibrate` fits it).
void read_unit_tuning(Reader& r, std::vector<TicketSpec::UnitTuning>& units) {
  r.each("units", [&](int) {
    r.allow({"unit", "handling_scale", "accept_scale", "wrong_dispatch", "satisfied", "basic"});
    TicketSpec::UnitTuning u;
    u.unit = r.string("unit", "");
    u.line = r.line();
    if (u.unit.empty()) r.fail("unit", "required: a unit id or name of the org graph");
    u.handling_scale = r.number("handling_scale", 1, 0.001, 1000);
    u.accept_scale = r.number("accept_scale", 1, 0.001, 1000);
    u.wrong_dispatch = r.number("wrong_dispatch", -1, -1, 1);
    u.satisfied = r.number("satisfied", -1, -1, 1);
    u.basically_satisfied = r.number("basic", -1, -1, 1);
    if (u.satisfied >= 0 && u.basically_satisfied >= 0 && u.satisfied + u.basically_satisfied > 1 + 1e-9)
      r.fail("basic", "satisfied + basic must not exceed 1");
    units.push_back(std::move(u));
  });
}

// The fitted values of a calibration file (written by `hotline calibrate`, docs/calibration.md)
// replace the scenario's: tickets.online_per_day, .categories, .districts, .units, each only if
// present. `generated` records how the file was made and is not interpreted.
void read_calibration(Reader& r, ScenarioConfig& sc) {
  r.allow({"generated", "tickets"});
  r.table("tickets", [&] {
    TicketSpec& t = sc.tickets;
    if (!t.enabled) r.fail("", "the scenario has no tickets section to calibrate");
    r.allow({"online_per_day", "categories", "districts", "units"});
    t.online_per_day = r.number("online_per_day", t.online_per_day, 0, 1e7);
    if (r.has("categories")) t.categories.clear(), read_shares(r, "categories", t.categories);
    if (r.has("districts")) t.districts.clear(), read_shares(r, "districts", t.districts);
    if (r.has("units")) t.units.clear(), read_unit_tuning(r, t.units);
  });
}

// traffic: a profile per day type, or a replay of recorded calls (the database next to the file).
void read_traffic(Reader& r, ScenarioConfig& sc, const std::filesystem::path& file) {
  const int ipd = sc.intervals_per_day();
  bool have_traffic = false;
  r.table("traffic", [&] {
    have_traffic = true;
    r.allow({"source", "profile", "db", "talk_times", "scale", "day_busyness_cv"});
    const std::string src = r.string("source", "profile");
    if (src == "profile") {
      sc.traffic = ScenarioConfig::Traffic::Profile;
      if (!r.has("profile")) r.fail("profile", "required for source = \"profile\"");
      read_per_day_type(r, "profile", ipd, 1e7, [&](DayType t, std::vector<double> v) { sc.profile[std::size_t(t)] = std::move(v); });
      for (DayType t : {DayType::Weekday, DayType::Weekend})
        if (sc.profile[std::size_t(t)].empty())
          r.fail("profile", "missing the " + std::string(enum_key(t)) + " profile (or give 'all')");
    } else if (src == "replay") {
      sc.traffic = ScenarioConfig::Traffic::Replay;
      const std::string db = r.string("db", "");
      if (db.empty()) r.fail("db", "required for source = \"replay\": the traffic SQLite file");
      const std::filesystem::path p(db);
      sc.replay_db = (p.is_absolute() ? p : file.parent_path() / p).string();
      const std::string tt = r.string("talk_times", "drawn");
      if (tt != "drawn" && tt != "recorded") r.fail("talk_times", "expected \"drawn\" or \"recorded\"");
      sc.replay_talk_times = tt == "recorded";
    } else {
      r.fail("source", "expected \"profile\" or \"replay\", got '" + src + "'");
    }
    sc.scale = r.number("scale", 1, 0, 1000);
    sc.day_busyness_cv = r.number("day_busyness_cv", 0, 0, 5);
  });
  if (!have_traffic) r.fail("traffic", "required: the traffic source");
}

// ivr: the menu time, and the shares that serve themselves or hang up there.
void read_ivr(Reader& r, ScenarioConfig& sc) {
  r.table("ivr", [&] {
    r.allow({"time", "self_service", "hangup"});
    sc.ivr_time = r.duration("time", sc.ivr_time);
    sc.self_service_share = r.number("self_service", 0, 0, 1);
    sc.ivr_hangup_share = r.number("hangup", 0, 0, 1);
    if (sc.self_service_share + sc.ivr_hangup_share > 1) r.fail("hangup", "self_service + hangup must be <= 1");
  });
}

// skills: each queue's share of the calls, talk time, priority and agents per interval.
void read_skills(Reader& r, ScenarioConfig& sc) {
  const int ipd = sc.intervals_per_day();
  double shares = 0;
  r.table("skills", [&] {
    r.allow({"general", "enterprise", "dialect"});
    for (std::size_t s = 0; s < std::size_t(SkillQueue::Count); ++s) {
      const std::string key(enum_key(SkillQueue(s)));
      SkillConfig& k = sc.skills[s];
      r.table(key.c_str(), [&] {
        r.allow({"share", "talk", "priority_credit_s", "agents"});
        k.share = r.number("share", 0, 0, 1);
        shares += k.share;
        k.talk = r.duration("talk", {DurationSpec::Kind::Exponential, 180, 0, 1, {}});
        k.priority_credit_s = r.number("priority_credit_s", 0, 0, 86400);
        read_per_day_type(r, "agents", ipd, 100000, [&](DayType t, std::vector<double> v) {
          std::vector<int>& a = k.agents[std::size_t(t)];
          a.clear();
          for (double x : v) {
            if (x != double(int(x))) r.fail("agents", "agent counts must be whole numbers");
            a.push_back(int(x));
          }
        });
      });
    }
  });
  if (!(shares > 0)) r.fail("skills", "at least one skill needs share > 0");
  if (shares > 1 + 1e-9) r.fail("skills", "the skill shares add up to more than 1");
}

// shifts (and overflow to general): who works when; without shifts every needed skill
// must have agents of its own or overflow.
void read_shifts(Reader& r, ScenarioConfig& sc) {
  sc.overflow_after_s = r.number("overflow_after_s", 60, -1, 1e7);
  r.each("shifts", [&](int) {
    r.allow({"skill", "start", "hours", "agents", "days"});
    ShiftSpec sh;
    const std::string skill = r.string("skill", "general");
    auto s = enum_from<SkillQueue>(skill);
    if (!s) r.fail("skill", "unknown skill '" + skill + "' (" + enum_keys<SkillQueue>() + ")");
    sh.skill = *s;
    sh.start_s = parse_hhmm(r, "start", r.string("start", ""));
    sh.length_s = int(r.number("hours", 8, 0.25, 24) * 3600);
    sh.agents = r.integer("agents", 1, 0, 100000);
    const std::string days = r.string("days", "all");
    if (days != "all" && days != "weekday" && days != "weekend" && days != "holiday")
      r.fail("days", "expected \"all\", \"weekday\", \"weekend\" or \"holiday\", got '" + days + "'");
    sh.weekdays = days == "all" || days == "weekday";
    sh.weekends = days == "all" || days == "weekend";
    sh.holidays = days != "weekday";  // "weekend" shifts: see below
    sc.shifts.push_back(sh);
  });
  // Backward compatible: a "weekend" shift also works holidays unless the scenario has a
  // shift of the same skill with days = "holiday" (then that skill's holidays are staffed by
  // its "holiday" and "all" shifts only).
  for (std::size_t s = 0; s < sc.skills.size(); ++s) {
    bool holiday_shifts = false;
    for (const ShiftSpec& sh : sc.shifts)
      holiday_shifts |= std::size_t(sh.skill) == s && sh.holidays && !sh.weekdays && !sh.weekends;
    if (holiday_shifts)
      for (ShiftSpec& sh : sc.shifts)
        if (std::size_t(sh.skill) == s && sh.weekends && !sh.weekdays) sh.holidays = false;
  }
  if (sc.shifts.empty()) {
    for (std::size_t s = 0; s < sc.skills.size(); ++s)
      if (sc.skills[s].share > 0 && std::all_of(sc.skills[s].agents.begin(), sc.skills[s].agents.end(), [](const auto& a) { return a.empty(); }) &&
          !(s != 0 && sc.overflow_after_s >= 0)) {
        r.path() = {"skills", std::string(enum_key(SkillQueue(s)))};
        r.fail("agents", "calls need this skill but it has neither agents nor overflow to general");
      }
  }
}

// After-call work, patience, redials, call-backs, diversion and direct answers.
void read_call_behaviour(Reader& r, ScenarioConfig& sc) {
  sc.wrap = r.duration("wrap", sc.wrap);
  sc.wrap_multiplier = r.number("wrap_multiplier", 1, 0, 10);
  sc.patience = r.duration("patience", sc.patience);
  r.table("redial", [&] {
    r.allow({"probability", "delay"});
    sc.redial_probability = r.number("probability", 0, 0, 1);
    sc.redial_delay = r.duration("delay", sc.redial_delay);
  });
  r.table("callbacks", [&] {
    r.allow({"enabled", "within_s", "reach_share", "talk"});
    sc.callbacks = r.boolean("enabled", true);
    sc.callback_within_s = r.number("within_s", sc.callback_within_s, 0, 1e7);
    sc.callback_reach_share = r.number("reach_share", sc.callback_reach_share, 0, 1);
    sc.callback_talk = r.duration("talk", sc.callback_talk);
  });
  r.table("diversion", [&] {
    r.allow({"offer", "queue_at_least", "accept_share"});
    const std::string offer = r.string("offer", "online");
    static const char* const offers[] = {"wait", "callback", "online", "voice_message"};
    static_assert(std::size(offers) == std::size_t(DiversionOffer::Count));
    bool found = false;
    for (std::size_t i = 0; i < std::size(offers); ++i)
      if (offer == offers[i]) {
        sc.divert_offer = DiversionOffer(i);
        found = true;
      }
    if (!found) r.fail("offer", "expected wait|callback|online|voice_message, got '" + offer + "'");
    sc.divert_queue_at_least = r.integer("queue_at_least", 0, 0, 1000000);
    sc.divert_accept_share = r.number("accept_share", 0, 0, 1);
  });
  sc.direct_answer_share = r.number("direct_answer_share", sc.direct_answer_share, 0, 1);
}

// tickets: the allowed fields and the source (synthetic mixes or a replayed tickets table).
void read_ticket_source(Reader& r, TicketSpec& t, const std::filesystem::path& file) {
  t.enabled = true;
  r.allow({"online_per_day", "urgent_share", "caller_population", "categories", "districts", "accept_mean_hours",
           "handling_mean_hours", "handling_cv", "handlers", "wrong_dispatch", "extension_request",
           "extension_late", "extension_consent",
           "satisfaction", "units", "follow_up_days", "source", "db", "review", "urging", "reopen", "duty",
           "posts", "co_handling"});
  const std::string src = r.string("source", "synthetic");
  if (src == "replay") {
    t.source = TicketSpec::Source::Replay;
    const std::string db = r.string("db", "");
    if (db.empty()) r.fail("db", "required for source = \"replay\": the traffic SQLite file with a tickets table");
    const std::filesystem::path p(db);
    t.replay_db = (p.is_absolute() ? p : file.parent_path() / p).string();
  } else if (src != "synthetic") {
    r.fail("source", "expected \"synthetic\" or \"replay\", got '" + src + "'");
  } else if (r.has("db")) {
    r.fail("db", "only for source = \"replay\"");
  }
}

// tickets: volumes and mixes, acceptance, handling times and handlers, wrong dispatch and
// extensions.
void read_ticket_work(Reader& r, TicketSpec& t) {
  const bool replay = t.source == TicketSpec::Source::Replay;
  t.online_per_day = r.number("online_per_day", 0, 0, 1e7);
  t.urgent_share = r.number("urgent_share", 0, 0, 1);
  t.caller_population = r.integer("caller_population", 0, 0, 1000000000);
  read_shares(r, "categories", t.categories, replay);
  read_shares(r, "districts", t.districts, replay);
  t.accept_mean_h = r.number("accept_mean_hours", 2, 0, 1e4);
  r.table("handling_mean_hours", [&] {
    r.allow({"district", "department"});
    t.handling_mean_h_district = r.number("district", 16, 0.01, 1e5);
    t.handling_mean_h_department = r.number("department", 12, 0.01, 1e5);
  });
  t.handling_cv = r.number("handling_cv", 0.8, 0, 10);
  r.table("handlers", [&] {
    r.allow({"district", "department"});
    t.handlers_district = r.integer("district", 6, 1, 100000);
    t.handlers_department = r.integer("department", 3, 1, 100000);
  });
  t.wrong_dispatch = r.number("wrong_dispatch", 0.05, 0, 1);
  t.extension_request = r.number("extension_request", 0.5, 0, 1);
  t.extension_late = r.number("extension_late", 0, 0, 1);
  t.extension_consent = r.number("extension_consent", 1, 0, 1);
}

// tickets: the follow-up cut-off, platform review, urging, co-handling, reopening, duty
// posts, satisfaction and the per-unit tuning.
void read_ticket_process(Reader& r, TicketSpec& t) {
  t.follow_up_days = r.integer("follow_up_days", 10, 0, 366);
  r.table("review", [&] {
    r.allow({"rework", "rework_share"});
    t.review_rework = r.number("rework", 0.05, 0, 1);
    t.rework_share = r.number("rework_share", 0.3, 0, 10);
  });
  r.table("urging", [&] {
    r.allow({"at", "every_days", "speedup"});
    t.urge_at = r.number("at", 0.8, 0, 1);
    t.urge_every_days = r.number("every_days", 2, 0, 366);
    t.urge_speedup = r.number("speedup", 0, 0, 1);
  });
  r.table("co_handling", [&] {
    r.allow({"share"});
    t.co_share = r.number("share", 0.5, 0, 10);
  });
  t.reopen = r.number("reopen", 0.3, 0, 1);
  r.table("duty", [&] {
    r.allow({"off_hours"});
    t.duty_off_hours = r.boolean("off_hours", true);
  });
  r.table("posts", [&] {
    r.allow({"a_away", "b_covers", "b_delay_hours", "away_hours"});
    t.a_away = r.number("a_away", 0.05, 0, 1);
    t.b_covers = r.boolean("b_covers", true);
    t.b_delay_h = r.number("b_delay_hours", 0.5, 0, 1e4);
    t.away_h = r.number("away_hours", 8, 0, 1e4);
  });
  r.table("satisfaction", [&] {
    r.allow({"satisfied", "basic", "late_penalty"});
    t.satisfied = r.number("satisfied", 0.85, 0, 1);
    t.basically_satisfied = r.number("basic", 0.10, 0, 1);
    t.late_penalty = r.number("late_penalty", 0.25, 0, 1);
    if (t.satisfied + t.basically_satisfied > 1 + 1e-9) r.fail("basic", "satisfied + basic must not exceed 1");
  });
  read_unit_tuning(r, t.units);
}

// request_types: each type's share of the calls and the share answered directly.
void read_request_types(Reader& r, ScenarioConfig& sc) {
  r.allow({"consultation", "help", "complaint", "report", "suggestion", "praise"});
  double sum = 0;
  for (std::size_t t = 0; t < std::size_t(RequestType::Count); ++t) {
    const std::string key(enum_key(RequestType(t)));
    r.table(key.c_str(), [&] {
      r.allow({"share", "direct"});
      sc.request_share[t] = r.number("share", 0, 0, 1);
      sc.request_direct_share[t] = r.number("direct", 0, 0, 1);
      sum += sc.request_share[t];
    });
  }
  if (!(sum > 0)) r.fail("", "at least one request type needs share > 0");
  if (sum > 1 + 1e-6) r.fail("", "the request-type shares add up to more than 1");
}

// kpi: the service-level threshold and what counts as a short abandonment.
void read_kpi(Reader& r, ScenarioConfig& sc) {
  r.allow({"sl_threshold_s", "short_abandon_s"});
  sc.sl_threshold_s = r.number("sl_threshold_s", sc.sl_threshold_s, 0, 86400);
  sc.short_abandon_s = r.number("short_abandon_s", sc.short_abandon_s, 0, 86400);
}

// Runs one part of a file; a problem in it is kept (with the reader back where it was) and
// the next part is read, so that one load reports every independent problem. False when
// the part had a problem.
class Parts {
 public:
  explicit Parts(Reader& r) : r_(r) {}
  template <class F>
  bool read(F&& f) {
    const int top = lua_gettop(r_.L());
    const std::vector<std::string> path = r_.path();
    try {
      f();
      return true;
    } catch (const InputError& e) {
      problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
      lua_settop(r_.L(), top);
      r_.path() = path;
      return false;
    }
  }
  // Throws every problem kept, if any, in the order the tables are read (a missing table
  // has no line of its own, so the lines would not order them).
  void finish() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

 private:
  Reader& r_;
  std::vector<InputProblem> problems_;
};

// The first day, the number of days and the interval, which the tables below depend on.
void read_horizon(Reader& r, ScenarioConfig& sc) {
  const std::string start = r.string("start", "");
  if (start.empty()) r.fail("start", "required: the first day, YYYY-MM-DD");
  std::string why;
  if (!try_parse_time(start, &sc.start, &why)) r.fail("start", why);
  sc.start = cst_midnight(cst_day(sc.start));
  sc.days = r.integer("days", 1, 1, 3660);
  const int minutes = r.integer("interval_minutes", 30, 1, 1440);
  if (1440 % minutes != 0) r.fail("interval_minutes", "must divide a day (e.g. 15, 30, 60)");
  sc.interval_s = minutes * 60;
}

// The scenario file: the top-level fields, then one table at a time. Problems in different
// tables are reported together; the shifts are checked only when the skills were read, and
// nothing after the horizon is read when it is wrong.
ScenarioConfig read(Reader& r, const std::filesystem::path& file, std::string* calibration) {
  ScenarioConfig sc;
  sc.file = file.string();
  Parts parts(r);
  parts.read([&] {
    r.allow({"name", "description", "ruleset", "start", "days", "interval_minutes", "traffic", "ivr",
             "skills", "overflow_after_s", "shifts", "wrap", "wrap_multiplier", "patience", "redial",
             "callbacks", "diversion", "direct_answer_share", "request_types", "kpi", "sources", "tickets",
             "calibration"});
  });
  parts.read([&] {
    *calibration = r.string("calibration", "");
    sc.name = r.string("name", file.parent_path().filename().string());
    sc.description = r.string("description", "");
    sc.ruleset = r.string("ruleset", "");
  });
  if (!parts.read([&] { read_horizon(r, sc); })) parts.finish();
  parts.read([&] { read_traffic(r, sc, file); });
  parts.read([&] { read_ivr(r, sc); });
  if (parts.read([&] { read_skills(r, sc); })) parts.read([&] { read_shifts(r, sc); });
  parts.read([&] { read_call_behaviour(r, sc); });
  parts.read([&] {
    r.table("tickets", [&] {
      read_ticket_source(r, sc.tickets, file);
      read_ticket_work(r, sc.tickets);
      read_ticket_process(r, sc.tickets);
    });
  });
  parts.read([&] { r.table("request_types", [&] { read_request_types(r, sc); }); });
  parts.read([&] { r.table("kpi", [&] { read_kpi(r, sc); }); });
  parts.finish();
  return sc;
}

}  // namespace

std::filesystem::path find_scenario(const std::filesystem::path& where) {
  namespace fs = std::filesystem;
  for (const fs::path& p : {where, data_dir() / where}) {
    if (fs::is_regular_file(p)) return p;
    if (fs::is_directory(p) && fs::is_regular_file(p / "scenario.lua")) return p / "scenario.lua";
  }
  throw InputError(where.string(), 0, "", "no scenario here (expected a scenario.lua, its folder, or a name under " +
                                              data_dir().string() + ")");
}

ScenarioConfig load_scenario(const std::filesystem::path& where) { return load_scenario(where, ScenarioLoadOptions{}); }

ScenarioConfig load_scenario(const std::filesystem::path& where, const ScenarioLoadOptions& options) {
  const std::filesystem::path file = find_scenario(where);
  auto lines_of = [](const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream split(text);
    for (std::string line; std::getline(split, line);) lines.push_back(line);
    return lines;
  };
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  };

  LuaState lua;
  lua_State* L = lua.L;
  if (!L) throw InputError(file.string(), 0, "", "cannot create a Lua state");
  static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
                                  {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
                                  {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const luaL_Reg& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  // No file access or code loading from the script.
  for (const char* name : {"dofile", "loadfile", "load", "require", "collectgarbage"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }

  // Runs a chunk that must return a table, left on the stack. A short chunk name: Lua
  // truncates long ones ("...") in messages, so the real path is put back when the message
  // is turned into an InputError.
  auto run_chunk = [&](const std::string& text, const std::filesystem::path& path, const char* what) {
    const std::string chunk = std::string("=") + what;
    auto lua_fail = [&](const std::string& msg) -> InputError {
      const std::string prefix = std::string(what) + ":";
      if (msg.rfind(prefix, 0) == 0) {
        const std::size_t colon = msg.find(':', prefix.size());
        if (colon != std::string::npos) {
          try {
            const int line = std::stoi(msg.substr(prefix.size(), colon - prefix.size()));
            return InputError(path.string(), line, "", msg.substr(colon + 2));
          } catch (const std::exception&) {
          }
        }
      }
      return InputError(path.string(), 0, "", msg);
    };
    lua.limits.ticks = 0;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookEvery);
    if (luaL_loadbufferx(L, text.data(), text.size(), chunk.c_str(), "t") != LUA_OK)
      throw lua_fail(lua_tostring(L, -1));
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) throw lua_fail(lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
    if (!lua_istable(L, -1)) throw InputError(path.string(), 0, "", std::string("the script must return the ") + what + " table");
    lua_sethook(L, nullptr, 0, 0);
  };

  const std::string text = slurp(file);
  run_chunk(text, file, "scenario");
  Reader r(L, file.string(), lines_of(text));
  std::string calibration;
  ScenarioConfig sc = read(r, file, &calibration);
  if (options.calibration_file) options.calibration_file->clear();
  if (calibration.empty()) return sc;
  const std::filesystem::path cal_file = std::filesystem::path(calibration).is_absolute()
                                             ? std::filesystem::path(calibration)
                                             : file.parent_path() / calibration;
  if (options.calibration_file) *options.calibration_file = cal_file;
  if (!options.apply_calibration) return sc;
  if (!std::filesystem::is_regular_file(cal_file))
    throw InputError(file.string(), r.line_of({"calibration"}), "calibration",
                     "no such file '" + cal_file.string() + "' (written by `hotline calibrate --write`)");
  const std::string cal_text = slurp(cal_file);
  run_chunk(cal_text, cal_file, "calibration");
  Reader rc(L, cal_file.string(), lines_of(cal_text));
  read_calibration(rc, sc);
  return sc;
}

}  // namespace hotline
