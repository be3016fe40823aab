"""doro.Engine: answers equal `doro batch`, threads change nothing, the GIL
is released, bad input never raises, a missing database does, pandas."""

import math
import subprocess
import threading

import pytest

import doro
from conftest import SOURCE_DIR, as_rich_answer, gen_labels, run_batch


@pytest.fixture(scope="module")
def engine():
    return doro.Engine()


@pytest.fixture(scope="module")
def labels(tool):
    """Demo labels, generated messy labels and a few bad ones, as bytes (the
    lines `doro batch` reads)."""
    demo = (SOURCE_DIR / "data/demo/labels.txt").read_bytes().splitlines()
    generated = [s.encode() for s in gen_labels(tool, 3000, seed=7)]
    bad = [b"\xff\xfe broken", b"Seoul " + b"x" * 3000, b"", b"\xed\xa0\x80 surrogate"]
    return demo + generated + bad


def test_answers_equal_doro_batch(engine, labels, doro_bin, tmp_path):
    path = tmp_path / "labels.txt"
    path.write_bytes(b"\n".join(labels) + b"\n")
    fields = engine.fields()
    expected = [as_rich_answer(a, fields) for a in run_batch(doro_bin, path)]
    assert len(expected) == len(labels)
    assert engine.refine_many(labels) == expected
    assert [engine.refine(label) for label in labels] == expected
    # str labels (the valid ones) give the same answers as their bytes.
    for label, want in zip(labels[:500], expected):
        assert engine.refine(label.decode()) == want
    assert sum(a["status"] == "ok" for a in expected) > len(labels) // 2  # the labels mean something


def test_threads_give_the_same_answers(engine, labels):
    one = engine.refine_many(labels, threads=1)
    assert engine.refine_many(labels, threads=2) == one
    assert engine.refine_many(labels, threads=5) == one
    assert engine.refine_many(iter(labels)) == one  # any iterable
    assert engine.refine_many([]) == []
    with pytest.raises(ValueError):
        engine.refine_many(labels, threads=0)


def test_the_gil_is_released_two_python_threads_run_native_code_at_once(engine, labels):
    # refine_many counts the threads inside its GIL-free section; if it held
    # the GIL, a second Python thread could never enter while the first is
    # in there, and the peak would stay 1. Rounds are bounded, not timed.
    work = labels * 4
    doro._native._reset_threads_inside_peak()
    stop = threading.Event()

    def worker():
        for _ in range(50):
            if stop.is_set():
                return
            engine.refine_many(work, threads=1)
            if doro._native._threads_inside_peak() >= 2:
                stop.set()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert doro._native._threads_inside_peak() >= 2


def test_bad_input_never_raises(engine):
    bad = [b"\xff\xfe", "", "   ", "lone \udcb0 surrogate", "\ud800", "x" * 2001, None, float("nan"), 12, object()]
    answers = engine.refine_many(bad + ["B 93, Wangsan-ro, Dongdaemun-gu, Seoul"])
    for label, a in zip(bad, answers):
        assert a["status"] == "no_answer", label
        assert a["reason"] == "bad_input", label
        assert a == engine.refine(label)
    assert answers[-1]["status"] == "ok"  # the good label beside them is untouched
    # Odd but valid text is matched, not refused.
    for label in ["abc\0def", "🙂 Seoul", "서울"]:
        assert engine.refine(label)["reason"] != "bad_input", label


def test_a_missing_or_broken_database_raises_database_error(tmp_path):
    with pytest.raises(doro.DatabaseError, match="nonexistent"):
        doro.Engine(tmp_path / "nonexistent")
    with pytest.raises(doro.DatabaseError):
        doro.Engine("")
    broken = tmp_path / "broken.doroidx"
    broken.write_bytes(b"DOROIDX\0" + b"\x01" * 500)
    with pytest.raises(doro.DatabaseError):
        doro.Engine(broken)
    assert issubclass(doro.DatabaseError, Exception)


def test_an_index_file_opens_and_answers_as_the_directory(doro_bin, tmp_path, engine):
    index = tmp_path / "demo.doroidx"
    subprocess.run([str(doro_bin), "index", "build", "--db", str(SOURCE_DIR / "data/demo"),
                    "--out", str(index)], check=True, capture_output=True)
    from_index = doro.Engine(index)
    from_dir = doro.Engine(SOURCE_DIR / "data/demo")
    info = from_index.info
    assert info["db"] == str(index)
    assert info["rows"] == engine.info["rows"] > 0
    assert info["roads"] > 0 and info["sources"]
    assert info["built"] is not None and from_dir.info["built"] is None
    label = "B 93, Wangsan-ro, Dongdaemun-gu, Seoul"
    assert from_index.refine(label) == from_dir.refine(label)
    assert from_index.refine(label)["status"] == "ok"


def test_pandas_series_round_trip(engine, labels):
    pandas = pytest.importorskip("pandas")
    texts = [label.decode("utf-8", "surrogateescape") for label in labels[:300]]
    index = pandas.Index([f"row{i}" for i in range(len(texts))][::-1], name="id")
    series = pandas.Series(texts, index=index, name="address")
    series.iloc[5] = None
    series.iloc[6] = math.nan
    df = engine.refine_series(series, threads=2)
    assert list(df.columns) == engine.fields()
    assert df.index.equals(series.index)
    for key in [index[0], index[5], index[6], index[100], index[-1]]:
        assert df.loc[key].to_dict() == engine.refine(series.loc[key])
    assert df.loc[index[5], "reason"] == "bad_input"
    # Back from CSV: the scalar columns survive a file round trip.
    again = pandas.read_csv(pandas.io.common.StringIO(df.to_csv()), index_col="id",
                            keep_default_na=False, dtype=str)
    assert again.index.equals(series.index)
    assert list(again["roadAddrPart1"]) == list(df["roadAddrPart1"])
    empty = engine.refine_series(pandas.Series([], dtype=object))
    assert list(empty.columns) == engine.fields() and len(empty) == 0


def test_help_texts():
    for obj in [doro, doro.Engine, doro.Engine.refine, doro.Engine.refine_many,
                doro.Engine.refine_series, doro.Engine.info, doro.DatabaseError]:
        assert obj.__doc__ and len(obj.__doc__) > 20, obj
