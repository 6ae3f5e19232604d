-- Time limits for Shangluo [SL24 §12, §14, §16, §21, §25]. Limits count from the dispatch
-- (自收到工单之日起); working days skip weekends and holidays and count make-up days, and end
-- at 24:00 of the last day (the day of receipt is not counted).
-- A row gives exactly one of: minutes, hours, days, working_days, working_hours,
-- immediately = true, none = true. Rows match by types, urgency and classes ("*" = all).
return {
  -- Deadline classes that dispatch rows may name (Shangluo treats them alike).
  classes = { "general", "utility" },

  -- 承办单位应在24小时内接收; 重大、紧急突发事件类工单应即时接收 [SL24 §12]
  accept = {
    hit = "first",
    rows = {
      { id = "accept_major", urgency = "major", immediately = true, clause = "[SL24 §12(三)]" },
      { id = "accept",       hours = 24, clause = "[SL24 §12]" },
    },
  },

  -- 1个工作日内（紧急求助类工单30分钟内）申请退回 [SL24 §14]
  return_window = {
    hit = "first",
    rows = {
      { id = "return_urgent_help", types = "help", urgency = { "urgent", "major" }, minutes = 30, clause = "[SL24 §14]" },
      { id = "return",             working_days = 1, clause = "[SL24 §14]" },
    },
  },

  -- Reply (办结) limits. Hit policy unique: every type x urgency x class exactly once.
  reply = {
    hit = "unique",
    rows = {
      { id = "consultation", types = "consultation", urgency = { "normal", "urgent" },
        working_days = 2, clause = "[SL24 §12(一)]" },
      { id = "other_types", types = { "help", "complaint", "report", "suggestion" }, urgency = { "normal", "urgent" },
        working_days = 5, clause = "[SL24 §12(二)]" },
      { id = "major", types = { "consultation", "help", "complaint", "report", "suggestion" }, urgency = "major",
        immediately = true, clause = "[SL24 §12(三)] 即时接收，迅速处理，及时反馈" },
      { id = "praise", types = "praise", none = true, clause = "[SL24 §21(四)] 表扬：阅知后归档" },
    },
  },

  -- 延期两次后仍无法办结，书面阶段性办理情况申请办结 [SL24 §16, §21(二)]. 除突发类事项外，
  -- 可在办结期限前，经服务对象、承办单位热线工作负责人同意后提出延期申请；平台审核，不同意
  -- 延期的，由承办单位继续办理 [SL24 §16]. The first refusal that applies decides.
  extensions = { id = "extensions", max = 2, clause = "[SL24 §16, §21(二)]",
    refuse = {
      { id = "extension_emergency", when = "emergency", clause = "[SL24 §16] 除突发类事项外" },
      { id = "extension_after_deadline", when = "after_deadline", clause = "[SL24 §16] 可在办结期限前" },
      { id = "extension_no_consent", when = "no_citizen_consent", clause = "[SL24 §16] 经服务对象同意" },
      { id = "extension_no_lead_consent", when = "no_lead_consent", clause = "[SL24 §16] 经承办单位热线工作负责人同意" },
    } },

  -- 对热线发起的知识提问，3个工作日内补充完善知识库 [SL24 §25]
  knowledge_base = { id = "knowledge_base", working_days = 3, clause = "[SL24 §25]" },
}
