-- Rule tests: IVR diversion when agents are busy [XA23 二(一), GB25 (四)].
return {
  { name = "a free agent means the caller waits", clause = "[XA23 二(一)]",
    queue = { agents_free = 1, queue_length = 0, expected_wait_s = 0 }, expect = { offer = "keep_waiting" } },
  { name = "a short expected wait keeps the caller", clause = "[XA23 二(一)]",
    queue = { agents_free = 0, queue_length = 3, expected_wait_s = 30 }, expect = { offer = "keep_waiting" } },
  { name = "a long queue is offered a voice message", clause = "[XA23 二(一)]",
    queue = { agents_free = 0, queue_length = 35, expected_wait_s = 400 }, expect = { offer = "voice_message" } },
  { name = "a medium wait is offered the online channels", clause = "[XA23 二(一)]",
    queue = { agents_free = 0, queue_length = 8, expected_wait_s = 200 }, expect = { offer = "online" } },
  { name = "a long wait is offered a call-back", clause = "[GB25 (四)]",
    queue = { agents_free = 0, queue_length = 10, expected_wait_s = 400 }, expect = { offer = "callback" } },
}
