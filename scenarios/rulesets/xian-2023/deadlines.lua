-- Response limits of the Xi'an plan [XA23 三(四)1-2, 三(五)3]: accept within 1 hour, on
-- working days or not; feedback within 2 hours / 24 hours / 7 days / 15 days by class.
-- Natural hours and days: the plan counts them round the clock (duty staff off-hours).
return {
  classes = { "general", "utility", "complex", "enterprise_explain" },

  accept = { id = "accept", hours = 1, clause = "[XA23 三(四)1] 接到工单1小时内启动接诉程序" },

  -- Returns are asked for within the accept hour [XA23 三(四)1(1)].
  return_window = { id = "return", hours = 1, clause = "[XA23 三(四)1(1)]" },

  reply = {
    hit = "unique",
    rows = {
      { id = "emergency", urgency = { "urgent", "major" }, hours = 2,
        clause = "[XA23 三(四)2(1)] 突发事件、不稳定因素、生命财产损失：2小时内反馈" },
      { id = "utility", urgency = "normal", classes = "utility", hours = 24,
        clause = "[XA23 三(四)2(2)] 水电气热基本生活保障：24小时内反馈" },
      { id = "other", urgency = "normal", classes = "general", days = 7,
        clause = "[XA23 三(四)2(3)] 其他事项：7天之内反馈" },
      { id = "complex", urgency = "normal", classes = "complex", days = 15,
        clause = "[XA23 三(四)2(4)] 复杂疑难：15天之内反馈下一步工作措施" },
      { id = "enterprise_explain", urgency = "normal", classes = "enterprise_explain", days = 7,
        clause = "[XA23 三(五)3] 不合理、不合法的企业诉求：7天之内反馈" },
    },
  },
}
