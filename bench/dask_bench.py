#!/usr/bin/python3
"""doro on Dask against `doro batch`, on the same labels and index.

    PYTHONPATH=build/python /usr/bin/python3 bench/dask_bench.py --build build [--rows DIR] [--count N]

Without --rows it generates the synthetic nationwide database at --scale
(tools/gen_national, default 0.1 = ~644k rows) in a temporary directory.
It compiles the index, writes --count generated labels (tools/gen_labels)
as a text file and as a CSV, then times:
  - `doro batch --threads 1` and `--threads 2` on the text file;
  - doro.dask.refine on a LocalCluster of 1 and of 2 worker processes (one
    thread each) reading the CSV: (a) refine every partition and count the
    rows (no result shipping), (b) refine and write CSV files from the
    workers (what a nightly job does);
and reads each worker's memory (RSS, and PSS: the mmap'd index pages
shared between processes counted once) after the job.
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--rows", help="official rnaddrkor files (default: generate with gen_national)")
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--count", type=int, default=200000)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each; the best is printed")
    args = ap.parse_args()
    build = pathlib.Path(args.build).resolve()
    sys.path.insert(0, str(build / "python"))
    os.environ["PYTHONPATH"] = str(build / "python") + os.pathsep + os.environ.get("PYTHONPATH", "")
    import dask.dataframe as dd
    import distributed
    import doro.dask

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="doro-dask-bench-"))
    rows = args.rows
    if rows is None:
        rows = tmp / "national"
        subprocess.run([str(build / "gen_national"), "--out", str(rows), "--scale", str(args.scale)],
                       check=True, capture_output=True)
    index = tmp / "index.doroidx"
    subprocess.run([str(build / "doro"), "index", "build", "--db", str(rows), "--out", str(index)],
                   check=True, capture_output=True)
    out = subprocess.run([str(build / "gen_labels"), "--db", str(rows), "--count", str(args.count),
                          "--seed", "5", "--format", "tsv"], check=True, capture_output=True).stdout.decode()
    labels = [line.split("\t", 1)[0] for line in out.splitlines()]
    txt, csv = tmp / "labels.txt", tmp / "labels.csv"
    txt.write_text("".join(label + "\n" for label in labels), encoding="utf-8")
    import pandas
    pandas.DataFrame({"id": range(len(labels)), "address": labels}).to_csv(csv, index=False)
    n = len(labels)
    print(f"{n} labels, index {index.stat().st_size / 2**20:.0f} MiB from {rows}")

    def best(fn, settle=lambda: None):
        times = []
        for _ in range(args.repeat):
            settle()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    results = {}
    batch_rss = 0
    for threads in (1, 2):
        def batch():
            nonlocal batch_rss
            proc = subprocess.Popen([str(build / "doro"), "batch", "--db", str(index), "--input", str(txt),
                                     "--threads", str(threads)], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            assert proc.returncode == 0
            batch_rss = max(batch_rss, usage.ru_maxrss / 1024)
        t = best(batch)
        results[f"batch{threads}"] = n / t
        print(f"doro batch --threads {threads}: {n / t:10.0f} labels/s ({t:.2f} s)")
    print(f"doro batch: max RSS {batch_rss:.0f} MB")

    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=40) as cluster, \
                distributed.Client(cluster) as client:
            size = csv.stat().st_size
            ddf = dd.read_csv(csv, dtype={"address": str}, keep_default_na=False,
                              blocksize=size // args.partitions + 1)
            refined = doro.dask.refine(ddf, column="address", db=index)
            def settle():
                # Until the scheduler has forgotten the last run's tasks, a
                # run of the same graph would reuse their results.
                for _ in range(600):
                    if client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0:
                        return
                    time.sleep(0.05)
                raise RuntimeError("the scheduler kept the tasks of the last run")

            # Warm-up: each worker opens the index (mmap) and imports pandas once.
            refined.map_partitions(len).compute()
            t = best(lambda: sum(refined.map_partitions(len).compute()), settle)
            print(f"dask {workers} worker(s), refine + count:     {n / t:10.0f} labels/s ({t:.2f} s)")
            results[f"dask{workers}"] = n / t
            outdir = tmp / f"out{workers}"
            t = best(lambda: refined.to_csv(str(outdir / "part-*.csv"), index=False), settle)
            print(f"dask {workers} worker(s), refine + write CSV: {n / t:10.0f} labels/s ({t:.2f} s)")

            def memory():
                import psutil
                m = psutil.Process().memory_full_info()
                return m.rss / 2**20, m.pss / 2**20, m.uss / 2**20
            for addr, (rss, pss, uss) in sorted(client.run(memory).items()):
                print(f"  worker {addr}: RSS {rss:.0f} MB, PSS {pss:.0f} MB, USS {uss:.0f} MB")
            print(f"  engines opened per worker: {sorted(client.run(doro.dask.engines_opened).values())}")
    print(f"ratio dask 2 workers / doro batch 2 threads: {results['dask2'] / results['batch2']:.2f}; "
          f"dask 2 / dask 1 workers: {results['dask2'] / results['dask1']:.2f}")
    subprocess.run(["rm", "-rf", str(tmp)])


if __name__ == "__main__":
    main()
