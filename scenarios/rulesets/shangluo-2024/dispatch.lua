-- Dispatch catalog (派单目录) and return review for Shangluo [SL24 §11, §14].
-- 属地管理优先: matters of a place go to its county/district government, which forwards them
-- inside its own platform [SL24 §4, §11(二)]; 谁主管谁负责: the competent city department or
-- utility otherwise; vertically managed bodies at city level [SL24 §11(二)].
-- Hit policy unique: a category is in at most one row. `to` is street, district,
-- district_department, unit, utility, vertical, city or unclear; `class` picks the deadline class.
local locality = "[SL24 §11(二)] 属地管理优先"
local competent = "[SL24 §11(二)] 谁主管、谁负责"

return {
  hit = "unique",
  catalog = {
    -- 住房城乡建设: 水电气暖、房地产、城市建设 (13.83% of Jan 2025 tickets)
    { id = "water",        category = "供水",     to = "utility",  unit = "zlsgs", class = "utility", clause = competent },
    { id = "power",        category = "供电",     to = "utility",  unit = "gwgd",  class = "utility", clause = competent },
    { id = "gas",          category = "供气",     to = "utility",  unit = "trqgs", class = "utility", clause = competent },
    { id = "heating",      category = "供暖",     to = "district", class = "utility", clause = locality },
    { id = "property",     category = "物业管理", to = "district", clause = locality },
    { id = "housing",      category = "房产交易", to = "unit", unit = "fgj", clause = competent },
    { id = "registration", category = "不动产登记", to = "unit", unit = "bdcdjzx", clause = competent },
    { id = "construction", category = "建筑施工", to = "district", clause = locality },
    { id = "municipal",    category = "市政设施", to = "unit", unit = "cgj", clause = competent },
    { id = "cityscape",    category = "市容环境", to = "district", clause = locality },
    -- 人资社保: 工资福利、社会保险、劳动保障监察 (10.11%)
    { id = "wages",        category = "欠薪",     to = "district", clause = locality },
    { id = "social_insurance", category = "社会保险", to = "district", clause = locality },
    { id = "employment",   category = "就业创业", to = "district", clause = locality },
    { id = "medical_insurance", category = "医疗保障", to = "unit", unit = "ybj", clause = competent },
    -- 公共安全: 社会治安、交通管理、户政管理 (8.29%)
    { id = "public_order", category = "社会治安", to = "district", clause = locality },
    { id = "traffic",      category = "交通管理", to = "unit", unit = "gaj-jjzd", clause = competent },
    { id = "household",    category = "户政管理", to = "district", clause = locality },
    -- 农业农村: 农民权益、农村建设、农村水电 (7.15%)
    { id = "farmers",      category = "农民权益", to = "district", clause = locality },
    { id = "rural",        category = "农村建设", to = "district", clause = locality },
    -- 农村水电: a town's own supply is the locality's; in a city street it is the water company's.
    { id = "rural_utilities", category = "农村水电", to = "district", class = "utility", clause = locality,
      choose = function(t)
        if t.street and hotline.org.kind(t.street) == "street" then return "water" end
      end },
    -- 交通运输: 高速公路、城市客运、道路运输 (6.98%)
    { id = "road_transport", category = "道路运输", to = "unit", unit = "jtj", clause = competent },
    { id = "city_bus",     category = "城市客运", to = "unit", unit = "jtj", clause = competent },
    { id = "expressway",   category = "高速公路", to = "unit", unit = "jtgs", clause = competent },
    -- Other matters of the bulletin's units
    { id = "mobile",       category = "移动通信", to = "utility", unit = "ydgs", clause = competent },
    { id = "unicom",       category = "联通通信", to = "utility", unit = "ltgs", clause = competent },
    { id = "telecom",      category = "电信通信", to = "utility", unit = "dxgs", clause = competent },
    { id = "cable",        category = "广电网络", to = "utility", unit = "gdwl", clause = competent },
    { id = "post",         category = "快递邮政", to = "vertical", unit = "yzglj", clause = "[SL24 §11(二)] 垂直管理单位转派至市一级" },
    { id = "consumer",     category = "消费维权", to = "district", clause = locality },
    { id = "environment",  category = "环境污染", to = "district", clause = locality },
    { id = "education",    category = "教育",     to = "district", clause = locality },
    { id = "health",       category = "医疗服务", to = "unit", unit = "wjw", clause = competent },
    { id = "insurance",    category = "保险理赔", to = "unit", unit = "bxxh", clause = competent },
    { id = "finance",      category = "金融服务", to = "unit", unit = "jrb", clause = competent },
    { id = "legal_aid",    category = "法律服务", to = "unit", unit = "sfj", clause = competent },
    { id = "tourism",      category = "文化旅游", to = "unit", unit = "wlj", clause = competent },
  },
  -- A category outside the catalog: the locality first [SL24 §11(二)].
  unmatched = { id = "unmatched", to = "district", clause = locality },

  -- Return review (退单审核) [SL24 §14]: the window is deadlines.lua's return_window; the
  -- first refusal that applies decides; none applies -> accepted and re-dispatched.
  returns = {
    accept = { id = "accepted", clause = "[SL24 §14] 理由充分、确需撤回的，重新批转" },
    refuse = {
      { id = "late",         when = "late", clause = "[SL24 §14] 1个工作日内（紧急求助类30分钟内）申请退回" },
      { id = "no_reason",    when = "no_reason_or_basis", clause = "[SL24 §14(六)]" },
      { id = "no_suggestion", when = "no_suggested_unit", clause = "[SL24 §14] 说明建议转办的部门或渠道" },
      { id = "weak_reason",  when = "reason_insufficient", clause = "[SL24 §14(五)]" },
      { id = "own_duty",     when = "own_duty_temporarily_impossible", clause = "[SL24 §14(一)]" },
      { id = "joint_meeting", when = "assigned_by_joint_meeting", clause = "[SL24 §14(二)]" },
      { id = "repeat",       when = "returned_before_without_new_reason", clause = "[SL24 §14(三)]" },
      { id = "knowledge_base", when = "answer_in_knowledge_base", clause = "[SL24 §14(四)]" },
      { id = "minor_mismatch", when = "registration_minor_mismatch", clause = "[SL24 §14(七)]" },
      { id = "verify",       when = "needs_verification", clause = "[SL24 §14(八)]" },
    },
  },
}

