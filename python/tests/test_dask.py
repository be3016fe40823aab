"""doro.dask.refine on a LocalCluster of two worker processes: the answers
of `doro batch`, in order, other columns kept; each worker opens the
database once; a worker killed mid-job changes nothing in the result."""

import os
import signal

import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

import doro
import doro.dask
from conftest import as_rich_answer, gen_labels, run_batch

COUNT = int(os.environ.get("DORO_DASK_TEST_LABELS", "200000"))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def data(tool, doro_bin, tmp_path_factory):
    """A CSV of generated labels with other columns around them, and the
    answers `doro batch` gives for the same labels."""
    tmp = tmp_path_factory.mktemp("dask")
    labels = gen_labels(tool, COUNT, seed=11)
    (tmp / "labels.txt").write_text("".join(label + "\n" for label in labels), encoding="utf-8")
    frame = pandas.DataFrame({"id": range(COUNT), "address": labels, "channel": ["web", "app"] * (COUNT // 2) + ["web"] * (COUNT % 2)})
    frame.to_csv(tmp / "labels.csv", index=False)
    fields = doro.Engine().fields()
    expected = [as_rich_answer(a, fields) for a in run_batch(doro_bin, tmp / "labels.txt")]
    return tmp / "labels.csv", frame, expected, fields


def read(csv, partitions):
    size = os.path.getsize(csv)
    ddf = dd.read_csv(csv, dtype={"address": str, "channel": str}, keep_default_na=False,
                      blocksize=size // partitions + 1)
    assert ddf.npartitions >= partitions // 2
    return ddf


def check(result, frame, expected, fields):
    result = result.reset_index(drop=True)
    assert list(result.columns) == list(frame.columns) + fields
    assert result["id"].tolist() == frame["id"].tolist()  # order kept
    assert result["address"].tolist() == frame["address"].tolist()
    assert result["channel"].tolist() == frame["channel"].tolist()
    assert result[fields].to_dict("records") == expected


def test_refine_a_csv_on_two_worker_processes_equals_doro_batch(client, data):
    csv, frame, expected, fields = data
    out = doro.dask.refine(read(csv, 16), column="address")
    check(out.compute(), frame, expected, fields)
    opened = client.run(doro.dask.engines_opened)
    assert len(opened) == 2
    assert sorted(opened.values()) == [1, 1]  # each worker opened the database once, for 8 partitions


def test_a_worker_killed_mid_job_changes_nothing(client, data):
    csv, frame, expected, fields = data
    parts = doro.dask.refine(read(csv, 40), column="address").to_delayed()
    futures = client.compute(parts)
    distributed.wait(futures, return_when="FIRST_COMPLETED")
    busy = {w: len(keys) for w, keys in client.processing().items()}
    victim = max(busy, key=busy.get)
    pid = client.run(os.getpid, workers=[victim])[victim]
    done_before = sum(f.done() for f in futures)
    os.kill(pid, signal.SIGKILL)
    assert done_before < len(futures)  # it was mid-job
    result = pandas.concat(client.gather(futures))
    check(result, frame, expected, fields)


def test_a_column_name_clash_or_missing_column_is_refused(data):
    csv, frame, expected, fields = data
    ddf = dd.from_pandas(pandas.DataFrame({"address": ["a"], "status": ["x"]}), npartitions=1)
    with pytest.raises(ValueError, match="prefix"):
        doro.dask.refine(ddf)
    out = doro.dask.refine(ddf, prefix="doro_").compute()
    assert list(out.columns) == ["address", "status"] + ["doro_" + f for f in fields]
    with pytest.raises(KeyError):
        doro.dask.refine(ddf, column="label")
