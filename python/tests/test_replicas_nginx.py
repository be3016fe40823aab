"""Two `doro serve` replicas behind nginx (Debian's open-source nginx) on
loopback. Under load from tools/loadgen and from checking clients, replica 1
is restarted (SIGTERM, started again) and replica 2 gets SIGHUP after its
index file was replaced by a new build: no request fails and every answer
is the one given before.

Open-source nginx has only passive health checks: a replica that refuses or
drops a request is marked down for fail_timeout after max_fails failures, and
proxy_next_upstream sends that request to the other replica. /healthz is
what the replicas are probed on before they join (here: by the test; in
Kubernetes: readiness probes, docs/deploy.md). Not about Python, but pytest
drives processes well; it runs with the package's tests.
"""

import http.client
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse

import pytest

from conftest import SOURCE_DIR, gen_labels

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx not installed (Debian: nginx-light)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def wait_until(predicate, what, polls=300):
    """Polls `predicate` (0.05 s apart) until it holds; a bound on polls, not
    a timing assertion."""
    for _ in range(polls):
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


class Replica:
    def __init__(self, doro_bin, index, port, log):
        self.args = [str(doro_bin), "serve", "--db", str(index), "--port", str(port), "--threads", "1"]
        self.port, self.log = port, log
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"))
        wait_until(lambda: get(self.port, "/healthz")[0] == 200, f"replica :{self.port} healthy")

    def metric(self, pattern):
        text = get(self.port, "/metrics")[1].decode()
        return sum(float(m) for m in re.findall(pattern + r" (\S+)", text))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            return self.proc.wait(timeout=30)
        return self.proc.returncode if self.proc else None


# The process-level frame around deploy/nginx/doro.conf (the file documented
# in docs/deploy.md), so that nginx runs unprivileged parts in a temp dir.
NGINX_MAIN = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
daemon off;
events {{ worker_connections 512; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
{doro}
}}
"""


def test_restart_and_reload_behind_nginx_lose_no_request(doro_bin, tool, tmp_path):
    def build_index(out):
        subprocess.run([str(doro_bin), "index", "build", "--db", str(SOURCE_DIR / "data/demo"), "--out", str(out)],
                       check=True, capture_output=True)

    index1, index2 = tmp_path / "r1.doroidx", tmp_path / "r2.doroidx"
    build_index(index1)
    build_index(index2)
    labels = (SOURCE_DIR / "data/demo/labels.txt").read_text(encoding="utf-8").splitlines()
    labels += gen_labels(tool, 300, seed=21)
    labels = [label for label in labels if label.strip()]
    labels_file = tmp_path / "labels.txt"
    labels_file.write_text("".join(label + "\n" for label in labels), encoding="utf-8")
    paths = ["/v1/refine?address=" + urllib.parse.quote(label, safe="") for label in labels]

    p1, p2, lb = free_port(), free_port(), free_port()
    r1 = Replica(doro_bin, index1, p1, tmp_path / "r1.log")
    r2 = Replica(doro_bin, index2, p2, tmp_path / "r2.log")
    nginx = None
    stop = threading.Event()
    threads = []
    try:
        r1.start()
        r2.start()
        expected = {path: get(p1, path) for path in paths}
        assert all(status == 200 for status, _ in expected.values())
        assert sum(b'"status":"ok"' in body for _, body in expected.values()) > len(paths) // 2

        user = "user root;" if os.geteuid() == 0 else ""
        doro_conf = (SOURCE_DIR / "deploy/nginx/doro.conf").read_text()
        for name, value in [("REPLICA1", p1), ("REPLICA2", p2), ("LISTEN", lb)]:
            doro_conf = doro_conf.replace(f"@{name}@", f"127.0.0.1:{value}")
        (tmp_path / "nginx.conf").write_text(NGINX_MAIN.format(user=user, tmp=tmp_path, doro=doro_conf))
        nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                                 stdout=subprocess.DEVNULL, stderr=open(tmp_path / "nginx.out", "ab"))
        wait_until(lambda: get(lb, "/healthz")[0] == 200, "nginx up")
        assert get(lb, "/admin/reload")[0] == 403  # not passed to the replicas

        # Checking clients: every answer through nginx must be the one above.
        checked, failures = [0], []
        lock = threading.Lock()

        def check(offset):
            conn = http.client.HTTPConnection("127.0.0.1", lb, timeout=30)
            i = offset
            while not stop.is_set():
                path = paths[i % len(paths)]
                i += 1
                try:
                    conn.request("GET", path)
                    res = conn.getresponse()
                    got = (res.status, res.read())
                except (OSError, http.client.HTTPException) as e:
                    got = ("error", repr(e).encode())
                    conn.close()
                with lock:
                    checked[0] += 1
                    if got != expected[path]:
                        failures.append((path, got[0], got[1][:200]))

        # loadgen: the bounded load, 2-second runs back to back until the end.
        loadgen_runs = []

        def load():
            while not stop.is_set():
                out = subprocess.run([str(tool("loadgen")), "--port", str(lb), "--phases", "get",
                                      "--connections", "4", "--seconds", "2", "--labels", str(labels_file)],
                                     capture_output=True, text=True, timeout=60)
                loadgen_runs.append(out)

        threads = [threading.Thread(target=check, args=(k * 97,)) for k in range(3)]
        threads.append(threading.Thread(target=load))
        for t in threads:
            t.start()

        def after_more(n):
            with lock:
                target = checked[0] + n
            wait_until(lambda: checked[0] >= target, f"{n} more checked requests", polls=2000)

        after_more(300)
        # Replica 1: SIGTERM (drains, exits 0), then started again.
        assert r1.stop() == 0
        after_more(300)  # served by replica 2 alone meanwhile
        r1.start()
        # nginx sends to it again once fail_timeout has passed.
        wait_until(lambda: r1.metric(r'doro_http_requests_total\{endpoint="/v1/refine"[^}]*\}') > 0,
                   "restarted replica 1 back in rotation", polls=2000)
        # Replica 2: a new build of the index put in place (atomic rename), then SIGHUP.
        build_index(tmp_path / "r2.new")
        os.replace(tmp_path / "r2.new", index2)
        r2.proc.send_signal(signal.SIGHUP)
        # At least once: serve's default --watch-interval also polls the file,
        # and if it looked between the rename and the signal it rightly
        # reloads too (it does not repeat a reload the signal already did).
        wait_until(lambda: r2.metric(r'doro_reloads_total\{result="ok"\}') >= 1, "replica 2 reloaded")
        assert r2.metric(r'doro_reloads_total\{result="failed"\}') == 0
        after_more(300)
        wait_until(lambda: len(loadgen_runs) >= 2, "two loadgen runs", polls=2000)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        if nginx:
            nginx.send_signal(signal.SIGQUIT)  # graceful stop
            nginx.wait(timeout=30)
        codes = (r1.stop(), r2.stop())

    assert failures == [], failures[:5]
    assert checked[0] >= 900
    assert codes == (0, 0)
    total = 0
    for out in loadgen_runs:
        assert out.returncode == 0, out.stderr
        runs = re.findall(r"get\s+\d+ conn:\s+(\d+) requests .* errors (\d+)", out.stdout)
        assert runs, out.stdout
        for requests, errors in runs:
            assert int(errors) == 0, out.stdout
            total += int(requests)
    assert total > 0
