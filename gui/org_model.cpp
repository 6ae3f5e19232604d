// View model of the organisation window: flattened unit tree, filter, selection, detail.
#include "gui/org_model.hpp"

#include <array>
#include <utility>

namespace hotline::gui {

OrgTreeModel::OrgTreeModel(OrgGraph graph)
    : graph_(std::move(graph)), expanded_(graph_.size(), 0), keep_(graph_.size(), 1) {
  children_.resize(graph_.size());
  for (UnitIndex u = 0; u < graph_.size(); ++u) children_[u] = graph_.children(u);
  if (graph_.size()) expanded_[graph_.root()] = 1;
}

void OrgTreeModel::set_expanded(UnitIndex u, bool on) {
  expanded_[u] = on;
  dirty_ = true;
}

void OrgTreeModel::expand_all() {
  std::fill(expanded_.begin(), expanded_.end(), 1);
  dirty_ = true;
}

void OrgTreeModel::collapse_all() {
  std::fill(expanded_.begin(), expanded_.end(), 0);
  if (graph_.size()) expanded_[graph_.root()] = 1;
  dirty_ = true;
}

bool OrgTreeModel::matches(UnitIndex u) const {
  if (filter_.empty()) return true;
  const Unit& unit = graph_.unit(u);
  return unit.name.find(filter_) != std::string::npos || unit.id.find(filter_) != std::string::npos;
}

void OrgTreeModel::set_filter(std::string_view text) {
  if (text == filter_) return;
  filter_ = text;
  dirty_ = true;
  if (filter_.empty()) {
    std::fill(keep_.begin(), keep_.end(), 1);
    return;
  }
  std::fill(keep_.begin(), keep_.end(), 0);
  for (UnitIndex u = 0; u < graph_.size(); ++u) {
    if (!matches(u)) continue;
    keep_[u] = 1;
    for (UnitIndex a : graph_.ancestors(u)) keep_[a] = 1;
  }
}

void OrgTreeModel::select(UnitIndex u) {
  selected_ = u;
  if (u == kNoUnit) return;
  for (UnitIndex a : graph_.ancestors(u)) expanded_[a] = 1;
  dirty_ = true;
}

void OrgTreeModel::add_rows(UnitIndex u, int depth) {
  if (!keep_[u]) return;
  bool open = expanded_[u] || !filter_.empty();
  rows_.push_back(OrgRow{u, depth, !children_[u].empty(), open, matches(u)});
  if (!open) return;
  for (UnitIndex c : children_[u]) add_rows(c, depth + 1);
}

const std::vector<OrgRow>& OrgTreeModel::rows() {
  if (dirty_) {
    rows_.clear();
    if (graph_.size()) add_rows(graph_.root(), 0);
    dirty_ = false;
  }
  return rows_;
}

int OrgTreeModel::selected_row() {
  const auto& r = rows();
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r[i].unit == selected_) return int(i);
  return -1;
}

UnitDetail OrgTreeModel::detail(UnitIndex u) const {
  UnitDetail d;
  d.path = graph_.path_text(u);
  d.parent = graph_.parent(u);
  d.district = graph_.district_of(u);
  d.children = children_[u].size();
  std::array<std::size_t, std::size_t(UnitKind::Count)> counts{};
  for (UnitIndex c : children_[u]) ++counts[std::size_t(graph_.unit(c).kind)];
  for (std::size_t k = 0; k < counts.size(); ++k)
    if (counts[k]) d.children_by_kind.emplace_back(UnitKind(k), counts[k]);
  std::vector<UnitIndex> stack(children_[u]);
  while (!stack.empty()) {
    UnitIndex c = stack.back();
    stack.pop_back();
    ++d.descendants;
    stack.insert(stack.end(), children_[c].begin(), children_[c].end());
  }
  return d;
}

std::size_t OrgTreeModel::set_figures(const std::vector<UnitFigures>& figures, std::string source) {
  figures_.clear();
  figure_of_.assign(graph_.size(), -1);
  figures_source_ = std::move(source);
  std::size_t unknown = 0;
  for (const UnitFigures& f : figures) {
    const UnitIndex u = graph_.find_id(f.id);
    if (u == kNoUnit) {
      ++unknown;
      continue;
    }
    figure_of_[u] = std::int32_t(figures_.size());
    figures_.push_back(f);
  }
  return unknown;
}

const UnitFigures* OrgTreeModel::figures(UnitIndex u) const {
  if (u >= figure_of_.size() || figure_of_[u] < 0) return nullptr;
  return &figures_[std::size_t(figure_of_[u])];
}

std::optional<double> OrgTreeModel::value(UnitIndex u) const {
  const UnitFigures* f = figures(u);
  if (!f || f->counts.handled <= 0 || metric_ == OrgMetric::None) return std::nullopt;
  return metric_ == OrgMetric::Workload ? double(f->counts.handled) : f->indicators.on_time_rate;
}

Range OrgTreeModel::value_range() const {
  Range r;
  for (UnitIndex u = 0; u < figure_of_.size(); ++u)
    if (auto v = value(u)) r.include(*v);
  return r;
}

std::optional<double> OrgTreeModel::shade(UnitIndex u) const {
  auto v = value(u);
  if (!v) return std::nullopt;
  const Range r = value_range();
  return r.hi > r.lo ? (*v - r.lo) / (r.hi - r.lo) : 1.0;
}

}  // namespace hotline::gui
