-- Rule tests: return review [SL24 §14].
local function req(fields)
  local r = { dispatched = "2025-03-03 10:00", requested = "2025-03-03 15:00", type = "help" }
  for k, v in pairs(fields) do r[k] = v end
  return r
end
return {
  { name = "a return with reason, basis and a suggested unit in time is accepted", clause = "[SL24 §14]",
    return_request = req({}), expect = { accepted = true, rule = "returns.accepted" } },
  { name = "a return after one working day is refused", clause = "[SL24 §14]",
    return_request = req({ requested = "2025-03-05 00:01" }), expect = { accepted = false, rule = "returns.late" } },
  { name = "a return at the end of the next working day is still in time", clause = "[SL24 §14]",
    return_request = req({ requested = "2025-03-04 23:59" }), expect = { accepted = true } },
  { name = "urgent help must be returned within 30 minutes", clause = "[SL24 §14]",
    return_request = req({ urgency = "urgent", requested = "2025-03-03 10:40" }), expect = { accepted = false, rule = "returns.late" } },
  { name = "a return without reason or basis is refused", clause = "[SL24 §14(六)]",
    return_request = req({ has_reason = false }), expect = { accepted = false, rule = "returns.no_reason" } },
  { name = "a return without a suggested unit is refused", clause = "[SL24 §14]",
    return_request = req({ has_suggested_unit = false }), expect = { accepted = false, rule = "returns.no_suggestion" } },
  { name = "an insufficient reason is refused", clause = "[SL24 §14(五)]",
    return_request = req({ reason_insufficient = true }), expect = { accepted = false, rule = "returns.weak_reason" } },
  { name = "the unit's own duty, temporarily impossible, is refused", clause = "[SL24 §14(一)]",
    return_request = req({ own_duty_temporarily_impossible = true }), expect = { accepted = false, rule = "returns.own_duty" } },
  { name = "a ticket assigned by the joint meeting cannot be returned", clause = "[SL24 §14(二)]",
    return_request = req({ assigned_by_joint_meeting = true }), expect = { accepted = false, rule = "returns.joint_meeting" } },
  { name = "a repeated return without a new reason is refused", clause = "[SL24 §14(三)]",
    return_request = req({ returned_before_without_new_reason = true }), expect = { accepted = false, rule = "returns.repeat" } },
  { name = "a knowledge-base answer needing more explanation is refused", clause = "[SL24 §14(四)]",
    return_request = req({ answer_in_knowledge_base = true }), expect = { accepted = false, rule = "returns.knowledge_base" } },
  { name = "a minor registration mismatch is refused", clause = "[SL24 §14(七)]",
    return_request = req({ registration_minor_mismatch = true }), expect = { accepted = false, rule = "returns.minor_mismatch" } },
  { name = "a matter needing the unit's verification is refused", clause = "[SL24 §14(八)]",
    return_request = req({ needs_verification = true }), expect = { accepted = false, rule = "returns.verify" } },
}
