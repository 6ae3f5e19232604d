-- Dispatch for the Xi'an plan [XA23 三(一), 三(二), 二(一), 二(二)]:
-- the four-step ladder (直派基层、上级兜底):
--   1 street/town duty      -> straight to the street (越级调度: the city platform skips the district)
--   2 district government    -> the district government
--   3 department/public body -> all at once, one lead (主办) and co-handlers (协办)
--   4 unclear responsibility -> the district coordinates; unresolved -> the city (escalation.lua)
-- 双派: a street ticket is copied to its district [三(二)1]; a department ticket that also
-- concerns a locality names the locality as co-handler [三(二)2].
-- 水电气热 go straight to the utility [二(一)].
local step1 = "[XA23 三(一)1] 属于街道（镇）责任范围的直派街道（镇）"
local step2 = "[XA23 三(一)2] 属于区县政府责任范围的向区县政府派单"
local step3 = "[XA23 三(一)3, 三(二)2] 主办单位和协办单位同时派单，属地作为协办"
local step4 = "[XA23 三(一)4] 权责不明由区县政府协调，仍难解决上报市级联席会议"
local utility = "[XA23 二(一)] 水电气热由市级热线平台直派相关企业"
local skip = "[XA23 二(二)1] 越级调度：根据事项和部门权责越级直接分派"

return {
  hit = "unique",
  catalog = {
    { id = "water",   category = "供水", to = "utility", unit = "zlsgs", class = "utility", clause = utility },
    { id = "power",   category = "供电", to = "utility", unit = "gwgd",  class = "utility", clause = utility },
    { id = "gas",     category = "供气", to = "utility", unit = "trqgs", class = "utility", clause = utility },
    { id = "heating", category = "供暖", to = "district", class = "utility", clause = utility .. "; no heating company: the district" },
    -- step 1: street and town duties
    { id = "property",  category = "物业管理", to = "street", clause = step1 },
    { id = "cityscape", category = "市容环境", to = "street", clause = step1 },
    { id = "public_order", category = "社会治安", to = "street", clause = step1 },
    { id = "farmers",   category = "农民权益", to = "street", clause = step1 },
    { id = "rural",     category = "农村建设", to = "street", clause = step1 },
    { id = "neighbours", category = "邻里纠纷", to = "street", clause = step1 },
    { id = "rural_utilities", category = "农村水电", to = "street", class = "utility", clause = step1,
      choose = function(t)
        -- a city street's water is the water company's (utility direct); a town's stays local
        if t.street and hotline.org.kind(t.street) == "street" then return "water" end
      end },
    -- step 2: district government
    { id = "education",   category = "教育", to = "district", clause = step2 },
    { id = "environment", category = "环境污染", to = "district", clause = step2 },
    { id = "construction", category = "建筑施工", to = "district", clause = step2 },
    { id = "household",   category = "户政管理", to = "district", clause = step2 },
    -- step 3: district departments with the street as co-handler; city departments with the district
    { id = "wages",      category = "欠薪", to = "district_department", department = "人社局", co = "street", clause = step3 },
    { id = "social_insurance", category = "社会保险", to = "district_department", department = "人社局", clause = step3 },
    { id = "employment", category = "就业创业", to = "district_department", department = "人社局", clause = step3 },
    { id = "consumer",   category = "消费维权", to = "district_department", department = "市场监管局", co = "street", clause = step3 },
    { id = "housing",    category = "房产交易", to = "district_department", department = "住建局", co = "district", clause = step3 },
    { id = "municipal",  category = "市政设施", to = "unit", unit = "cgj", co = "district", clause = step3 },
    { id = "traffic",    category = "交通管理", to = "unit", unit = "gaj-jjzd", co = "district", clause = step3 },
    { id = "road_transport", category = "道路运输", to = "unit", unit = "jtj", co = "district", clause = step3 },
    { id = "city_bus",   category = "城市客运", to = "unit", unit = "jtj", clause = step3 },
    { id = "expressway", category = "高速公路", to = "unit", unit = "jtgs", clause = step3 },
    { id = "medical_insurance", category = "医疗保障", to = "unit", unit = "ybj", clause = step3 },
    { id = "health",     category = "医疗服务", to = "unit", unit = "wjw", clause = step3 },
    { id = "registration", category = "不动产登记", to = "unit", unit = "bdcdjzx", clause = step3 },
    { id = "insurance",  category = "保险理赔", to = "unit", unit = "bxxh", clause = step3 },
    { id = "finance",    category = "金融服务", to = "unit", unit = "jrb", clause = step3 },
    { id = "legal_aid",  category = "法律服务", to = "unit", unit = "sfj", clause = step3 },
    { id = "tourism",    category = "文化旅游", to = "unit", unit = "wlj", clause = step3 },
    -- utilities and vertical bodies, skipping levels
    { id = "mobile",  category = "移动通信", to = "utility", unit = "ydgs", clause = skip },
    { id = "unicom",  category = "联通通信", to = "utility", unit = "ltgs", clause = skip },
    { id = "telecom", category = "电信通信", to = "utility", unit = "dxgs", clause = skip },
    { id = "cable",   category = "广电网络", to = "utility", unit = "gdwl", clause = skip },
    { id = "post",    category = "快递邮政", to = "vertical", unit = "yzglj", clause = skip .. "; [SL24 §11(二)] 垂直管理单位市一级" },
    -- 企业问题“直通车”: unreasonable or unlawful enterprise requests are explained within 7 days
    { id = "enterprise_explain", category = "企业不合理诉求", to = "district", class = "enterprise_explain",
      clause = "[XA23 三(五)3] 不合理、不合法的企业诉求做好解释工作" },
    -- step 4: unclear responsibility, complex matters
    { id = "boundary", category = { "边界争议", "历史遗留" }, to = "unclear", class = "complex", clause = step4 },
  },
  unmatched = { id = "unmatched", to = "unclear", clause = step4 },

  double_dispatch = { id = "double_dispatch", copy_district_for_street = true,
                      clause = "[XA23 三(二)1] 直派街道（镇）的工单同步抄送区县政府" },

  -- 并单 [GB25 (五)]: same caller key, same matter, same district within the window (hours;
  -- the window is this set's parameter).
  merge = { id = "merge", window_hours = 72, clause = "[GB25 (五)] 合并重复诉求" },

  -- 对不属于职责范围内的工单，按程序申请退回，并明确退回理由、依据和转派建议 [XA23 三(四)1(1)]
  returns = {
    accept = { id = "accepted", clause = "[XA23 三(四)1(1)]" },
    refuse = {
      { id = "late",          when = "late", clause = "[XA23 三(四)1] 1小时内启动接诉程序" },
      { id = "no_reason",     when = "no_reason_or_basis", clause = "[XA23 三(四)1(1)] 明确退回理由、依据" },
      { id = "no_suggestion", when = "no_suggested_unit", clause = "[XA23 三(四)1(1)] 转派建议" },
    },
  },
}
