-- Abnormal tickets for Shangluo: 通报批评 and 督办通报 [SL24 §32(一), §15]. Thresholds are
-- parameters: edit the numbers in `at_least`.
return {
  report_to = "市委（政府）督查办公室督办通报 [SL24 §15]",
  sensitive_words = {},
  rules = {
    -- 同一交办事项因办理不力连续两次退回（重办） [SL24 §32(一)]
    { id = "returned_twice", fact = "returns", at_least = 2, clause = "[SL24 §32(一)]" },
    -- 导致三次以上重复投诉 [SL24 §32(一)]
    { id = "repeat_complaints", fact = "repeat_complaints", at_least = 3, clause = "[SL24 §32(一)]" },
    -- 无正当理由不按时办结; 逾期未办 [SL24 §32(一), §15]. One day of grace is this set's choice.
    { id = "overdue", fact = "overdue_days", at_least = 1, clause = "[SL24 §32(一), §15]" },
  },
}
