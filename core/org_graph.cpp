// The organisation graph on a Boost.Graph adjacency_list (edges parent -> child): CSV
// loading, validation (cycles by strong_components, reachability by breadth_first_search)
// and the dispatch queries [SL24 §11, XA23 三(一)].
#include "core/org_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/strong_components.hpp>
#include <cassert>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <map>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace hotline {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Unit>;

constexpr const char* kColumns[] = {"id",   "name",     "kind",      "level", "parent",
                                    "utility", "vertical", "synthetic", "note"};
constexpr int kNumColumns = 9;

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
}

std::string join_paths(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& p : paths) out += "\n  " + p;
  return out;
}

}  // namespace

AmbiguousUnitError::AmbiguousUnitError(std::string name, std::vector<std::string> candidate_paths)
    : std::invalid_argument("unit name '" + name + "' is ambiguous; " +
                            std::to_string(candidate_paths.size()) +
                            " units have it (qualify it as DISTRICT/NAME or use the id):" +
                            join_paths(candidate_paths)),
      candidates_(std::move(candidate_paths)) {}

struct OrgGraph::Impl {
  Graph g;
  UnitIndex root = kNoUnit;
  std::unordered_map<std::string, UnitIndex> by_id;
  std::unordered_map<std::string, std::vector<UnitIndex>> by_name;
};

OrgGraph::OrgGraph() : impl_(std::make_unique<Impl>()) {}
OrgGraph::~OrgGraph() = default;
OrgGraph::OrgGraph(OrgGraph&&) noexcept = default;
OrgGraph& OrgGraph::operator=(OrgGraph&&) noexcept = default;

namespace {

// Checks the units as a whole and builds the graph, one check a step. `lines[i]` is where
// units[i] came from; `level_ok[i]` is false where the level could not be read (already
// reported). Appends to `problems`.
class Builder {
 public:
  Builder(std::vector<Unit>& units, const std::vector<int>& lines, const std::vector<bool>& level_ok,
          const std::string& source, std::vector<InputProblem>& problems)
      : units_(units), lines_(lines), level_ok_(level_ok), source_(source), problems_(problems),
        dup_(units.size(), false), root_i_(units.size()), vertex_of_(units.size(), SIZE_MAX),
        parent_ok_(units.size(), false) {}
  void find_duplicates();
  void find_root();
  void add_vertices();
  void link_parents();
  void find_cycles();
  void check_reachable();
  // The graph and its root; only when there are no problems.
  void take(Graph& g, UnitIndex& root) {
    g = std::move(tmp_);
    root = UnitIndex(vertex_of_[root_i_]);
  }

 private:
  void bad(std::size_t i, const char* field, std::string reason) {
    problems_.push_back({source_, lines_[i], field, std::move(reason)});
  }
  bool has_root() const { return root_i_ != units_.size(); }
  void link_parent(std::size_t i);

  std::vector<Unit>& units_;
  const std::vector<int>& lines_;
  const std::vector<bool>& level_ok_;
  const std::string& source_;
  std::vector<InputProblem>& problems_;
  std::unordered_map<std::string, std::size_t> index_;  // id -> first unit with it
  std::vector<bool> dup_;
  std::size_t root_i_;  // units_.size(): none
  // The graph holds every non-duplicate unit; vertex k <-> units[vert_[k]].
  Graph tmp_;
  std::vector<std::size_t> vert_;
  std::vector<std::size_t> vertex_of_;
  std::vector<bool> parent_ok_;
  std::map<std::pair<std::size_t, std::string>, std::size_t> names_;  // (parent, name) -> unit
  std::vector<bool> in_cycle_;  // by vertex
};

void Builder::find_duplicates() {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    auto [it, fresh] = index_.emplace(units_[i].id, i);
    if (!fresh) {
      bad(i, "id", "'" + units_[i].id + "' already defined at line " + std::to_string(lines_[it->second]));
      dup_[i] = true;
    }
  }
}

// Root: the first parentless unit of kind city, else the first parentless unit.
void Builder::find_root() {
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (!dup_[i] && units_[i].parent_id.empty() &&
        (!has_root() || (units_[i].kind == UnitKind::City && units_[root_i_].kind != UnitKind::City)))
      root_i_ = i;
  if (!has_root() && !units_.empty())
    problems_.push_back({source_, 0, "parent", "no root unit (a unit with an empty parent)"});
  if (units_.empty()) problems_.push_back({source_, 0, "", "no units"});
}

void Builder::add_vertices() {
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (!dup_[i]) {
      vertex_of_[i] = boost::add_vertex(tmp_);
      tmp_[vertex_of_[i]] = units_[i];
      vert_.push_back(i);
    }
}

void Builder::link_parents() {
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (!dup_[i]) link_parent(i);
}

// The edge from a unit's parent, with its level and its name among its siblings checked.
void Builder::link_parent(std::size_t i) {
  const Unit& u = units_[i];
  if (u.parent_id.empty()) {
    if (i != root_i_ && has_root())
      bad(i, "parent", "missing; only the root ('" + units_[root_i_].id + "' at line " +
                           std::to_string(lines_[root_i_]) + ") may have no parent");
    else if (i == root_i_ && level_ok_[i] && u.level != 0)
      bad(i, "level", std::to_string(u.level) + " but the root must have level 0");
    return;
  }
  auto p = index_.find(u.parent_id);
  if (p == index_.end()) {
    bad(i, "parent", "no unit with id '" + u.parent_id + "'");
    return;
  }
  boost::add_edge(vertex_of_[p->second], vertex_of_[i], tmp_);
  parent_ok_[i] = true;
  const Unit& pu = units_[p->second];
  if (level_ok_[i] && level_ok_[p->second] && p->second != i && u.level != pu.level + 1)
    bad(i, "level", std::to_string(u.level) + " but parent '" + pu.id + "' has level " +
                        std::to_string(pu.level) + " (expected " + std::to_string(pu.level + 1) + ")");
  auto [n, fresh] = names_.emplace(std::pair{p->second, u.name}, i);
  if (!fresh)
    bad(i, "name", "'" + u.name + "' already used under '" + pu.id + "' at line " + std::to_string(lines_[n->second]));
}

// Cycles: a strongly connected component with more than one unit, or a self-parent.
void Builder::find_cycles() {
  std::vector<int> comp(boost::num_vertices(tmp_));
  int ncomp = boost::strong_components(tmp_, boost::make_iterator_property_map(
                                                 comp.begin(), boost::get(boost::vertex_index, tmp_)));
  std::vector<int> comp_size(ncomp, 0);
  for (int c : comp) ++comp_size[c];
  in_cycle_.assign(vert_.size(), false);
  for (std::size_t k = 0; k < vert_.size(); ++k) {
    std::size_t i = vert_[k];
    bool self = parent_ok_[i] && units_[i].parent_id == units_[i].id;
    if (comp_size[comp[k]] < 2 && !self) continue;
    in_cycle_[k] = true;
    // Walk up the parents from this unit around the cycle.
    std::string ring = units_[i].id;
    for (std::size_t j = index_.at(units_[i].parent_id);; j = index_.at(units_[j].parent_id)) {
      ring += " -> " + units_[j].id;
      if (j == i) break;
    }
    bad(i, "parent", "cycle: " + ring);
  }
}

// Every unit must hang from the root; those below a cycle do not.
void Builder::check_reachable() {
  if (!has_root()) return;
  std::vector<boost::default_color_type> color(boost::num_vertices(tmp_));
  auto cmap = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, tmp_));
  boost::breadth_first_search(tmp_, vertex_of_[root_i_], boost::color_map(cmap));
  for (std::size_t k = 0; k < vert_.size(); ++k) {
    std::size_t i = vert_[k];
    if (color[k] != boost::color_traits<boost::default_color_type>::white() || in_cycle_[k]) continue;
    // Report it if the break above it is a cycle; an orphan or unknown parent is
    // reported on its own line already.
    std::size_t j = i;
    while (parent_ok_[j] && !in_cycle_[vertex_of_[j]]) j = index_.at(units_[j].parent_id);
    if (parent_ok_[j]) bad(i, "parent", "not connected to the root: ancestor '" + units_[j].id + "' is in a cycle");
  }
}

// Builds into g and root only if there are no problems.
void build(std::vector<Unit>& units, const std::vector<int>& lines, const std::vector<bool>& level_ok,
           const std::string& source, std::vector<InputProblem>& problems, Graph& g, UnitIndex& root) {
  Builder b(units, lines, level_ok, source, problems);
  b.find_duplicates();
  b.find_root();
  b.add_vertices();
  b.link_parents();
  b.find_cycles();
  b.check_reachable();
  if (problems.empty()) b.take(g, root);
}

}  // namespace

OrgGraph OrgGraph::from_units(std::vector<Unit> units, std::string_view source) {
  std::vector<InputProblem> problems;
  std::vector<int> lines(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) lines[i] = int(i + 1);
  std::string src(source);
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!valid_id(units[i].id)) problems.push_back({src, lines[i], "id", "'" + units[i].id + "' is not a valid id"});
    if (units[i].name.empty()) problems.push_back({src, lines[i], "name", "missing"});
    if (units[i].kind == UnitKind::Count) problems.push_back({src, lines[i], "kind", "not a unit kind"});
  }
  std::vector<bool> level_ok(units.size(), true);
  OrgGraph out;
  build(units, lines, level_ok, src, problems, out.impl_->g, out.impl_->root);
  if (!problems.empty()) throw InputError(std::move(problems));
  for (UnitIndex u = 0; u < out.size(); ++u) {
    out.impl_->by_id.emplace(out.unit(u).id, u);
    out.impl_->by_name[out.unit(u).name].push_back(u);
  }
  return out;
}

namespace {
OrgGraph load_from(CsvReader& csv) {
  const std::string& file = csv.name();
  std::vector<InputProblem> problems;
  std::vector<std::string_view> f;
  std::string expected;
  for (const char* c : kColumns) expected += (expected.empty() ? "" : ",") + std::string(c);
  if (!csv.next(f)) throw InputError(file, 0, "header", "empty file; expected " + expected);
  bool header_ok = int(f.size()) == kNumColumns;
  for (int c = 0; header_ok && c < kNumColumns; ++c) header_ok = f[c] == kColumns[c];
  if (!header_ok) throw InputError(file, csv.line(), "header", "expected " + expected);

  std::vector<Unit> units;
  std::vector<int> lines;
  std::vector<bool> level_ok;
  while (csv.next(f)) {
    int line = csv.line();
    auto bad = [&](const char* field, std::string reason) {
      problems.push_back({file, line, field, std::move(reason)});
    };
    if (int(f.size()) != kNumColumns) {
      bad("row", std::to_string(f.size()) + " fields, expected " + std::to_string(kNumColumns) +
                     " (" + expected + ")");
      continue;
    }
    Unit u;
    u.id = std::string(f[0]);
    u.name = std::string(f[1]);
    u.parent_id = std::string(f[4]);
    u.note = std::string(f[8]);
    if (u.id.empty()) {
      bad("id", "missing");
      continue;  // cannot take part in the graph checks
    }
    if (!valid_id(u.id)) bad("id", "'" + u.id + "' may hold only letters, digits, '_', '-' and '.'");
    if (u.name.empty()) bad("name", "missing");
    if (f[2].empty())
      bad("kind", "missing; expected " + enum_keys<UnitKind>());
    else if (auto k = enum_from<UnitKind>(f[2]))
      u.kind = *k;
    else
      bad("kind", "'" + std::string(f[2]) + "' is not one of " + enum_keys<UnitKind>());
    bool lok = f[3].size() == 1 && f[3][0] >= '0' && f[3][0] <= '9';
    if (lok)
      u.level = f[3][0] - '0';
    else
      bad("level", f[3].empty() ? std::string("missing") : "'" + std::string(f[3]) + "' is not a level 0-9");
    bool* flags[] = {&u.utility, &u.vertical, &u.synthetic};
    for (int c = 5; c <= 7; ++c) {
      if (f[c] == "1") *flags[c - 5] = true;
      else if (!f[c].empty() && f[c] != "0")
        bad(kColumns[c], "'" + std::string(f[c]) + "' is not 0 or 1");
    }
    units.push_back(std::move(u));
    lines.push_back(line);
    level_ok.push_back(lok);
  }
  OrgGraph out;
  std::vector<InputProblem> graph_problems;
  Graph g;
  UnitIndex root = kNoUnit;
  build(units, lines, level_ok, file, graph_problems, g, root);
  problems.insert(problems.end(), graph_problems.begin(), graph_problems.end());
  std::stable_sort(problems.begin(), problems.end(),
                   [](const InputProblem& a, const InputProblem& b) { return a.line < b.line; });
  if (!problems.empty()) throw InputError(std::move(problems));
  // Valid: rebuild through from_units so that the indexes are filled in one place.
  return OrgGraph::from_units(std::move(units), file);
}
}  // namespace

OrgGraph OrgGraph::load_csv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot open unit file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_csv_text(text.str(), file.string());
}

OrgGraph OrgGraph::load_csv_text(std::string text, std::string name) {
  // Comment lines ('#') before the header are emptied, keeping the line numbers.
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (pos < text.size() && text[pos] == '#') {
    std::size_t nl = text.find('\n', pos);
    text.erase(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = pos + 1;  // past the kept '\n'
  }
  CsvReader csv(std::move(text), std::move(name));
  return load_from(csv);
}

std::size_t OrgGraph::size() const { return boost::num_vertices(impl_->g); }

const Unit& OrgGraph::unit(UnitIndex u) const {
  assert(u < size());
  return impl_->g[u];
}

UnitIndex OrgGraph::root() const { return impl_->root; }

UnitIndex OrgGraph::find_id(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  return it == impl_->by_id.end() ? kNoUnit : it->second;
}

std::vector<UnitIndex> OrgGraph::find_all_names(std::string_view name) const {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t slash = name.find('/', start);
    parts.push_back(name.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  auto it = impl_->by_name.find(std::string(parts.back()));
  if (it == impl_->by_name.end()) return {};
  std::vector<UnitIndex> out;
  for (UnitIndex u : it->second) {
    // The qualifying parts must name ancestors, nearest last.
    std::size_t k = parts.size() - 1;
    for (UnitIndex a = parent(u); k > 0 && a != kNoUnit; a = parent(a))
      if (unit(a).name == parts[k - 1]) --k;
    if (k == 0) out.push_back(u);
  }
  return out;
}

UnitIndex OrgGraph::find_name(std::string_view name) const {
  std::vector<UnitIndex> all = find_all_names(name);
  if (all.empty()) return kNoUnit;
  if (all.size() == 1) return all[0];
  std::vector<std::string> paths;
  for (UnitIndex u : all) paths.push_back(path_text(u) + " (" + unit(u).id + ")");
  throw AmbiguousUnitError(std::string(name), std::move(paths));
}

UnitIndex OrgGraph::find(std::string_view id_or_name) const {
  UnitIndex u = find_id(id_or_name);
  return u != kNoUnit ? u : find_name(id_or_name);
}

std::string OrgGraph::path_text(UnitIndex u, std::string_view sep) const {
  std::vector<UnitIndex> up = ancestors(u);
  std::string out;
  for (auto it = up.rbegin(); it != up.rend(); ++it) out += unit(*it).name + std::string(sep);
  return out + unit(u).name;
}

UnitIndex OrgGraph::parent(UnitIndex u) const {
  auto [b, e] = boost::in_edges(u, impl_->g);
  return b == e ? kNoUnit : UnitIndex(boost::source(*b, impl_->g));
}

UnitIndex OrgGraph::district_of(UnitIndex u) const {
  for (; u != kNoUnit; u = parent(u))
    if (unit(u).kind == UnitKind::District || unit(u).kind == UnitKind::Zone) return u;
  return kNoUnit;
}

std::vector<UnitIndex> OrgGraph::ancestors(UnitIndex u) const {
  std::vector<UnitIndex> out;
  for (UnitIndex a = parent(u); a != kNoUnit; a = parent(a)) out.push_back(a);
  return out;
}

std::vector<UnitIndex> OrgGraph::children(UnitIndex u) const {
  std::vector<UnitIndex> out;
  for (auto [b, e] = boost::out_edges(u, impl_->g); b != e; ++b)
    out.push_back(UnitIndex(boost::target(*b, impl_->g)));
  return out;
}

std::vector<UnitIndex> OrgGraph::children_of_kind(UnitIndex u, UnitKind kind) const {
  std::vector<UnitIndex> out = children(u);
  std::erase_if(out, [&](UnitIndex c) { return unit(c).kind != kind; });
  return out;
}

std::vector<UnitIndex> OrgGraph::path(UnitIndex a, UnitIndex b) const {
  // Up from a to the lowest common ancestor, then down to b.
  std::vector<UnitIndex> up_a = ancestors(a), up_b = ancestors(b);
  up_a.insert(up_a.begin(), a);
  up_b.insert(up_b.begin(), b);
  while (up_a.size() > 1 && up_b.size() > 1 && up_a[up_a.size() - 2] == up_b[up_b.size() - 2]) {
    up_a.pop_back();
    up_b.pop_back();
  }
  // Now up_a.back() == up_b.back() is the common ancestor (both chains end at the root).
  std::vector<UnitIndex> out(up_a.begin(), up_a.end());
  out.insert(out.end(), up_b.rbegin() + 1, up_b.rend());
  return out;
}

}  // namespace hotline
