-- Automatic reporting of abnormal tickets (异常工单自动上报) [XA23 二(四)]: unsatisfactory
-- result, buck-passing, long unresolved, seriously overdue, urged many times, sensitive
-- warning; and unclear responsibility still unresolved -> the city joint meeting [XA23 三(一)4].
-- The plan gives no numbers: every at_least below is this set's parameter.
local t = {
  returns = 2,          -- 推诿扯皮: returned twice or more
  unresolved_days = 30, -- 久办不结
  overdue_days = 7,     -- 严重超期
  urges = 3,            -- 多次催办
  unclear_days = 30,    -- the monthly joint meeting (每月组织一次)
}
return {
  report_to = "本级党政主要领导和上级行业监管部门 [XA23 二(四)]",
  sensitive_words = { "自杀", "轻生", "群体性", "上访", "媒体曝光" },
  rules = {
    { id = "unsatisfied",  fact = "unsatisfied", at_least = 1, clause = "[XA23 二(四)] 办理结果不满意" },
    { id = "buck_passing", fact = "returns", at_least = t.returns, clause = "[XA23 二(四)] 推诿扯皮" },
    { id = "long_unresolved", fact = "unresolved_days", at_least = t.unresolved_days, clause = "[XA23 二(四)] 久办不结" },
    { id = "seriously_overdue", fact = "overdue_days", at_least = t.overdue_days, clause = "[XA23 二(四)] 严重超期" },
    { id = "urged",        fact = "urges", at_least = t.urges, clause = "[XA23 二(四)] 多次催办" },
    { id = "sensitive",    fact = "sensitive", at_least = 1, clause = "[XA23 二(四)] 敏感预警" },
    { id = "joint_meeting", fact = "unclear_days", at_least = t.unclear_days, clause = "[XA23 三(一)4] 上报市级联席会议研判" },
  },
}
