// Running a rule set's files in a sandbox (rule_files.hpp).
#include "rules/rule_files.hpp"

#include <algorithm>

#include "rules/lua_api.hpp"
#include "rules/ruleset.hpp"

namespace hotline::rules {

Value run_rule_file(Sandbox& sandbox, const std::vector<std::pair<std::string, std::string>>& files,
                    const std::string& file, std::vector<int>* functions, std::vector<InputProblem>* problems) {
  auto it = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.first == file; });
  if (it == files.end()) {
    problems->push_back({(sandbox.folder() / file).string(), 0, "", "missing rule file"});
    return {};
  }
  Value v;
  std::string err = sandbox.protect([&](lua_State* L) {
    sandbox.load_text(it->second, sandbox.label() + "/" + file);
    lua_call(L, 0, 1);
    if (!lua_istable(L, -1)) luaL_error(L, "%s must return a table", file.c_str());
    v = read_value(L, -1, functions);
    lua_pop(L, 1);
  }, sandbox.label() + "/" + file);
  if (!err.empty()) problems->push_back(lua_problem(sandbox.folder(), sandbox.label(), err));
  return v;
}

RuleModules run_rule_files(Sandbox& sandbox, const std::vector<std::pair<std::string, std::string>>& files,
                           std::vector<int>* functions, std::vector<InputProblem>* problems) {
  RuleModules out;
  for (const char* name : kRuleFiles) out.emplace(name, run_rule_file(sandbox, files, name, functions, problems));
  return out;
}

// "label/file.lua:12: message" -> problem naming the real path and line.
InputProblem lua_problem(const std::filesystem::path& folder, const std::string& label, const std::string& message) {
  std::string m = message;
  if (m.rfind(label + "/", 0) == 0) m = m.substr(label.size() + 1);
  std::size_t c1 = m.find(':');
  std::size_t c2 = c1 == std::string::npos ? c1 : m.find(':', c1 + 1);
  if (c2 != std::string::npos) {
    std::string line = m.substr(c1 + 1, c2 - c1 - 1);
    if (!line.empty() && std::all_of(line.begin(), line.end(), ::isdigit)) {
      std::size_t rest = c2 + 1;
      while (rest < m.size() && m[rest] == ' ') ++rest;
      return {(folder / m.substr(0, c1)).string(), std::stoi(line), "", m.substr(rest)};
    }
  }
  return {folder.string(), 0, "", m};
}

}  // namespace hotline::rules
