"""The hotline rule engine and simulator for Python (docs/embedding.md).

    import hotline
    engine = hotline.Engine("shangluo-2024")
    engine.decide({"id": "T1", "category": "供水", "district": "shangzhou",
                   "created": "2025-01-24 10:00"})
    engine.add_working_days("2025-01-24 10:00", 3)       # '2025-02-06T00:00:00+08:00'
    hotline.simulate("shangluo-2025-01", replications=5)  # per-unit rows

Tickets and decisions are dicts with the keys of the JSON form of `hotline dispatch`.
Bad input raises hotline.Error (a ValueError) whose message names file, line and field.
"""
from ._hotline import Engine, Error, __version__, format_time, parse_time
from ._hotline import _simulate

__all__ = ["Engine", "Error", "__version__", "format_time", "parse_time", "simulate"]


def simulate(scenario, replications=10, seed=1, threads=0, data_folder="", as_frame=None):
    """Run a scenario with a ticket network; per-unit results per replication and month.

    Returns a pandas DataFrame when pandas is installed (as_frame=None or True), else a
    list of dicts (one per unit, replication and month; as_frame=False forces the list).
    """
    rows = _simulate(scenario, replications, seed, threads, data_folder)
    if as_frame is False:
        return rows
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows)
