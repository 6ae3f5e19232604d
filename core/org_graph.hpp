// The organisation graph of handling units (承办单位) on Boost.Graph: city, districts and
// zones, streets and towns, with departments, vertical bodies and utilities beside them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"

namespace hotline {

// A name that several units share (e.g. 城关街道 in four counties), with every candidate.
class AmbiguousUnitError : public std::invalid_argument {
 public:
  AmbiguousUnitError(std::string name, std::vector<std::string> candidate_paths);
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  std::vector<std::string> candidates_;
};

using UnitIndex = std::uint32_t;  // dense index into the graph, stable for one load
inline constexpr UnitIndex kNoUnit = UINT32_MAX;

struct Unit {
  std::string id;         // stable id, e.g. "shangzhou"
  std::string name;       // Chinese name, e.g. "商州区"
  UnitKind kind = UnitKind::Other;
  int level = 0;          // 0 city, 1 district/department, 2 street/town ...
  std::string parent_id;  // empty only for the root
  bool utility = false;   // water, power, gas, heating, telecom: dispatched to directly
  bool vertical = false;  // vertically managed: dispatched to the city-level unit
  bool synthetic = false; // generated, not from a public source
  std::string note;       // source or remark (free text)
};

class OrgGraph {
 public:
  OrgGraph();
  ~OrgGraph();
  OrgGraph(OrgGraph&&) noexcept;
  OrgGraph& operator=(OrgGraph&&) noexcept;

  // Loads units from CSV (docs/org.md). Validates every row and throws one InputError
  // listing each problem as file:line: field: reason (bad header, missing field, bad kind
  // or level, duplicate id, duplicate name under one parent, unknown parent, level not
  // parent's + 1, cycle, orphan, no root).
  static OrgGraph load_csv(const std::filesystem::path& file);
  // As load_csv, from text in memory; `name` stands for the file in messages.
  static OrgGraph load_csv_text(std::string text, std::string name);
  // Builds from units already in memory (e.g. from Lua data) with the same checks;
  // `source` names them in errors and the "line" is the 1-based position in `units`.
  static OrgGraph from_units(std::vector<Unit> units, std::string_view source);

  std::size_t size() const;
  const Unit& unit(UnitIndex u) const;
  UnitIndex root() const;

  UnitIndex find_id(std::string_view id) const;    // kNoUnit if absent
  // Every unit with this name. A name may be qualified by ancestors' names joined with
  // '/', e.g. "商州区/城关街道" (each part the name of some ancestor, nearest last).
  std::vector<UnitIndex> find_all_names(std::string_view name) const;
  // The one unit with this (possibly qualified) name; kNoUnit if none; throws
  // AmbiguousUnitError listing the candidates' paths if several.
  UnitIndex find_name(std::string_view name) const;
  // An id first, else a name as find_name.
  UnitIndex find(std::string_view id_or_name) const;
  // Names from the root down to u joined by `sep`: "商洛市12345热线 / 商州区 / 城关街道".
  std::string path_text(UnitIndex u, std::string_view sep = " / ") const;

  UnitIndex parent(UnitIndex u) const;  // kNoUnit for the root
  // The district/county government or zone a unit belongs to: u itself if it is one,
  // else its nearest such ancestor; kNoUnit for city-level units.
  UnitIndex district_of(UnitIndex u) const;
  // Parent, grandparent ... up to and including the root.
  std::vector<UnitIndex> ancestors(UnitIndex u) const;
  std::vector<UnitIndex> children(UnitIndex u) const;  // in input order
  std::vector<UnitIndex> children_of_kind(UnitIndex u, UnitKind kind) const;
  // Units on the tree path from a to b, both included.
  std::vector<UnitIndex> path(UnitIndex a, UnitIndex b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline
