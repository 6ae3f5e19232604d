-- Rule tests: returns within the accept hour with reason, basis and a suggestion [XA23 三(四)1(1)].
return {
  { name = "a return with reason and suggestion within the hour is accepted", clause = "[XA23 三(四)1(1)]",
    return_request = { dispatched = "2025-03-03 10:00", requested = "2025-03-03 10:45" }, expect = { accepted = true } },
  { name = "a return after the hour is refused", clause = "[XA23 三(四)1]",
    return_request = { dispatched = "2025-03-03 10:00", requested = "2025-03-03 11:01" }, expect = { accepted = false, rule = "returns.late" } },
  { name = "a return without reason or basis is refused", clause = "[XA23 三(四)1(1)]",
    return_request = { dispatched = "2025-03-03 10:00", requested = "2025-03-03 10:10", has_reason = false },
    expect = { accepted = false, rule = "returns.no_reason" } },
  { name = "a return without a suggested unit is refused", clause = "[XA23 三(四)1(1)]",
    return_request = { dispatched = "2025-03-03 10:00", requested = "2025-03-03 10:10", has_suggested_unit = false },
    expect = { accepted = false, rule = "returns.no_suggestion" } },
}
