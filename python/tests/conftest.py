"""Shared fixtures: where the build is, the `doro` command, generated labels.

Run through CTest (which sets PYTHONPATH and DORO_BINARY_DIR), or by hand:
    PYTHONPATH=build/python DORO_BINARY_DIR=build /usr/bin/python3 -m pytest python/tests
"""

import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("DORO_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BINARY_DIR = pathlib.Path(os.environ.get("DORO_BINARY_DIR", SOURCE_DIR / "build"))


@pytest.fixture(scope="session")
def doro_bin():
    path = BINARY_DIR / "doro"
    assert path.exists(), f"build {path} first"
    return path


@pytest.fixture(scope="session")
def tool():
    def find(name):
        path = BINARY_DIR / name
        assert path.exists(), f"build {path} first"
        return path
    return find


def gen_labels(tool, count, seed, db=None):
    """`count` messy labels from the rows of `db` (default: the demo DB),
    as str, from tools/gen_labels."""
    cmd = [str(tool("gen_labels")), "--count", str(count), "--seed", str(seed), "--format", "tsv"]
    if db:
        cmd += ["--db", str(db)]
    out = subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")
    return [line.split("\t", 1)[0] for line in out.splitlines()]


def run_batch(doro_bin, input_path, db=None, threads=None):
    """`doro batch` on a file -> its answers (dicts), one per line."""
    cmd = [str(doro_bin), "batch", "--input", str(input_path)]
    if db:
        cmd += ["--db", str(db)]
    if threads:
        cmd += ["--threads", str(threads)]
    out = subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines()]


def as_rich_answer(batch_answer, rich_fields):
    """A `doro batch` answer: the CLI and the rich answer share one vocabulary."""
    assert list(batch_answer) == rich_fields, sorted(set(batch_answer) ^ set(rich_fields))
    return batch_answer
