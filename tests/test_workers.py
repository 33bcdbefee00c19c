"""Worker processes: results do not depend on their number, and they end with their parent —
on SIGTERM, on Ctrl-C and when the parent is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from centrumsim.analysis import run_seeds as run

from .conftest import MAIN

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def children(pid: int) -> list[int]:
    """Living (not zombie) processes whose parent is ``pid``."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def alive(pids: list[int]) -> list[int]:
    out = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(pid)
    return out


def wait_for(condition, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


@pytest.mark.slow  # a comparison over three pools (test_progress.py compares one and two workers in the fast tier)
def test_results_do_not_depend_on_the_number_of_workers(one_year):
    one = run(one_year, seeds=3, workers=1).summary()
    two = run(one_year, seeds=3, workers=2).summary()
    many = run(one_year, seeds=3, workers=64).summary()  # capped at the CPUs
    assert one == two == many


POOL = """
import sys, time
from centrumsim.analysis.runner import worker_pool
def slow(x):
    time.sleep(120)
    return x
with worker_pool(2) as pool:
    futures = [pool.submit(slow, i) for i in (1, 2)]
    print("ready", flush=True)
    [f.result() for f in futures]
"""


@linux_only
@pytest.mark.slow  # a kill
def test_workers_end_when_the_parent_is_killed_outright():
    proc = subprocess.Popen([sys.executable, "-c", POOL], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    workers = wait_for(lambda: children(proc.pid) if len(children(proc.pid)) >= 2 else [])
    assert len(workers) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert wait_for(lambda: not alive(workers), timeout=10), alive(workers)


@linux_only
@pytest.mark.slow
@pytest.mark.parametrize("sig, code, word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_the_command_ends_its_workers_and_leaves_nothing_on_a_signal(tmp_path, sig, code, word):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", "run", "--fixed", str(MAIN), "--seeds", "8", "--years", "10",
                             "--workers", "2", "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = wait_for(lambda: children(proc.pid) if len(children(proc.pid)) >= 2 else [])
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(0.3)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert word in err and "Traceback" not in err
    assert wait_for(lambda: not alive(workers), timeout=10), alive(workers)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


@linux_only
def test_a_worker_that_dies_is_an_error_not_a_hang(one_year):
    import threading

    from centrumsim.analysis.runner import WorkerError

    before = set(children(os.getpid()))  # e.g. a resource tracker an earlier test left: not a pool worker

    def kill_a_worker():
        # this thread makes the pool start from a fork server (runner.start_method): its workers are
        # the fork server's children, this process's grandchildren
        workers = wait_for(lambda: [c for c in descendants(os.getpid())
                                    if c not in before and c not in children(os.getpid())])
        if workers:
            os.kill(workers[0], signal.SIGKILL)

    threading.Thread(target=kill_a_worker, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(WorkerError, match="a worker process died"):
        run(MAIN, seeds=6, years=10, workers=2)
    assert time.monotonic() - started < 60


def descendants(pid: int) -> list[int]:
    """Living processes under ``pid``, at any depth (kept workers are a fork server's children)."""
    out, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        out += kids
        todo += kids
    return out


def test_kept_workers_give_the_same_results_call_after_call_and_after_a_superseded_call(one_year):
    from centrumsim import Workers

    class Superseded(Exception):
        pass

    alone = run(one_year, seeds=4, workers=1).summary()
    with Workers(2) as workers:
        workers.start()
        assert run(one_year, seeds=4, workers=workers).summary() == alone
        pids = set(descendants(os.getpid()))
        assert run(one_year, seeds=4, workers=workers).summary() == alone
        assert set(descendants(os.getpid())) == pids  # the same processes: nothing started again

        def supersede(failed: bool) -> None:  # as the page's progress does when Run is pressed again
            raise Superseded

        with pytest.raises(Superseded):
            run(one_year, seeds=12, workers=workers, progress=supersede)
        assert run(one_year, seeds=4, workers=workers).summary() == alone
        started = [p.pid for p in workers._pool._processes.values()]
    assert wait_for(lambda: not alive(started), timeout=10), alive(started)  # closed: its workers end


KILLED = """
import os, signal, sys
from centrumsim import Workers, load_scenario
from centrumsim.analysis import run_seeds as run
from centrumsim.analysis.runner import WorkerError
if __name__ == "__main__":
    sc = load_scenario(sys.argv[1]).with_years(1)
    with Workers(2) as workers:
        alone = run(sc, seeds=4, workers=workers).summary()
        victim = next(iter(workers._pool._processes.values())).pid
        def kill(failed, done=[]):
            if not done:
                done.append(os.kill(victim, signal.SIGKILL))
        try:
            run(sc.with_years(3), seeds=6, workers=workers, progress=kill)
        except WorkerError as exc:
            print("error:", exc, flush=True)
        print("same after:", run(sc, seeds=4, workers=workers).summary() == alone, flush=True)
"""


@linux_only
@pytest.mark.slow  # a kill; in a child process with a time limit, so that a hang fails instead of stopping the suite
def test_a_kept_worker_killed_during_a_call_is_an_error_and_the_next_call_has_new_workers(tmp_path):
    script = tmp_path / "killed.py"
    script.write_text(KILLED, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(MAIN)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert "error: a worker process died" in proc.stdout and "same after: True" in proc.stdout, proc.stdout


KEPT = """
from centrumsim import Workers
if __name__ == "__main__":
    w = Workers(2)
    w.start()
    import time
    time.sleep(3)
    print("ready", flush=True)
    time.sleep(120)
"""


@linux_only
@pytest.mark.slow  # a kill
def test_kept_workers_end_when_their_program_is_killed_outright(tmp_path):
    script = tmp_path / "kept.py"
    script.write_text(KEPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    workers = wait_for(lambda: descendants(proc.pid) if len(descendants(proc.pid)) >= 3 else [])
    assert len(workers) >= 3  # the fork server and two workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert wait_for(lambda: not alive(workers), timeout=10), alive(workers)


def test_a_pool_forks_only_a_process_without_other_threads():
    import subprocess
    import sys

    code = ("import threading; from centrumsim.analysis.runner import start_method; alone = start_method(); "
            "e = threading.Event(); t = threading.Thread(target=e.wait); t.start(); "
            "print(alone, start_method()); e.set(); t.join()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["fork", "forkserver"]  # Linux; a kernel's or a test runner's threads are not copied


def test_a_pool_started_beside_a_thread_gives_the_same_runs(one_year):
    import threading

    from centrumsim.analysis.runner import run_many, start_method

    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)
    beside.start()
    try:
        assert start_method() == "forkserver"
        outs = run_many([(one_year, s) for s in (0, 1)], workers=2)  # the workers must not end at once
    finally:
        stop.set()
        beside.join()
    alone = run_many([(one_year, s) for s in (0, 1)], workers=1)
    assert [o.books.tolist() for o in outs] == [o.books.tolist() for o in alone]
