"""The live room: N visitors opening 01 at once, time until all have a working quiz, memory per visitor.

The room is started by the kit's own command (``python -m isgrille room``)
on a copy of ``notebooks/`` and reached on 127.0.0.1 only. Each visitor is an
HTTP client with its own cookies (tests/delivery/room_client.py): it opens
``01_integrer_le_concept.ipynb`` with the room code, connects to its kernel's
websocket, finds the quiz's answer buttons and answers « VRAI ». Memory: the RSS of
every kernel (/proc), divided by the visitors. Runs without then with a pool
(``--pool``), ratios in one run. Goal (issue 11): 30 visitors under 30 s,
at most 120 MB each.

    python bench/bench_room.py [--visitors 30] [--pool 0]   (--pool 0: no pooled run)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.delivery.room_client import Visitor, find  # noqa: E402

CODE = "banc4242"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def processes() -> dict[int, tuple[int, int]]:
    """Every process now: ``pid -> (parent pid, RSS in bytes)``, read from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields["VmRSS"].split()[0]) * 1024 if "VmRSS" in fields else 0
        table[int(entry.name)] = (int(fields.get("PPid", "0").strip() or 0), rss)
    return table


def kernels_rss(pid: int) -> list[int]:
    """RSS (bytes) of the children of ``pid`` (the kernels)."""
    return [rss for parent, rss in processes().values() if parent == pid and rss]


async def visitor(base: str) -> float:
    started = time.perf_counter()
    guest = Visitor(base)
    kernel = await guest.open("01_integrer_le_concept.ipynb", f"?token={CODE}")
    states = await kernel.widgets()
    await kernel.set_value(find(states, "ToggleButtonsModel", description="Ma réponse\u00a0:"), 0, "index")  # VRAI
    kernel.close()
    return time.perf_counter() - started


def run(visitors: int, pool: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-room-"))
    notebooks = work / "atelier"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("_vendor", "resultats", ".*"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = (work / "room.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "isgrille",
            "room",
            "--moteur",
            "voila",
            "--notebooks",
            str(notebooks),
            "--port",
            str(port),
            "--code",
            CODE,
            "--host",
            "127.0.0.1",
            "--pool",
            str(pool),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/voila/static/", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"the room did not start: see {log.name}") from None
                time.sleep(0.5)
        if pool:  # the pool's kernels are ready when that many kernels have run their notebook
            deadline = time.monotonic() + 300
            while len(kernels_rss(process.pid)) < pool * 5 and time.monotonic() < deadline:
                time.sleep(1)
        before = len(kernels_rss(process.pid))

        async def everyone():
            return await asyncio.gather(*(visitor(base) for _ in range(visitors)))

        started = time.perf_counter()
        times = asyncio.run(everyone())
        wall = time.perf_counter() - started
        rss = kernels_rss(process.pid)
        files = len(list((notebooks / "salle").glob("*/mes_resultats.json")))
        return {
            "wall": wall,
            "slowest": max(times),
            "median": sorted(times)[len(times) // 2],
            "kernels": len(rss),
            "before": before,
            "mb_per_kernel": sum(rss) / max(len(rss), 1) / 2**20,
            "files": files,
        }
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=30)
    parser.add_argument("--pool", type=int, default=2, help="pool size of the second run (0: no second run)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}")
    results = {"sans pool": run(args.visitors, 0)}
    if args.pool:
        results[f"pool {args.pool}"] = run(args.visitors, args.pool)
    for name, r in results.items():
        print(
            f"{name}: {args.visitors} visitors, all with a working quiz in {r['wall']:.1f} s "
            f"(median {r['median']:.1f} s), {r['kernels']} kernels ({r['before']} before), "
            f"{r['mb_per_kernel']:.0f} MB each; {r['files']} results files; "
            f"goal < 30 s: {'yes' if r['wall'] < 30 else 'no'}, ≤ 120 MB: {'yes' if r['mb_per_kernel'] <= 120 else 'no'}"
        )
    if len(results) == 2:
        (a, ra), (b, rb) = results.items()
        print(f"ratio {b} / {a}: time {rb['wall'] / ra['wall']:.2f}")


if __name__ == "__main__":
    main()
