-- Rule tests: core indicators with equal weights, tiers and the monthly bulletin
-- [XA23 四(四), GB25 (六)]. Counts are test inputs.
local counts = {
  { unit = "shangzhou", handled = 10, on_time = 10, late = 0, satisfied = 9, basic = 1 },
  { unit = "luonan", handled = 10, accepted_in_time = 5, on_time = 6, late = 4, resolved = 8 },
  { unit = "zlsgs", handled = 20, on_time = 20, late = 0, satisfied = 10, unsatisfied = 10 },
}
return {
  { name = "the monthly bulletin shows the three core rates", clause = "[XA23 四(四)]",
    counts = counts,
    expect = { headers = { "联动单位", "承办件数", "响应率", "解决率", "群众满意度", "综合得分", "档次" },
               rows = { { "商州区", "10", "100%", "100%", "100%", "99.67", "A" }, { "洛南县", "10", "50%", "80%", "/", "65.00", "C" } } } },
  { name = "units rank by composite within their class", clause = "[XA23 四(四), GB25 (六)]",
    counts = counts, expect = { order = { "shangzhou", "luonan", "zlsgs" } } },
  { name = "equal weights with 基本满意 as 0.9", clause = "[XA23 四(四)]",
    counts = counts, expect = { composite = { { unit = "shangzhou", value = 99.6667 }, { unit = "zlsgs", value = 83.3333 } },
                                tier = { { unit = "zlsgs", name = "C" }, { unit = "shangzhou", name = "A" } } } },
}
