-- Rule tests: the dispatch catalog [SL24 §11].
local function t(category, fields)
  local ticket = { type = "help", category = category, district = "shangzhou", dispatched = "2025-03-03 10:00" }
  for k, v in pairs(fields or {}) do ticket[k] = v end
  return ticket
end
return {
  { name = "a locality matter goes to its county government", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("物业管理", { district = "shanyang" }), expect = { lead = "shanyang", rule = "dispatch.property" } },
  { name = "a street named within its district resolves to that district", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("欠薪", { district = "镇安县", street = "永乐街道" }), expect = { lead = "zhenan" } },
  { name = "water goes to the water company", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("供水"), expect = { lead = "zlsgs", rule = "dispatch.water", co = {}, copied = {} } },
  { name = "power goes to the grid company", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("供电"), expect = { lead = "gwgd" } },
  { name = "gas goes to the gas company", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("供气"), expect = { lead = "trqgs" } },
  { name = "heating without a heating company goes to the locality", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("供暖", { district = "luonan" }), expect = { lead = "luonan" } },
  { name = "a vertically managed body is dispatched at city level", clause = "[SL24 §11(二)] 垂直管理单位转派至市一级",
    ticket = t("快递邮政"), expect = { lead = "yzglj", rule = "dispatch.post" } },
  { name = "traffic management goes to the traffic police detachment", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("交通管理"), expect = { lead = "gaj-jjzd" } },
  { name = "rural water and power in a town stays with the locality", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("农村水电", { street = "sz-shahezi" }), expect = { lead = "shangzhou", rule = "dispatch.rural_utilities" } },
  { name = "rural water and power in a city street goes to the water company", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("农村水电", { district = "洛南县", street = "城关街道" }), expect = { lead = "zlsgs", rule = "dispatch.water" } },
  { name = "a category outside the catalog goes to the locality", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("噪声扰民", { district = "zhashui" }), expect = { lead = "zhashui", rule = "dispatch.unmatched" } },
  { name = "without a place a locality matter goes to the city platform", clause = "[SL24 §11(二)] 属地管理优先",
    ticket = t("物业管理", { district = "" }), expect = { lead = "shangluo" } },
  { name = "telecom complaints go to the operator", clause = "[SL24 §11(二)] 谁主管、谁负责",
    ticket = t("联通通信", { type = "complaint" }), expect = { lead = "ltgs" } },
  { name = "every decision carries its revision and a clause on every step", clause = "[SL24 §11]",
    ticket = t("市政设施"), expect = { lead = "cgj", rule = { "intake.ticket", "dispatch.municipal", "deadlines.reply.other_types" } } },
}
