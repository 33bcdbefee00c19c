"""Dask distributed as a sweep's executor (the optional ``[distributed]`` extra).

``dask_executor("local", workers)`` starts a ``LocalCluster`` bound to 127.0.0.1 (one
single-threaded worker process per CPU asked for) and yields ``client.get_executor()``;
``dask_executor("tcp://host:8786")`` connects to a running scheduler. Workers there need
centrumsim installed at the same version; each run's result is compact plain data.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from ..results import OutputError


@contextmanager
def dask_executor(address: str, workers: int | None = None) -> Iterator[Executor]:
    """A ``concurrent.futures`` executor on a Dask cluster; closed (and a local cluster shut
    down) when the block ends. Raises OutputError when Dask is missing or the scheduler cannot
    be reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise OutputError(
            ["--scheduler: Dask distributed is not installed; pip install -e \".[distributed]\""]) from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address Dask cannot parse
        if cluster is not None:
            cluster.close()
        raise OutputError([f"--scheduler: cannot reach the Dask scheduler at {address!r} ({exc})"]) from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
