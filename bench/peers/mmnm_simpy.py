#!/usr/bin/python3
"""Peer benchmark: the stationary 50-agent M/M/n+M of bench/bench_sim_callcentre.cpp
(BM_MMnM50) written with Debian's python3-simpy, for the speed ratio in docs/simulator.md.
Debian 12 ships SimPy 2.3.1 (module `SimPy`, process classes with `yield hold/request`);
run it with the system interpreter, /usr/bin/python3.

Same model: Poisson arrivals at 48 Erlangs (rate 48/180 per s), exponential talk time with
mean 180 s, exponential patience with mean 120 s, 50 agents, FIFO, no IVR or wrap-up.
Prints simulated calls per second of CPU time and the answer rate (a sanity check
against Erlang A: `hotline erlang --calls 480 --interval 30m --aht 180 --agents 50 --patience 120`).
"""
import argparse
import random
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

LAM, AHT, PATIENCE, AGENTS = 48.0 / 180.0, 180.0, 120.0, 50


class Caller(Process):
    def call(self, agents, stats, rng):
        stats["offered"] += 1
        # Renege: wait for an agent or until the patience runs out, whichever is first.
        yield (request, self, agents), (hold, self, rng.expovariate(1.0 / PATIENCE))
        if self.acquired(agents):
            stats["answered"] += 1
            yield hold, self, rng.expovariate(1.0 / AHT)
            yield release, self, agents
        else:
            stats["abandoned"] += 1


class Source(Process):
    def generate(self, agents, stats, rng):
        while True:
            yield hold, self, rng.expovariate(LAM)
            c = Caller(sim=self.sim)
            self.sim.activate(c, c.call(agents, stats, rng))


def run(days: float, seed: int):
    rng = random.Random(seed)
    sim = Simulation()
    sim.initialize()
    agents = Resource(capacity=AGENTS, sim=sim)
    stats = {"offered": 0, "answered": 0, "abandoned": 0}
    src = Source(sim=sim)
    sim.activate(src, src.generate(agents, stats, rng))
    sim.simulate(until=days * 86400)
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--days", type=float, default=3.0, help="simulated days (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    t0 = time.process_time()
    s = run(a.days, a.seed)
    cpu = time.process_time() - t0
    print(f"simpy M/M/50+M: {s['offered']} calls in {cpu:.2f} s CPU = {s['offered'] / cpu:,.0f} calls/s; "
          f"answer rate {s['answered'] / s['offered']:.4f}")


if __name__ == "__main__":
    main()
