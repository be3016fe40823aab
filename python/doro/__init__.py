"""doro: messy English / mixed English-Korean labels of places in Korea ->
the official Korean road-name address (도로명주소), or an explicit no answer
with a reason. Offline: the same C++ engine as the `doro` command.

    >>> import doro
    >>> engine = doro.Engine()          # the built-in demo database
    >>> a = engine.refine("B 93, Wangsan-ro, Dongdaemun-gu, Seoul")
    >>> a["status"], a["roadAddrPart1"]
    ('ok', '서울특별시 동대문구 왕산로 지하 93')

An answer is a dict with the fields of the HTTP rich answer (`doro serve`,
GET /v1/refine), written by the engine's one answer writer. Bad labels
(not UTF-8, too long, not text at all) never raise: their answers have
status "no_answer" and reason "bad_input".
"""

from __future__ import annotations

import datetime as _datetime
import os as _os
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _native

DatabaseError = _native.DatabaseError
DatabaseError.__doc__ = "The database could not be opened (missing, unreadable, not a database, damaged)."

__all__ = ["Engine", "DatabaseError"]

Answer = Dict[str, Any]
PathLike = Union[str, "_os.PathLike[str]"]


class Engine:
    """A loaded address database and the matcher over it.

    Engine(db=None): db is None for the built-in demo database, or the path
    of what `doro --db` takes: a directory of official rnaddrkor_*.txt files,
    one such file, or a compiled index file (opened with mmap: instant, and
    shared through the page cache by every process that opens it).
    Raises doro.DatabaseError when it cannot be opened.

    One Engine is safe to use from many threads; refine_many releases the
    GIL while it works.
    """

    def __init__(self, db: Optional[PathLike] = None) -> None:
        if db is None:
            path = ""
        else:
            path = _os.fspath(db)
            if not path:
                raise DatabaseError("empty database path (pass None for the built-in demo database)")
        self._db = path or None
        self._native = _native.Engine(path)
        self._fields: Optional[List[str]] = None

    def refine(self, label: Union[str, bytes, Any]) -> Answer:
        """Refines one label and returns its answer dict. Never raises for
        any label: bytes that are not UTF-8, labels over the length limit
        and values that are not text (None, NaN, numbers) get bad_input."""
        return self._native.refine(label)

    def refine_many(self, labels: Iterable[Any], threads: Optional[int] = None) -> List[Answer]:
        """Refines every label, in order, splitting the work over `threads`
        native threads (None: every core; at most 256) with the GIL released, so other
        Python threads run meanwhile. Same answers as refine() one by one."""
        if threads is None:
            threads = 0
        elif not isinstance(threads, int) or threads < 1:
            raise ValueError("threads must be a positive int or None")
        return self._native.refine_many(labels, threads)

    def refine_series(self, labels: "pandas.Series", threads: Optional[int] = None) -> "pandas.DataFrame":
        """pandas.Series of labels -> pandas.DataFrame with one column per
        answer field (fields() order), one row per label, the Series' index
        kept. Needs pandas (Debian: python3-pandas)."""
        import pandas

        answers = self.refine_many(labels.tolist(), threads=threads)
        if not answers:
            return pandas.DataFrame(index=labels.index, columns=self.fields())
        return pandas.DataFrame.from_records(answers, index=labels.index, columns=self.fields())

    def fields(self) -> List[str]:
        """The answer fields, in the order the answer writer puts them."""
        if self._fields is None:
            self._fields = list(self.refine("").keys())
        return list(self._fields)

    @property
    def info(self) -> Dict[str, Any]:
        """What was loaded: db (path, None for the demo), rows, roads,
        bad_lines (rows rejected), sources (official files the rows came
        from), load_seconds, and built (an index file's modification time:
        it is written once, by renaming, when built; None otherwise)."""
        d = {"db": self._db}
        d.update(self._native.info())
        built = None
        if self._db is not None and _os.path.isfile(self._db):
            if _native.looks_like_index(self._db):
                mtime = _os.stat(self._db).st_mtime
                built = _datetime.datetime.fromtimestamp(mtime, _datetime.timezone.utc).isoformat()
        d["built"] = built
        return d

    def __repr__(self) -> str:
        return f"doro.Engine(db={self._db!r})"
