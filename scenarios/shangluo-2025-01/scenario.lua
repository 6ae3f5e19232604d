-- Shangluo 12345, January 2025: the city's call centre for one month (docs/scenarios.md).
-- Real: contact volumes of the January 2025 bulletin [SL24 bulletin]: 11,446 contacts,
-- 10,186 by phone (88.99%); 6,278 answered directly (54.85%). Everything else here is
-- SYNTHETIC (no public data): the intraday profile, weekday/weekend/holiday split, skill shares,
-- handling times, patience, IVR and staffing, chosen as plausible values for a small city
-- line and explained beside each value. The ticket volumes and mixes, per-unit handling
-- scales and satisfaction are FITTED by `hotline calibrate` to the published January 2025
-- table (bulletin-2025-01.csv) and loaded from calibration.lua (docs/calibration.md).

local intervals = 48  -- half hours

-- SYNTHETIC intraday shape: a night floor plus a morning peak and an afternoon peak,
-- Gaussian bumps of 1.3 h and 1.6 h sd, weights 1.0 and 0.8; normalised to 1. Working and
-- weekend days peak at 10:00 and 15:00; holidays (SYNTHETIC) an hour later, at 11:00 and 16:00.
local function day_shape(morning, afternoon)
  local w, sum = {}, 0
  for i = 1, intervals do
    local h = (i - 0.5) / 2  -- hour at the middle of the interval
    local v = 0.08 + math.exp(-((h - morning) / 1.3) ^ 2 / 2) + 0.8 * math.exp(-((h - afternoon) / 1.6) ^ 2 / 2)
    if h < 7 then v = v * 0.5 end  -- the small hours are quieter still
    w[i], sum = v, sum + v
  end
  for i = 1, intervals do w[i] = w[i] / sum end
  return w
end

-- Phone contacts handled in January [SL24 bulletin] are the calls offered to agents. Day
-- types come from the national calendar (scenarios/calendars/cn-2025.csv, docs/simulator.md
-- "Day types"): January 2025 has 5 statutory holidays (1 Jan; 28-31 Jan, Spring Festival),
-- 7 weekend days (the 8 Saturdays and Sundays less Sunday 26 Jan, a make-up working day)
-- and 19 weekdays (the 23 Monday-Fridays less the 5 holidays, all on them, plus 26 Jan).
-- SYNTHETIC: a weekend day has 75% of a weekday's traffic, a holiday 60%. The month's volume
-- is kept: weekday calls = contacts / (weekdays + weekend days x 0.75 + holidays x 0.6), so
-- that 19 x 1 + 7 x 0.75 + 5 x 0.6 = 27.25 weekday-equivalents carry the 10,186 calls
-- (tests/rules/test_scenario_loader.cpp checks these counts against the calendar). Calls
-- reaching the IVR = offered / (1 - IVR self-service - hang-ups).
local phone_contacts, weekdays, weekend_days, holidays = 10186, 19, 7, 5
local weekend_factor, holiday_factor = 0.75, 0.6
local ivr_self, ivr_hangup = 0.03, 0.02
local weekday_calls = phone_contacts / (weekdays + weekend_days * weekend_factor + holidays * holiday_factor)
  / (1 - ivr_self - ivr_hangup)
local shape, holiday_shape = day_shape(10, 15), day_shape(11, 16)
local weekday, weekend, holiday = {}, {}, {}
for i = 1, intervals do
  weekday[i] = weekday_calls * shape[i]
  weekend[i] = weekday_calls * weekend_factor * shape[i]
  holiday[i] = weekday_calls * holiday_factor * holiday_shape[i]
end

-- Request types of January 2025 [SL24 bulletin]: help 75.74%, consultation 19.80%,
-- complaint 3.96%, report 0.31%, suggestion 0.19%. SYNTHETIC direct-answer shares per type
-- (consultations mostly answered from the knowledge base, complaints and reports always
-- become tickets); help's share is solved so that the total is the bulletin's 54.85%.
local types = { help = 0.7574, consultation = 0.1980, complaint = 0.0396, report = 0.0031, suggestion = 0.0019 }
local direct = { consultation = 0.95, complaint = 0, report = 0, suggestion = 0.3 }
local known = 0
for t, d in pairs(direct) do known = known + types[t] * d end
direct.help = (0.5485 - known) / types.help
local request_types = {}
for t, share in pairs(types) do request_types[t] = { share = share, direct = direct[t] } end

-- Ticket network (docs/tickets.md). Category weights of the city departments are their
-- ticket counts in the January 2025 bulletin [SL24 bulletin, seeds/003] (e.g. 市城管局 99
-- -> 市政设施, 市交通局 52 split 30/22 between road transport and city buses); the locality
-- matters share the rest of the 5,168 dispatched tickets with SYNTHETIC relative weights.
-- District weights are the county governments' bulletin counts (real). These are the
-- starting point of the calibration: calibration.lua replaces the category and district
-- shares with values fitted by hotline calibrate (so that each unit's simulated ticket count
-- matches the published one through the rule set's dispatch).
local function shares(list)
  local sum, out = 0, {}
  for _, x in ipairs(list) do sum = sum + x[2] end
  for i, x in ipairs(list) do out[i] = { name = x[1], share = x[2] / sum } end
  return out
end
local departments = { { "供水", 39 }, { "供电", 2 }, { "供气", 33 }, { "房产交易", 10 }, { "不动产登记", 8 },
  { "市政设施", 99 }, { "医疗保障", 9 }, { "交通管理", 10 }, { "道路运输", 30 }, { "城市客运", 22 },
  { "高速公路", 6 }, { "移动通信", 27 }, { "联通通信", 9 }, { "电信通信", 17 }, { "广电网络", 3 },
  { "快递邮政", 40 }, { "医疗服务", 29 }, { "保险理赔", 16 }, { "金融服务", 1 }, { "法律服务", 3 },
  { "文化旅游", 1 } }
local locality_weights = { { "物业管理", 14 }, { "市容环境", 12 }, { "欠薪", 10 }, { "农村建设", 10 },
  { "社会保险", 8 }, { "建筑施工", 8 }, { "消费维权", 8 }, { "供暖", 6 }, { "社会治安", 6 },
  { "就业创业", 4 }, { "户政管理", 4 }, { "农民权益", 4 }, { "农村水电", 2 }, { "环境污染", 2 },
  { "教育", 2 } }  -- SYNTHETIC relative weights
local dept_total = 0
for _, x in ipairs(departments) do dept_total = dept_total + x[2] end
local categories = {}
for _, x in ipairs(departments) do categories[#categories + 1] = x end
local lw = 0
for _, x in ipairs(locality_weights) do lw = lw + x[2] end
for _, x in ipairs(locality_weights) do categories[#categories + 1] = { x[1], (5168 - dept_total) * x[2] / lw } end

return {
  name = "shangluo-2025-01",
  description = "Shangluo 12345 call centre, January 2025 (volumes real, the rest synthetic)",
  sources = { "[SL24 bulletin] 商洛市12345热线2025年1月通报: 11,446 contacts, 10,186 by phone, 54.85% answered directly",
    "[SL24 bulletin] per-unit table (bulletin-2025-01.csv, see SOURCE.md): the targets of calibration.lua" },
  ruleset = "rulesets/shangluo-2024",
  start = "2025-01-01",
  days = 31,
  interval_minutes = 30,
  traffic = {
    source = "profile",
    profile = { weekday = weekday, weekend = weekend, holiday = holiday },
    scale = 1.0,
    day_busyness_cv = 0.15,  -- SYNTHETIC: day-to-day over-dispersion
  },
  -- SYNTHETIC IVR: a 25 s menu; 3% served by the recorded answers, 2% hang up in the menu.
  ivr = { time = { dist = "fixed", mean = 25 }, self_service = ivr_self, hangup = ivr_hangup },
  skills = {
    -- SYNTHETIC shares and talk times (lognormal, mean 200 s; specialised calls longer).
    general = { share = 0.92, talk = { dist = "lognormal", mean = 200, sd = 120 } },
    enterprise = { share = 0.05, talk = { dist = "lognormal", mean = 300, sd = 180 }, priority_credit_s = 30 },
    dialect = { share = 0.03, talk = { dist = "lognormal", mean = 240, sd = 150 } },
  },
  overflow_after_s = 45,  -- specialised callers go to any agent after 45 s
  -- SYNTHETIC shifts (7x24 line): a day shift, a late shift, a night seat, and one enterprise
  -- and one dialect seat in office hours on weekdays (make-up working days included). On
  -- holidays the day shift has 3 agents from 09:00 (traffic 60% of a weekday's, an hour
  -- later); having a "holiday" general shift, the "weekend" general shift does not work
  -- holidays (docs/scenarios.md "shifts").
  shifts = {
    { skill = "general", start = "08:00", hours = 9, agents = 5, days = "weekday" },
    { skill = "general", start = "08:00", hours = 9, agents = 4, days = "weekend" },
    { skill = "general", start = "09:00", hours = 9, agents = 3, days = "holiday" },
    { skill = "general", start = "17:00", hours = 7, agents = 2 },
    { skill = "general", start = "00:00", hours = 8, agents = 1 },
    { skill = "enterprise", start = "08:30", hours = 9, agents = 1, days = "weekday" },
    { skill = "dialect", start = "08:30", hours = 9, agents = 1, days = "weekday" },
  },
  wrap = { dist = "exponential", mean = 60 },  -- SYNTHETIC after-call work (ticket form)
  wrap_multiplier = 1.0,                        -- no automatic form filling (智能填单) yet
  patience = { dist = "exponential", mean = 90 },  -- SYNTHETIC
  redial = { probability = 0.3, delay = { dist = "exponential", mean = 300 } },  -- SYNTHETIC
  -- Missed calls are called back within 2 hours [GB25 漏接电话回拨]; SYNTHETIC reach share.
  callbacks = { enabled = true, within_s = 7200, reach_share = 0.7, talk = { dist = "lognormal", mean = 180, sd = 90 } },
  -- Busy-hour diversion to a voice message [XA23 智能分流]; SYNTHETIC threshold and uptake.
  diversion = { offer = "voice_message", queue_at_least = 4, accept_share = 0.25 },
  request_types = request_types,
  direct_answer_share = 0.5485,  -- [SL24 bulletin] 6,278 of 11,446 answered directly (unused with request_types)
  kpi = { sl_threshold_s = 15, short_abandon_s = 5 },
  -- Fitted by `hotline calibrate shangluo-2025-01 --bulletin bulletin-2025-01.csv --write`:
  -- tickets.online_per_day, categories, districts and per-unit units (handling scale,
  -- satisfaction) replace the values below (docs/calibration.md).
  calibration = "calibration.lua",
  tickets = {
    -- Contacts by other channels in January [SL24 bulletin]: 11,446 - 10,186 = 1,260, about
    -- 40.6 a day, taken as online and provincial-platform tickets (uniform over the day).
    -- Not all of them become tickets: calibration.lua scales this (fitted) so that the
    -- total matches the 5,168 dispatched tickets.
    online_per_day = 1260 / 31,
    urgent_share = 0.02,          -- SYNTHETIC
    caller_population = 200000,   -- SYNTHETIC: repeat callers about the same matter get merged
    categories = shares(categories),
    districts = shares({ { "shangzhou", 1043 }, { "luonan", 967 }, { "danfeng", 554 }, { "shangnan", 425 },
      { "shanyang", 879 }, { "zhenan", 363 }, { "zhashui", 431 }, { "gaoxin", 42 } }),
    -- SYNTHETIC handling model; calibration.lua scales the handling mean per unit (fitted).
    accept_mean_hours = 1.5,
    handling_mean_hours = { district = 14, department = 10 },
    handling_cv = 0.8,
    handlers = { district = 150, department = 10 },  -- concurrent tickets (streets and towns work in parallel)
    wrong_dispatch = 0.04,
    -- SYNTHETIC, bounded by the published table: 市移动公司 replied 11 of 27 tickets late
    -- and 市卫健委 12 of 29, which the model cannot produce if most overrunning units ask for
    -- (and get) an extension; 0.25 leaves room for that.
    extension_request = 0.25,
    -- SYNTHETIC scenario-wide evaluation (calibration.lua fits satisfied/basic per unit where
    -- published). The late penalty is small because units with about 40% late replies still
    -- have 92-95% published satisfaction.
    satisfaction = { satisfied = 0.90, basic = 0.06, late_penalty = 0.10 },
  },
}
