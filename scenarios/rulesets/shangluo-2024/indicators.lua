-- Indicators, the tiered class-based evaluation and the bulletin layout for Shangluo
-- [SL24 §31, bulletin 2025-01; GB25 (六)]. Lua gives parameters only: C++ aggregates the
-- per-unit counts of a period and computes the rates.
return {
  -- Weighted composite (one known district tool: 0.1 response + 0.5 resolution +
  -- 0.4 satisfaction, 基本满意 counted as 0.9). Weights must add up to 1.
  composite = {
    id = "composite",
    weights = { response = 0.1, resolution = 0.5, satisfaction = 0.4 },
    basic_satisfied = 0.9,
    clause = "[SL24 §31] 运行评价指标体系",
  },

  -- 分档分类评价 [GB25 (六)]: units are ranked within their class; tier minimums (composite
  -- score 0..100) are this set's parameters, not numbers from the documents.
  classes = {
    { id = "county", title = "各区县政府（以按期办结率排序）", title_en = "County and district governments (by on-time rate)",
      kinds = { "district", "zone" }, clause = "[GB25 (六)]",
      tiers = { { name = "好", min = 95 }, { name = "较好", min = 90 }, { name = "一般", min = 80 }, { name = "较差", min = 0 } } },
    { id = "department", title = "市级部门（以按期办结率排序）", title_en = "City departments and bodies (by on-time rate)",
      kinds = { "department", "vertical", "utility", "other", "district_department", "city" }, clause = "[GB25 (六)]",
      tiers = { { name = "好", min = 95 }, { name = "较好", min = 90 }, { name = "一般", min = 80 }, { name = "较差", min = 0 } } },
  },

  -- The January 2025 bulletin: 联动单位, 承办件数, 按期办结数, 逾期办结数, 按期办结率,
  -- 逾期未办数, 群众满意度; county governments first, then city departments, each sorted by
  -- on-time rate [SL24 bulletin].
  bulletin = {
    id = "bulletin",
    columns = { "unit", "handled", "on_time", "late", "on_time_rate", "overdue_open", "satisfaction" },
    sort = { { column = "on_time_rate", order = "desc" } },
    groups = { "county", "department" },
    clause = "[SL24 bulletin 2025-01]",
  },
}
