-- A Beijing-scale 12345 line for the year 2023 (docs/scenarios.md).
-- Calibration points (public figures, see `sources`): 21.43 million contacts in 2023, about
-- 59,000 a day; about 750 seats (2024); an agent handles 70-80 calls a day; Changzhou's
-- average wait of 12 s and average talk time of 150 s. All contacts are modelled as phone
-- calls. SYNTHETIC: intraday shape, weekend and holiday factors, skills, wrap-up, patience,
-- IVR, shifts.

local intervals = 48

-- SYNTHETIC intraday shape (same construction as shangluo-2025-01: night floor, peaks at
-- 10:00 and 15:00 on working and weekend days, an hour later on holidays), normalised to 1.
local function day_shape(morning, afternoon)
  local w, sum = {}, 0
  for i = 1, intervals do
    local h = (i - 0.5) / 2
    local v = 0.08 + math.exp(-((h - morning) / 1.3) ^ 2 / 2) + 0.8 * math.exp(-((h - afternoon) / 1.6) ^ 2 / 2)
    if h < 7 then v = v * 0.5 end
    w[i], sum = v, sum + v
  end
  for i = 1, intervals do w[i] = w[i] / sum end
  return w
end

-- 21.43 million contacts over the 365 days of 2023, whose day types come from the national
-- calendar (scenarios/calendars/cn-2023.csv): 249 weekdays (make-up working days included),
-- 90 weekend days and 26 statutory holidays. SYNTHETIC: a weekend day carries 85% of a
-- weekday's traffic, a holiday 70%. The year's volume is kept: weekday calls = contacts /
-- (weekdays + weekend days x 0.85 + holidays x 0.7) = contacts / 343.7 weekday-equivalents.
local contacts, weekdays, weekend_days, holidays = 21430000, 249, 90, 26
local weekend_factor, holiday_factor = 0.85, 0.7
local ivr_self, ivr_hangup = 0.03, 0.01
local weekday_calls = contacts / (weekdays + weekend_days * weekend_factor + holidays * holiday_factor)
  / (1 - ivr_self - ivr_hangup)
local shape, holiday_shape = day_shape(10, 15), day_shape(11, 16)
local weekday, weekend, holiday = {}, {}, {}
for i = 1, intervals do
  weekday[i] = weekday_calls * shape[i]
  weekend[i] = weekday_calls * weekend_factor * shape[i]
  holiday[i] = weekday_calls * holiday_factor * holiday_shape[i]
end

return {
  name = "metro-2023",
  description = "Beijing-scale 12345 line, 2023: ~59,000 calls a day on ~750 seats",
  sources = {
    "Beijing 12345: 21.43 million contacts in 2023 (about 59,000 a day); about 750 seats in 2024",
    "agents handle 70-80 calls a day",
    "Changzhou 12345: average wait 12 s, average talk time 150 s (calibration targets)",
  },
  ruleset = "rulesets/xian-2023",  -- diversion as shangluo-2024's; tickets by the Xi'an plan
  start = "2023-01-01",
  days = 365,
  interval_minutes = 30,
  traffic = {
    source = "profile",
    profile = { weekday = weekday, weekend = weekend, holiday = holiday },
    day_busyness_cv = 0.08,  -- SYNTHETIC
  },
  ivr = { time = { dist = "fixed", mean = 20 }, self_service = ivr_self, hangup = ivr_hangup },
  skills = {
    general = { share = 0.90, talk = { dist = "lognormal", mean = 150, sd = 90 } },  -- Changzhou 150 s
    enterprise = { share = 0.07, talk = { dist = "lognormal", mean = 210, sd = 120 }, priority_credit_s = 20 },
    dialect = { share = 0.03, talk = { dist = "lognormal", mean = 180, sd = 100 } },
  },
  overflow_after_s = 30,
  -- SYNTHETIC shifts: 631 agent-shifts a day working on about 750 seats (workstations).
  -- Check against the calibration points (1 replication, seed 1, holidays as their own day
  -- type): answer rate 94.5%, ASA 8.4 s (Changzhou: 12 s average wait), 21.79 million
  -- offered; answered calls per seat a day = 20.59 M / 365 / 750 = 75 (70-80), per
  -- agent-shift 89. The same shifts work every day type (holidays included).
  shifts = {
    { skill = "general", start = "07:30", hours = 8, agents = 152 },
    { skill = "general", start = "09:00", hours = 8, agents = 152 },
    { skill = "general", start = "12:30", hours = 8, agents = 126 },
    { skill = "general", start = "16:30", hours = 8, agents = 56 },
    { skill = "general", start = "00:30", hours = 7, agents = 25 },
    { skill = "enterprise", start = "08:30", hours = 8, agents = 45 },
    { skill = "enterprise", start = "12:30", hours = 8, agents = 30 },
    { skill = "dialect", start = "08:30", hours = 8, agents = 25 },
    { skill = "dialect", start = "12:30", hours = 8, agents = 20 },
  },
  wrap = { dist = "exponential", mean = 30 },
  wrap_multiplier = 0.8,  -- automatic form filling (智能填单) cuts after-call work [XA23]
  patience = { dist = "lognormal", mean = 100, sd = 80 },
  redial = { probability = 0.3, delay = { dist = "exponential", mean = 240 } },
  callbacks = { enabled = true, within_s = 3600, reach_share = 0.75, talk = { dist = "lognormal", mean = 150, sd = 90 } },
  diversion = { offer = "online", queue_at_least = 30, accept_share = 0.2 },
  direct_answer_share = 0.5485,  -- borrowed from [SL24 bulletin]
  kpi = { sl_threshold_s = 15, short_abandon_s = 5 },
  -- Ticket network (docs/tickets.md; docs/scenarios.md "metro-2023"), dispatched by the Xi'an
  -- plan's rules [XA23] (a metropolis's four-step ladder with co-handlers, 协办). SYNTHETIC
  -- throughout: no metropolis publishes a per-unit ticket table. The only org file that a
  -- shipped rule set dispatches to is Shangluo's (xian-2023 uses orgs/shangluo.csv too), so the
  -- tickets go to Shangluo's 8 counties and city departments standing in for a metropolis's
  -- districts and bureaus. How the values were made:
  --   volume: the answered calls that are not answered directly (about 45%, 9 million a
  --     year) become tickets; every contact is modelled as a call, so no online tickets;
  --   category mix: Shangluo's January 2025 bulletin weights (its departments' ticket counts
  --     [SL24 bulletin], and the same SYNTHETIC locality weights as shangluo-2025-01), plus
  --     small SYNTHETIC weights for the Xi'an catalog's own categories (neighbour disputes,
  --     enterprise requests, boundary and legacy matters);
  --   district mix: Shangluo's county counts [SL24 bulletin];
  --   handling: shangluo-2025-01's starting values (before calibration); handlers scaled by
  --     the volume (Shangluo: about 180 tickets a day on 150/10 handlers; here about 25,000
  --     a day, x140);
  --   co-handlers work half their own handling mean on their part (the model's default).
  tickets = {
    online_per_day = 0,
    urgent_share = 0.02,
    caller_population = 5000000,
    categories = (function()
      local w = { { "供水", 39 }, { "供电", 2 }, { "供气", 33 }, { "房产交易", 10 }, { "不动产登记", 8 },
        { "市政设施", 99 }, { "医疗保障", 9 }, { "交通管理", 10 }, { "道路运输", 30 }, { "城市客运", 22 },
        { "高速公路", 6 }, { "移动通信", 27 }, { "联通通信", 9 }, { "电信通信", 17 }, { "广电网络", 3 },
        { "快递邮政", 40 }, { "医疗服务", 29 }, { "保险理赔", 16 }, { "金融服务", 1 }, { "法律服务", 3 },
        { "文化旅游", 1 } }
      local locality = { { "物业管理", 14 }, { "市容环境", 12 }, { "欠薪", 10 }, { "农村建设", 10 },
        { "社会保险", 8 }, { "建筑施工", 8 }, { "消费维权", 8 }, { "供暖", 6 }, { "社会治安", 6 },
        { "就业创业", 4 }, { "户政管理", 4 }, { "农民权益", 4 }, { "农村水电", 2 }, { "环境污染", 2 },
        { "教育", 2 }, { "邻里纠纷", 4 }, { "企业不合理诉求", 1 }, { "边界争议", 1 }, { "历史遗留", 1 } }
      local dept, lw = 0, 0
      for _, x in ipairs(w) do dept = dept + x[2] end
      for _, x in ipairs(locality) do lw = lw + x[2] end
      -- Shangluo January 2025: 5,168 tickets, the departments' share as published.
      for _, x in ipairs(locality) do w[#w + 1] = { x[1], (5168 - dept) * x[2] / lw } end
      local out = {}
      for i, x in ipairs(w) do out[i] = { name = x[1], share = x[2] / 5168 } end
      return out
    end)(),
    districts = (function()
      local w = { { "shangzhou", 1043 }, { "luonan", 967 }, { "danfeng", 554 }, { "shangnan", 425 },
        { "shanyang", 879 }, { "zhenan", 363 }, { "zhashui", 431 }, { "gaoxin", 42 } }
      local out = {}
      for i, x in ipairs(w) do out[i] = { name = x[1], share = x[2] / 4704 } end
      return out
    end)(),
    accept_mean_hours = 1.5,
    handling_mean_hours = { district = 14, department = 10 },
    handling_cv = 0.8,
    handlers = { district = 21000, department = 1400 },
    wrong_dispatch = 0.04,
    extension_request = 0.25,
    satisfaction = { satisfied = 0.90, basic = 0.06, late_penalty = 0.10 },
    co_handling = { share = 0.5 },
  },
}
