-- What the IVR offers a caller when agents are busy (智能分流) [XA23 二(一)], with call-backs
-- of missed calls [GB25 (四)]. The seconds and queue lengths are this set's parameters.
-- Hit policy first; no row matched -> keep waiting.
return {
  hit = "first",
  rules = {
    { id = "agent_free",  agents_free_at_least = 1, offer = "keep_waiting", clause = "[XA23 二(一)]" },
    { id = "short_wait",  wait_below_s = 60, offer = "keep_waiting", clause = "[XA23 二(一)]" },
    { id = "long_queue",  queue_at_least = 30, offer = "voice_message", clause = "[XA23 二(一)] 电话语音留言" },
    { id = "online",      wait_below_s = 300, offer = "online", clause = "[XA23 二(一)] 引导群众选择线上方式" },
    { id = "callback",    offer = "callback", clause = "[GB25 (四)] 完善漏接电话回拨服务" },
  },
}
