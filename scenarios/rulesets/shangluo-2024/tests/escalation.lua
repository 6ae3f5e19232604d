-- Rule tests: abnormal tickets [SL24 §32(一), §15].
return {
  { name = "a ticket returned twice for poor handling is escalated", clause = "[SL24 §32(一)]",
    status = { dispatched = "2025-03-03 10:00", now = "2025-03-06 10:00", returns = 2 },
    expect = { escalate = true, reasons = { "escalation.returned_twice" } } },
  { name = "one return is not yet abnormal", clause = "[SL24 §32(一)]",
    status = { dispatched = "2025-03-03 10:00", now = "2025-03-06 10:00", returns = 1 },
    expect = { escalate = false, reasons = {} } },
  { name = "three repeated complaints are escalated", clause = "[SL24 §32(一)]",
    status = { dispatched = "2025-03-03 10:00", now = "2025-03-06 10:00", repeat_complaints = 3 },
    expect = { escalate = true, reasons = { "escalation.repeat_complaints" } } },
  { name = "an open ticket a day past its limit is escalated", clause = "[SL24 §32(一), §15]",
    status = { dispatched = "2025-03-03 10:00", reply_by = "2025-03-11 00:00", now = "2025-03-12 00:00" },
    expect = { escalate = true, reasons = { "escalation.overdue" } } },
  { name = "a closed ticket is not overdue", clause = "[SL24 §32(一), §15]",
    status = { dispatched = "2025-03-03 10:00", reply_by = "2025-03-11 00:00", now = "2025-03-20 00:00", closed = true },
    expect = { escalate = false } },
}
