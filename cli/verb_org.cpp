// `hotline org`: show, check and query the organisation graph of handling units (承办单位)
// loaded from CSV [SL24 §11, XA23 三(一)].
#include <fmt/core.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/verb.hpp"
#include "core/org_graph.hpp"

namespace {
using namespace hotline;

struct Options {
  std::string file;
  std::string unit;
  std::string other;
  std::string lang = "zh";
  int depth = 99;
};

void add_lang(CLI::App* cmd, Options& o) {
  cmd->add_option("--lang", o.lang, "Output language: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
}

// "城关街道（街道）" or "国网商洛供电公司 (Public utility, utility, vertical)".
std::string label(const Unit& u, bool en) {
  std::string s = u.name + (en ? " (" : "（") + std::string(display_name(u.kind, en ? Lang::En : Lang::Zh));
  const char* sep = en ? ", " : "，";
  if (u.utility) s += std::string(sep) + (en ? "utility" : "公共事业");
  if (u.vertical) s += std::string(sep) + (en ? "vertical" : "垂直管理");
  if (u.synthetic) s += std::string(sep) + (en ? "synthetic" : "合成数据");
  return s + (en ? ")" : "）") + "  " + u.id;
}

void print_tree(const OrgGraph& g, UnitIndex u, const std::string& prefix, bool last, int depth,
                const Options& o) {
  bool en = o.lang == "en";
  bool top = depth == 0;
  fmt::print("{}{}{}\n", prefix, top ? "" : (last ? "└─ " : "├─ "), label(g.unit(u), en));
  if (depth >= o.depth) return;
  std::vector<UnitIndex> kids = g.children(u);
  std::string next = top ? "" : prefix + (last ? "   " : "│  ");
  for (std::size_t i = 0; i < kids.size(); ++i)
    print_tree(g, kids[i], next, i + 1 == kids.size(), depth + 1, o);
}

void print_unit(const OrgGraph& g, UnitIndex u, bool en) {
  const Unit& x = g.unit(u);
  fmt::print("{}\n", g.path_text(u, " → "));
  fmt::print("  {}{}\n", en ? "id: " : "编号：", x.id);
  fmt::print("  {}{}{}{}\n", en ? "kind: " : "类型：", display_name(x.kind, en ? Lang::En : Lang::Zh),
             en ? ", level " : "，层级 ", x.level);
  UnitIndex d = g.district_of(u);
  fmt::print("  {}{}\n", en ? "district/zone: " : "所属区县：",
             d == kNoUnit ? (en ? "- (city level)" : "—（市级）") : g.unit(d).name);
  std::string flags;
  if (x.utility) flags += en ? "utility " : "公共事业 ";
  if (x.vertical) flags += en ? "vertical " : "垂直管理 ";
  if (x.synthetic) flags += en ? "synthetic " : "合成数据 ";
  if (!flags.empty()) fmt::print("  {}{}\n", en ? "flags: " : "标记：", flags);
  fmt::print("  {}{}\n", en ? "children: " : "下级单位数：", g.children(u).size());
  if (!x.note.empty()) fmt::print("  {}{}\n", en ? "source: " : "来源：", x.note);
}

void show(const Options& o) {
  bool en = o.lang == "en";
  OrgGraph g = OrgGraph::load_csv(o.file);
  if (o.unit.empty()) {
    print_tree(g, g.root(), "", true, 0, o);
    return;
  }
  std::vector<UnitIndex> found;
  if (UnitIndex u = g.find_id(o.unit); u != kNoUnit)
    found.push_back(u);
  else
    found = g.find_all_names(o.unit);
  if (found.empty()) throw std::invalid_argument("org show: no unit with id or name '" + o.unit + "'");
  if (found.size() > 1)
    fmt::print(fmt::runtime(en ? "'{}' names {} units (qualify as DISTRICT/NAME or use the id):\n"
                              : "“{}”对应 {} 个单位（可写作 区县/名称 或使用编号）：\n"),
               o.unit, found.size());
  for (UnitIndex u : found) print_unit(g, u, en);
}

void path(const Options& o) {
  OrgGraph g = OrgGraph::load_csv(o.file);
  auto get = [&](const std::string& s) {
    UnitIndex u = g.find(s);  // AmbiguousUnitError lists the candidates
    if (u == kNoUnit) throw std::invalid_argument("org path: no unit with id or name '" + s + "'");
    return u;
  };
  std::vector<UnitIndex> p = g.path(get(o.unit), get(o.other));
  std::string out;
  for (UnitIndex u : p) out += (out.empty() ? "" : " → ") + g.unit(u).name;
  fmt::print("{}\n", out);
}

void check(const Options& o) {
  bool en = o.lang == "en";
  OrgGraph g = OrgGraph::load_csv(o.file);
  std::size_t count[std::size_t(UnitKind::Count)] = {};
  std::size_t utility = 0, vertical = 0, synthetic = 0;
  for (UnitIndex u = 0; u < g.size(); ++u) {
    const Unit& x = g.unit(u);
    ++count[std::size_t(x.kind)];
    utility += x.utility;
    vertical += x.vertical;
    synthetic += x.synthetic;
  }
  fmt::print(fmt::runtime(en ? "{}: valid, {} units\n" : "{}：校验通过，共 {} 个单位\n"), o.file, g.size());
  fmt::print("{}\n", en ? "Kind                      Units" : "类型            数量");
  for (std::size_t k = 0; k < std::size_t(UnitKind::Count); ++k) {
    if (!count[k]) continue;
    std::string_view name = display_name(UnitKind(k), en ? Lang::En : Lang::Zh);
    // Chinese names: each character is 3 bytes and 2 columns wide.
    std::size_t width = en ? name.size() : name.size() / 3 * 2;
    fmt::print("{}{}{:>5}\n", name, std::string(width < 21 ? 21 - width : 1, ' '), count[k]);
  }
  fmt::print(fmt::runtime(en ? "utility {}, vertical {}, synthetic {}\n" : "公共事业 {}，垂直管理 {}，合成数据 {}\n"),
             utility, vertical, synthetic);
}

void setup(CLI::App& app) {
  auto* org = app.add_subcommand(
      "org", "Organisation graph of handling units (承办单位): city, districts and zones, "
             "streets and towns, departments, vertical bodies and utilities [SL24 §11]");
  org->require_subcommand(1);
  auto o = std::make_shared<Options>();

  auto* sh = org->add_subcommand(
      "show", "Print the unit tree (indented, with kind and flags), or with --unit a unit's path "
              "from the city and its details (every match if the name is shared)");
  sh->add_option("file", o->file, "Unit CSV, e.g. scenarios/orgs/shangluo.csv (docs/org.md)")
      ->required()
      ->check(CLI::ExistingFile);
  sh->add_option("--unit", o->unit, "A unit id or name; a name may be qualified, e.g. 商州区/城关街道");
  sh->add_option("--depth", o->depth, "Print the tree down to this depth (root = 0)")
      ->check(CLI::NonNegativeNumber);
  add_lang(sh, *o);
  sh->callback([o] { show(*o); });

  auto* ck = org->add_subcommand(
      "check", "Validate a unit CSV (every problem as file:line: field: reason) and print the "
               "number of units of each kind");
  ck->add_option("file", o->file, "Unit CSV (docs/org.md)")->required()->check(CLI::ExistingFile);
  add_lang(ck, *o);
  ck->callback([o] { check(*o); });

  auto* pa = org->add_subcommand("path", "Print the tree path between two units (ids or names)");
  pa->add_option("file", o->file, "Unit CSV (docs/org.md)")->required()->check(CLI::ExistingFile);
  pa->add_option("from", o->unit, "First unit (id or name)")->required();
  pa->add_option("to", o->other, "Second unit (id or name)")->required();
  pa->callback([o] { path(*o); });
}
HOTLINE_VERB("org", setup);
}  // namespace
