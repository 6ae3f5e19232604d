-- Evaluation for the Xi'an plan: response, resolution and satisfaction rates at the core,
-- monthly bulletin (月通报) [XA23 四(四)]; tiered, class-based [GB25 (六)]. The plan names the
-- three indicators without weights: equal weights are this set's parameter.
return {
  composite = {
    id = "composite",
    weights = { response = 1 / 3, resolution = 1 / 3, satisfaction = 1 / 3 },
    basic_satisfied = 0.9,
    clause = "[XA23 四(四)] 以响应率、解决率、满意率为核心",
  },
  classes = {
    { id = "county", title = "各区县政府", title_en = "County and district governments",
      kinds = { "district", "zone" }, clause = "[GB25 (六)]",
      tiers = { { name = "A", min = 95 }, { name = "B", min = 85 }, { name = "C", min = 0 } } },
    { id = "department", title = "市级部门和公共服务单位", title_en = "City departments and public bodies",
      kinds = { "department", "vertical", "utility", "other", "district_department", "city" }, clause = "[GB25 (六)]",
      tiers = { { name = "A", min = 95 }, { name = "B", min = 85 }, { name = "C", min = 0 } } },
  },
  bulletin = {
    id = "bulletin",
    columns = { "unit", "handled", "response_rate", "resolution_rate", "satisfaction", "composite", "tier" },
    sort = { { column = "composite", order = "desc" } },
    groups = { "county", "department" },
    clause = "[XA23 四(四)] 月通报",
  },
}
