"""doro on Dask: refine a column of a dask.dataframe on a cluster.

    import dask.dataframe as dd, doro.dask
    ddf = dd.read_csv("labels-*.csv", dtype=str, keep_default_na=False)
    out = doro.dask.refine(ddf, column="address", db="/data/korea.doroidx")
    out.to_parquet("refined/")

Each worker process opens the database once, on its first partition, and
keeps it for every later one (a compiled index file is mmap'd, so the
processes of one machine share its pages through the page cache; give every
machine the same file). Each partition is refined in one refine_many call;
the answer columns are appended after the partition's own, whose order,
index and other columns are kept. Lost partitions (a worker dies) are simply
recomputed by Dask: refining is a pure function of the label and the index.
Needs python3-distributed (or python3-dask) from Debian.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, List, Optional

import doro

__all__ = ["refine", "answer_fields", "engines_opened"]

# Per worker process: db path -> Engine, opened on first use.
_engines: Dict[Optional[str], "doro.Engine"] = {}
_engines_lock = threading.Lock()
_opened = 0  # Engines this process has opened (tests check "once per worker")


def _engine(db: Optional[str]) -> "doro.Engine":
    global _opened
    with _engines_lock:
        engine = _engines.get(db)
        if engine is None:
            engine = doro.Engine(db)
            _engines[db] = engine
            _opened += 1
        return engine


def engines_opened() -> int:
    """How many databases this process has opened (run it on the workers
    with client.run to see each opened its index once)."""
    return _opened


def answer_fields() -> List[str]:
    """The answer columns refine() appends (before any prefix)."""
    return doro.Engine().fields()


def _refine_partition(part: Any, column: str, db: Optional[str], prefix: str, threads: int) -> Any:
    import pandas

    answers = _engine(db).refine_series(part[column], threads=threads)
    answers.columns = [prefix + name for name in answers.columns]
    return pandas.concat([part, answers], axis=1)


def refine(ddf: Any, column: str = "address", db: Optional[Any] = None, prefix: str = "",
           threads: int = 1) -> Any:
    """Returns `ddf` with the answer columns of its `column` appended (lazy,
    like any dask.dataframe operation).

    db: None (the built-in demo database) or a path every worker can open:
    a compiled index file (best: mmap'd, shared between processes) or a
    directory of official files. prefix: put before each answer column's
    name, e.g. "doro_"; an answer column that would collide with an existing
    column raises ValueError. threads: native threads per partition (1 suits
    a worker thread per core; each call releases the GIL).
    """
    if column not in ddf.columns:
        raise KeyError(f"no column {column!r} in the dataframe (columns: {list(ddf.columns)})")
    path = None if db is None else os.fspath(db)
    names = [prefix + f for f in answer_fields()]
    clash = sorted(set(names) & set(ddf.columns))
    if clash:
        raise ValueError(f"answer columns {clash} already exist; pass prefix=, e.g. prefix='doro_'")
    # The empty partition refined by the demo database: the same columns and
    # dtypes as any real one, without opening `db` here (the client may not
    # even see the workers' path; a bad path fails in the first task with
    # doro.DatabaseError).
    meta = _refine_partition(ddf._meta, column, None, prefix, threads)
    return ddf.map_partitions(_refine_partition, column, path, prefix, threads, meta=meta)
