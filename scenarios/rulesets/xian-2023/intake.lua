-- Intake for the Xi'an plan: emergencies joined with 110/119 [XA23 二(一)], matters outside
-- the hotline's scope to their legal route [GB25 (二)], knowledge-base answers [XA23 二(一)].
return {
  hit = "first",
  rules = {
    { id = "fire",      categories = { "火灾" },     route = "emergency", target = "119", clause = "[XA23 二(一)] 联合110、119等部门" },
    { id = "police",    categories = { "治安警情" }, route = "emergency", target = "110", clause = "[XA23 二(一)] 联合110、119等部门" },
    { id = "ambulance", categories = { "医疗急救" }, route = "emergency", target = "120", clause = "[XA23 二(一)] 联合110、119等部门" },
    { id = "accident",  categories = { "交通事故" }, route = "emergency", target = "122", clause = "[XA23 二(一)] 联合110、119等部门" },
    { id = "legal_process", categories = { "诉讼", "检察", "涉军涉警", "仲裁", "纪检监察", "行政复议", "信息公开" },
      route = "out_of_scope", target = "告知依法通过诉讼、仲裁、纪检监察、行政复议、信息公开等途径解决", clause = "[GB25 (二)]" },
    { id = "petition",  categories = { "信访" }, route = "out_of_scope", target = "已进入信访渠道，按信访程序办理", clause = "[GB25 (二)]" },
    { id = "other_region", categories = { "外地事项" }, route = "out_of_scope", target = "向事项所在地政务服务便民热线反映", clause = "[GB25 (二)]" },
    { id = "not_accepted", categories = { "国家秘密", "个人隐私", "恶意骚扰" }, route = "out_of_scope", target = "不予受理", clause = "[GB25 (二)]" },
    { id = "knowledge_base", types = { "consultation" }, categories = { "政策咨询", "办事指南" },
      route = "direct_answer", target = "知识库即时答复", clause = "[XA23 二(一)] 标准话术推荐，加强知识库优化" },
  },
  default = { id = "ticket", clause = "[XA23 二(一)]" },
}
