// The live engine's reload logic: poll mtimes, load + validate + test, swap only on success.
#include "gui/engine_model.hpp"

#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "rules/ruleset.hpp"

namespace hotline::gui {

LiveEngine::LiveEngine(std::string path_or_name) : name_(std::move(path_or_name)) {
  try {
    folder_ = rules::find_ruleset(name_);
  } catch (const InputError&) {
    folder_ = name_;  // reported by the first load
  }
}

LiveEngine::Stamp LiveEngine::stamp() const {
  Stamp s;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(folder_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".lua") continue;
    s[it->path()] = {it->last_write_time(ec), it->file_size(ec)};
  }
  return s;
}

LiveEngine::Attempt LiveEngine::load() const {
  Attempt a;
  try {
    auto loaded = std::make_shared<LoadedRules>();
    loaded->engine = std::make_shared<const api::Engine>(folder_.string());  // validates and runs tests/*.lua
    loaded->info = loaded->engine->info();
    loaded->tests = loaded->engine->rule_tests();
    loaded->loaded_at = std::chrono::system_clock::now();
    a.loaded = std::move(loaded);
  } catch (const api::Error& e) {
    for (const api::Problem& p : e.problems()) a.problems.push_back(p.to_string());
  } catch (const std::exception& e) {
    a.problems.push_back(folder_.string() + ": " + e.what());
  }
  return a;
}

bool LiveEngine::apply(Attempt a) {
  if (!a.loaded) {
    diagnostics_ = std::move(a.problems);
    failed_at_ = std::chrono::system_clock::now();
    ++failures_;
    return false;
  }
  current_ = std::move(a.loaded);
  diagnostics_.clear();
  ++reloads_;
  return true;
}

bool LiveEngine::reload_now() {
  wait();
  stamp_ = stamp();
  return apply(load());
}

bool LiveEngine::poll() {
  if (pending_.valid()) {
    if (pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    apply(pending_.get());
    return true;
  }
  // mtimes are checked every poll_interval, not every frame
  const auto now = std::chrono::steady_clock::now();
  if ((current_ || failures_ > 0) && now - last_poll_ < poll_interval) return false;
  last_poll_ = now;
  Stamp s = stamp();
  if (s == stamp_ && (current_ || failures_ > 0)) return false;
  stamp_ = std::move(s);
  pending_ = std::async(std::launch::async, [this] { return load(); });
  return false;
}

void LiveEngine::wait() {
  if (pending_.valid()) apply(pending_.get());
}

api::Decision LiveEngine::decide(const TicketForm& f) const {
  if (!current_) throw std::logic_error("no rule set loaded");
  api::Ticket t;  // no caller key: the form is never merged with an earlier ticket
  t.id = "form";
  t.type = std::string(enum_key(f.type));
  t.category = f.category;
  t.district = f.district;
  t.street = f.street;
  t.urgency = std::string(enum_key(f.urgency));
  t.enterprise = f.enterprise;
  t.created = f.created;
  return current_->engine->decide(t);
}

}  // namespace hotline::gui
