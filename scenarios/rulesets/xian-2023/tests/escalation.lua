-- Rule tests: abnormal tickets reported automatically [XA23 二(四), 三(一)4].
local function s(fields)
  local st = { dispatched = "2025-03-03 10:00", now = "2025-03-05 10:00", reply_by = "2025-03-10 10:00" }
  for k, v in pairs(fields) do st[k] = v end
  return st
end
return {
  { name = "an unsatisfied citizen is reported", clause = "[XA23 二(四)]",
    status = s({ satisfaction = "unsatisfied", closed = true }), expect = { escalate = true, reasons = { "escalation.unsatisfied" } } },
  { name = "buck-passing: two returns are reported", clause = "[XA23 二(四)]",
    status = s({ returns = 2 }), expect = { escalate = true, reasons = { "escalation.buck_passing" } } },
  { name = "long unresolved after 30 days is reported", clause = "[XA23 二(四)]",
    status = s({ now = "2025-04-02 10:00" }), expect = { escalate = true, reasons = { "escalation.long_unresolved", "escalation.seriously_overdue" } } },
  { name = "seriously overdue by 7 days is reported", clause = "[XA23 二(四)]",
    status = s({ now = "2025-03-17 10:00" }), expect = { escalate = true, reasons = { "escalation.seriously_overdue" } } },
  { name = "overdue by less than 7 days is not yet serious", clause = "[XA23 二(四)]",
    status = s({ now = "2025-03-16 10:00" }), expect = { escalate = false } },
  { name = "urged three times is reported", clause = "[XA23 二(四)]",
    status = s({ urges = 3 }), expect = { escalate = true, reasons = { "escalation.urged" } } },
  { name = "a sensitive word raises a warning", clause = "[XA23 二(四)]",
    status = s({ text = "多次反映无果，扬言要找媒体曝光" }), expect = { escalate = true, reasons = { "escalation.sensitive" } } },
  { name = "unclear responsibility unresolved for a month goes to the city joint meeting", clause = "[XA23 三(一)4]",
    status = s({ unclear = true, now = "2025-04-02 10:00", reply_by = "2025-03-18 10:00" }),
    expect = { escalate = true, reasons = { "escalation.joint_meeting", "escalation.long_unresolved", "escalation.seriously_overdue" } } },
  { name = "a normal ticket is not reported", clause = "[XA23 二(四)]",
    status = s({}), expect = { escalate = false, reasons = {} } },
}
