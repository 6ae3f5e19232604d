"""The Python module as an analyst uses it: decide dicts, batches, calendar functions,
errors that name the field, reload, and simulate's per-unit results (pytest)."""
import os
import shutil
import sys
import threading

import pytest

import hotline

SHIPPED = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios")


@pytest.fixture(scope="module")
def engine():
    return hotline.Engine("shangluo-2024")


def water(i="P-1", **extra):
    t = {"id": i, "category": "供水", "district": "shangzhou", "created": "2025-03-03 10:00"}
    t.update(extra)
    return t


def test_a_water_ticket_goes_to_the_water_company(engine):
    d = engine.decide(water())
    assert d["id"] == "P-1"
    assert d["route"] == "ticket"
    assert d["lead"]["id"] == "zlsgs"
    assert d["reply_by"].endswith("+08:00")
    assert d["revision"] == engine.revision
    assert [s["rule"] for s in d["trace"]][:2] == ["intake.ticket", "dispatch.water"]
    assert engine.info["id"] == "shangluo-2024"
    assert hotline.__version__.count(".") == 2


def test_a_batch_equals_one_by_one_and_times_may_be_seconds(engine):
    tickets = [water("B-1"), {"id": "B-2", "category": "供电", "created": hotline.parse_time("2025-03-03 10:00")},
               {"id": "B-3", "category": "物业管理", "district": "shanyang", "dispatched": "2025-03-03 10:00"}]
    batch = engine.decide_batch(tickets)
    assert [d["lead"]["id"] for d in batch] == ["zlsgs", "gwgd", "shanyang"]
    assert batch == [engine.decide(t) for t in tickets]
    assert engine.decide_batch([]) == []


def test_bad_tickets_raise_hotline_error_naming_the_field(engine):
    with pytest.raises(hotline.Error, match=r"^ticket: category: missing$"):
        engine.decide({"id": "X", "created": "2025-03-03"})
    with pytest.raises(hotline.Error, match=r"^ticket: id: expected a string$"):
        engine.decide(water(id=5))
    with pytest.raises(hotline.Error, match=r"^ticket: created: bad time 'yesterday'"):
        engine.decide(water(created="yesterday"))
    with pytest.raises(hotline.Error, match=r"ticket: type: unknown value 'shouting'"):
        engine.decide(water(type="shouting"))
    with pytest.raises(hotline.Error, match=r"ticket: expected a dict"):
        engine.decide([1, 2])
    # A batch is checked whole before anything is decided: wrong Python types first, then
    # missing fields and unknown values.
    with pytest.raises(hotline.Error) as e:
        engine.decide_batch([water("OK"), {"id": "N"}, water(urgency=3)])
    assert str(e.value).splitlines() == ["ticket[2]: urgency: expected a string"]
    assert isinstance(e.value, ValueError)
    with pytest.raises(hotline.Error) as e:
        engine.decide_batch([water("OK"), {"id": "N"}, water(urgency="loud")])
    assert str(e.value).splitlines()[:2] == ["ticket[1]: category: missing",
                                             "ticket[1]: created: missing (or give dispatched)"]
    assert str(e.value).splitlines()[2].startswith("ticket[2]: urgency: unknown value 'loud'")


def test_missing_and_failing_rule_sets_are_refused(tmp_path):
    with pytest.raises(hotline.Error, match="no such rule set folder"):
        hotline.Engine("/no/such/ruleset")
    bad = tmp_path / "failing"
    shutil.copytree(os.path.join(SHIPPED, "rulesets", "shangluo-2024"), bad)
    test_file = bad / "tests" / "dispatch.lua"
    test_file.write_text(test_file.read_text(encoding="utf-8").replace('expect = { lead = "gwgd" }', 'expect = { lead = "zlsgs" }'),
                         encoding="utf-8")
    with pytest.raises(hotline.Error, match=r"tests/dispatch.lua:\d+: power goes to the grid company"):
        hotline.Engine(str(bad))
    assert hotline.Engine(str(bad), run_rule_tests=False).info["folder"] == str(bad)


def test_reload_keeps_the_old_revision_when_the_new_one_fails(tmp_path):
    folder = tmp_path / "set"
    shutil.copytree(os.path.join(SHIPPED, "rulesets", "shangluo-2024"), folder)
    e = hotline.Engine(str(folder))
    first = e.revision
    catalog = folder / "dispatch.lua"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('unit = "zlsgs"', 'unit = "gwgd"'), encoding="utf-8")
    with pytest.raises(hotline.Error, match="tests/dispatch.lua"):
        e.reload()
    assert e.revision == first
    assert e.decide(water())["lead"]["id"] == "zlsgs"
    assert e.reload("xian-2023") is True
    assert e.info["id"] == "xian-2023"


def test_calendar_functions_over_the_spring_festival(engine):
    assert engine.add_working_days("2025-01-24 10:00", 3) == "2025-02-06T00:00:00+08:00"
    assert engine.working_days_between("2025-01-24 10:00", "2025-02-06") == 3
    assert engine.add_working_hours("2025-01-24 10:00", 4) == "2025-01-24T16:30:00+08:00"
    assert engine.working_hours_between("2025-01-24 10:00", "2025-01-24 16:30") == pytest.approx(4)
    assert engine.is_working_day("2025-01-26") and not engine.is_working_day("2025-01-29")
    assert hotline.format_time(hotline.parse_time("2025-01-24 10:00")) == "2025-01-24T10:00:00+08:00"
    with pytest.raises(hotline.Error, match="2099"):
        engine.add_working_days("2099-05-05", 1)


def test_a_batch_leaves_the_garbage_collector_as_it_found_it(engine):
    import gc
    assert gc.isenabled()
    engine.decide_batch([water()])
    assert gc.isenabled()
    gc.disable()
    try:
        engine.decide_batch([water()])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_python_threads_share_one_engine(engine):
    tickets = [water("T-%d" % i, category=c) for i, c in enumerate(["供水", "供电", "农村水电", "物业管理"] * 50)]
    expected = engine.decide_batch(tickets)
    results = [None] * 4

    def work(k):
        results[k] = [engine.decide(t) for t in tickets]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_simulate_returns_per_unit_rows_by_replication_and_month():
    rows = hotline.simulate("shangluo-2025-01", replications=2, seed=7, as_frame=False)
    assert {r["replication"] for r in rows} == {1, 2}
    assert all(r["handled"] > 0 and r["on_time"] + r["late"] <= r["handled"] for r in rows)
    assert "2025-01" in {r["period"] for r in rows}
    units = {r["unit_id"] for r in rows}
    assert "zlsgs" in units and "shangzhou" in units
    assert rows == hotline.simulate("shangluo-2025-01", replications=2, seed=7, as_frame=False)  # same seed, same run
    with pytest.raises(hotline.Error, match="replications: must be between 1 and 100000"):
        hotline.simulate("shangluo-2025-01", replications=0)
    with pytest.raises(hotline.Error, match="no-such-scenario"):
        hotline.simulate("no-such-scenario", replications=1)


def test_simulate_gives_a_data_frame_with_pandas_and_a_list_without(monkeypatch):
    import pandas  # python3-pandas (scripts/install-deps.sh)
    frame = hotline.simulate("shangluo-2025-01", replications=1)
    assert isinstance(frame, pandas.DataFrame)
    assert {"replication", "period", "unit_id", "handled", "on_time", "satisfied"} <= set(frame.columns)
    assert frame["handled"].sum() > 1000
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    rows = hotline.simulate("shangluo-2025-01", replications=1)
    assert isinstance(rows, list) and rows == frame.to_dict("records")
    with pytest.raises(ImportError):
        hotline.simulate("shangluo-2025-01", replications=1, as_frame=True)


def test_decisions_of_a_batch_are_independent_objects(engine):
    # Repeated texts are shared strings, but every unit and trace-step dict is a decision's own.
    a, b = engine.decide_batch([water("I-1"), water("I-2")])
    assert a["lead"] == b["lead"] and a["lead"] is not b["lead"]
    assert a["trace"][0] == b["trace"][0] and a["trace"][0] is not b["trace"][0]
    a["lead"]["name"] = "changed"
    a["trace"][0]["rule"] = "changed"
    assert b["lead"]["name"] != "changed"
    assert b["trace"][0]["rule"] == "intake.ticket"
    assert engine.decide_batch([water("I-2")])[0] == b


def test_trace_false_leaves_out_only_the_trace(engine):
    tickets = [water("T-%d" % i, created=hotline.parse_time("2025-03-03 10:00") + 3600 * i) for i in range(50)]
    full = engine.decide_batch(tickets)
    lean = engine.decide_batch(tickets, trace=False)
    assert all("trace" not in d for d in lean)
    assert [{k: v for k, v in d.items() if k != "trace"} for d in full] == lean
    assert engine.decide(water(), trace=False) == lean[0] | {"id": "P-1"}
    assert len({d["accept_by"] for d in full}) == 50  # every deadline its own: times are not cached wrongly


def test_times_out_of_range_are_refused_by_name(engine):
    with pytest.raises(hotline.Error, match=r"^ticket: created: out of range"):
        engine.decide(water(created=2 ** 80))
    with pytest.raises(hotline.Error, match=r"^ticket: created: expected a time"):
        engine.decide(water(created=True))
