-- Intake: emergencies to 110/119/120/122, out-of-scope matters to their legal route,
-- knowledge-base answers, everything else a ticket [SL24 §7, §8, §11(一)].
-- Hit policy: first matching row wins; no row matched -> ticket.
return {
  hit = "first",
  rules = {
    -- 涉及110、119、120、122等紧急救助的事项 [SL24 §7(二)]
    { id = "fire",       categories = { "火灾" },     route = "emergency", target = "119", clause = "[SL24 §7(二)]" },
    { id = "police",     categories = { "治安警情" }, route = "emergency", target = "110", clause = "[SL24 §7(二)]" },
    { id = "ambulance",  categories = { "医疗急救" }, route = "emergency", target = "120", clause = "[SL24 §7(二)]" },
    { id = "accident",   categories = { "交通事故" }, route = "emergency", target = "122", clause = "[SL24 §7(二)]" },
    -- Not for the hotline: explain the legal route [SL24 §7, §8]
    { id = "other_region",  categories = { "外地事项" }, route = "out_of_scope", target = "向事项所在地政务服务便民热线反映", clause = "[SL24 §7(一)]" },
    { id = "courts",        categories = { "诉讼", "检察", "涉军涉警" }, route = "out_of_scope", target = "向人民法院、人民检察院或军队、武警有关部门反映", clause = "[SL24 §7(三)]" },
    { id = "legal_process", categories = { "仲裁", "纪检监察", "行政复议", "信息公开" }, route = "out_of_scope", target = "通过仲裁、纪检监察、行政复议、政府信息公开等法定程序办理", clause = "[SL24 §7(四)]" },
    { id = "petition",      categories = { "信访" }, route = "out_of_scope", target = "已进入信访渠道，按信访程序办理", clause = "[SL24 §7(四)]" },
    { id = "secrets",       categories = { "国家秘密", "个人隐私" }, route = "out_of_scope", target = "涉密及隐私事项不予受理", clause = "[SL24 §7(五)]" },
    { id = "abuse",         categories = { "恶意骚扰" }, route = "out_of_scope", target = "不予受理；可短期限制反复占用热线资源", clause = "[SL24 §7(六), §33]" },
    -- 咨询类事项，知识库能即时答复的，即时答复 [SL24 §11(一)]
    { id = "knowledge_base", types = { "consultation" }, categories = { "政策咨询", "办事指南" },
      route = "direct_answer", target = "知识库即时答复", clause = "[SL24 §11(一)]" },
  },
  default = { id = "ticket", clause = "[SL24 §9, §11]" },
}
