"""Embeds the hotline rule engine in Python: load the Shangluo 2024 rules, decide a water
ticket, compute a deadline, and run the January 2025 scenario for per-unit results
(docs/embedding.md). Run: PYTHONPATH=<prefix>/lib/python3/dist-packages python3 main.py"""
import hotline

engine = hotline.Engine("shangluo-2024")
decision = engine.decide({"id": "EMBED-PY-1", "category": "供水", "district": "shangzhou",
                          "created": "2025-01-24 10:00"})
print("hotline %s, rule set %s@%s from %s" % (hotline.__version__, engine.info["id"], engine.revision,
                                             engine.info["folder"]))
print("%s -> %s (%s), reply by %s" % (decision["id"], decision["lead"]["id"], decision["trace"][1]["rule"],
                                      decision["reply_by"]))
print("3 working days after 2025-01-24 10:00: %s" % engine.add_working_days("2025-01-24 10:00", 3))
rows = hotline.simulate("shangluo-2025-01", replications=1, as_frame=False)
busiest = max(rows, key=lambda r: r["handled"])
print("simulated January 2025: %d units, busiest %s with %d tickets" % (len(rows), busiest["unit_id"], busiest["handled"]))
