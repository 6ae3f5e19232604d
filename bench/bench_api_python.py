"""Decisions per second through the Python module (docs/benchmarks.md), the same ticket mix
as bench/bench_api.cpp: single calls and batches of 1,000 dicts on one thread. Never part of
the test run. Usage: PYTHONPATH=build/python /usr/bin/python3 bench/bench_api_python.py"""
import time

import hotline

CATEGORIES = ["供水", "欠薪", "社会治安", "物业管理", "供电", "道路运输", "农村水电", "市容环境", "消费维权", "噪声扰民"]
DISTRICTS = ["shangzhou", "luonan", "danfeng", "shangnan", "shanyang", "zhenan", "zhashui"]
TYPES = ["help", "help", "help", "consultation", "complaint"]
JAN = hotline.parse_time("2025-01-02 08:00")
TICKETS = [{"id": "B%d" % i, "category": CATEGORIES[i % 10], "district": DISTRICTS[i % 7],
            "street": ["sz-chengguan", "sz-shahezi", ""][i % 3], "type": TYPES[i % 5], "created": JAN + (i % 997) * 2400}
           for i in range(1000)]


def rate(f, n, seconds=2.0):
    """(decisions per wall second, decisions per CPU second) of calling f, which decides n."""
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        f()
        done += n
    return done / (time.perf_counter() - wall), done / (time.process_time() - cpu)


engine = hotline.Engine("shangluo-2024")
print("python decide       %10.0f decisions/s wall, %10.0f per CPU second" % rate(lambda: [engine.decide(t) for t in TICKETS], len(TICKETS)))
print("python decide_batch %10.0f decisions/s wall, %10.0f per CPU second" % rate(lambda: engine.decide_batch(TICKETS), len(TICKETS)))
print("python batch, no trace %7.0f decisions/s wall, %10.0f per CPU second" % rate(lambda: engine.decide_batch(TICKETS, trace=False), len(TICKETS)))
