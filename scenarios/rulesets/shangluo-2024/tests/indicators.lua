-- Rule tests: the bulletin of January 2025 and the weighted, tiered evaluation
-- [SL24 bulletin 2025-01, §31; GB25 (六)]. Counts are the bulletin's; the split of
-- satisfaction into 满意/基本满意 and the response/resolution counts are test inputs.
local counts = {
  { unit = "shangzhou", handled = 1043, on_time = 1043, late = 0, overdue_open = 0, satisfied = 180, basic = 14, unsatisfied = 9 },
  { unit = "luonan", handled = 967, on_time = 967, late = 0, overdue_open = 0, satisfied = 300, unsatisfied = 12 },
  { unit = "ltgs", handled = 9, on_time = 3, late = 1, overdue_open = 5, resolved = 2, satisfied = 1 },
  { unit = "dxgs", handled = 17, on_time = 16, late = 1, overdue_open = 0, satisfied = 5 },
  { unit = "jrb", handled = 1, on_time = 0, late = 0, overdue_open = 1 },
  { unit = "ydgs", handled = 27, on_time = 16, late = 11, overdue_open = 0, accepted_in_time = 20, satisfied = 18, unsatisfied = 1 },
}
return {
  { name = "the bulletin has the January 2025 columns", clause = "[SL24 bulletin 2025-01]",
    counts = counts,
    expect = { headers = { "联动单位", "承办件数", "按期办结数", "逾期办结数", "按期办结率", "逾期未办数", "群众满意度" } } },
  { name = "county governments come first, then departments by on-time rate", clause = "[SL24 bulletin 2025-01]",
    counts = counts,
    expect = { order = { "shangzhou", "luonan", "dxgs", "ydgs", "ltgs", "jrb" } } },
  { name = "bulletin rows match the published figures", clause = "[SL24 bulletin 2025-01]",
    counts = counts,
    expect = { rows = {
      { "商州区", "1043", "1043", "0", "100%", "0", "95.57%" },
      { "市移动公司", "27", "16", "11", "59.26%", "0", "94.74%" },
      { "市联通公司", "9", "3", "1", "33.33%", "5", "100%" },
      { "市电信公司", "17", "16", "1", "94.12%", "0", "100%" },
      { "市金融办", "1", "0", "0", "0%", "1", "/" } } } },
  { name = "the composite weighs 0.1 response, 0.5 resolution, 0.4 satisfaction with 基本满意 as 0.9", clause = "[SL24 §31]",
    counts = counts,
    expect = { composite = { { unit = "shangzhou", value = 97.9507 }, { unit = "ydgs", value = 95.3021 }, { unit = "ltgs", value = 75 },
                             { unit = "jrb", value = 16.6667 } } } },
  { name = "units are tiered within their class", clause = "[GB25 (六)]",
    counts = counts,
    expect = { tier = { { unit = "shangzhou", name = "好" }, { unit = "ltgs", name = "较差" }, { unit = "jrb", name = "较差" } } } },
}
