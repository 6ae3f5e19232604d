// The organisation graph of handling units (承办单位) on Boost.Graph: city, districts and
// zones, streets and towns, with departments, vertical bodies and utilities beside them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"

namespace hotline {

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
};

class OrgGraph {
 public:
  OrgGraph();
  ~OrgGraph();
  OrgGraph(OrgGraph&&) noexcept;
  OrgGraph& operator=(OrgGraph&&) noexcept;

  // Loads units from CSV (docs/org.md). Validates every row and throws one InputError
  // listing each problem as file:line: field: reason (duplicate id, unknown parent, cycle,
  // orphan, bad kind ...).
  static OrgGraph load_csv(const std::filesystem::path& file);
  // Builds from units already in memory (e.g. from Lua data); `source` names them in errors.
  static OrgGraph from_units(std::vector<Unit> units, std::string_view source);

  std::size_t size() const;
  const Unit& unit(UnitIndex u) const;
  UnitIndex root() const;

  UnitIndex find_id(std::string_view id) const;    // kNoUnit if absent
  UnitIndex find_name(std::string_view name) const;
  UnitIndex find(std::string_view id_or_name) const;

  UnitIndex parent(UnitIndex u) const;  // kNoUnit for the root
  // The district/county government (or zone) a unit belongs to; kNoUnit if none.
  UnitIndex district_of(UnitIndex u) const;
  // Parent, grandparent ... up to and including the root.
  std::vector<UnitIndex> ancestors(UnitIndex u) const;
  std::vector<UnitIndex> children(UnitIndex u) const;
  std::vector<UnitIndex> children_of_kind(UnitIndex u, UnitKind kind) const;
  // Units on the tree path from a to b, both included.
  std::vector<UnitIndex> path(UnitIndex a, UnitIndex b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline
