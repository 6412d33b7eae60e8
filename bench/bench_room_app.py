"""The live room on Solara, measured as issue 15 asks, side by side in one run (figures and ratios, no asserts).

Each run starts the room as a trainer does (``python -m isgrille room`` on a
temporary room folder, a free port, 127.0.0.1 only), connects the trainer's
page first (it brings the room to « Quiz »), then:

- **joining at once**: N participants (30, 60, 100) open the room's address
  with the code at the same moment, as real Solara websocket clients
  (``bench/room_ws_client.py``), and the time until all of them show the
  trainer's current step is taken; for 30, also in chromium (30 contexts of
  one Debian chromium at 390×844, Playwright);
- **memory per participant**: the server's RSS (its process and children,
  ``/proc/<pid>/status`` VmRSS) after they joined, minus before, ÷ N;
- **a step change**: the trainer's page clicks « Grille »; the time until every
  participant shows it, and the server's CPU seconds spent meanwhile;
- **reloads**: one participant reloads 30 times (a new page and websocket
  each time, same cookies); the RSS growth right after and once settled;
- **today's Voilà room** for 30 (``--moteur voila``, the machinery of
  ``bench/bench_room.py`` and ``tests/delivery/room_client.py``): all with a
  working quiz, memory per participant, and its 30 reloads.

Goals (issue 15, this 2-core machine): 100 participants on the current step in
under 30 s, at most 15 MB each, a step change reaching all 100 within 2 s, 30
reloads adding under 20 MB. The clients run in this process, on the same
cores as the server: the figures include their cost.

    python bench/bench_room_app.py [--sizes 30,60,100] [--browsers 30] [--reloads 30] [--voila 30]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_room  # noqa: E402  (today's Voilà room: its visitor and its kernels' memory)
from room_ws_client import RoomPage  # noqa: E402

from tests.delivery.room_client import Visitor  # noqa: E402

CODE = bench_room.CODE  # bench_room's visitors open the Voilà room with this code
JOIN, STEP = "Quiz", "Grille"
STEP_TIMEOUT = 300.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: A step is shown when the step bar marks it as the current one (aria-current, or a current/active class).
STEP_SHOWN_JS = """label => [...document.querySelectorAll('[aria-current]:not([aria-current="false"]), .isg-step-current')]
  .some(e => e.offsetParent !== null && e.innerText.trim() === label)"""


def step_shown(page: RoomPage, label: str) -> bool:
    """Whether ``page``'s screen marks ``label`` as the current step (its step bar's current button)."""
    for state in page.visible().values():
        attributes = state.get("attributes") or {}
        classes = " ".join(state.get("_dom_classes") or []) + " " + str(state.get("class_") or "")
        current = attributes.get("aria-current") not in (None, "false") or "isg-step-current" in classes
        if current and label in (
            state.get("description"),
            *[c.strip() for c in state.get("children") or [] if isinstance(c, str)],
        ):
            return True
        if state.get("_model_name") == "ToggleButtonsModel" and label in (state.get("_options_labels") or ()):
            index = state.get("index")
            if index is not None and state["_options_labels"][index] == label:
                return True
    return False


#: What a page shows while the step it has just been brought to is being built.
LOADING = "Chargement de l'étape"


def step_built(page: RoomPage) -> bool:
    """Whether ``page``'s step is built (no « Chargement de l'étape… » on its screen)."""
    return not any(
        LOADING in str(state.get(key) or "")
        for state in page.visible().values()
        for key in ("unsafe_innerHTML", "value")
    )


# -- the server -------------------------------------------------------------------------------------


def free_port() -> int:
    return bench_room.free_port()


def tree_rss(pid: int) -> int:
    """The RSS (bytes) of ``pid`` and its descendants."""
    table = bench_room.processes()
    family, grew = {pid}, True
    while grew:
        more = {child for child, (parent, _) in table.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(table[member][1] for member in family if member in table)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settled_rss(pid: int, limit: float = 90.0) -> int:
    """The RSS once it stops moving (5 samples a second apart within 2 MB), at most ``limit`` seconds on."""
    samples: list[int] = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        samples.append(tree_rss(pid))
        if len(samples) >= 5 and max(samples[-5:]) - min(samples[-5:]) < 2 * 2**20:
            break
        time.sleep(1.0)
    return samples[-1]


class Room:
    """``python -m isgrille room`` (Solara, or ``--moteur voila``) on a temporary folder; ``stop()`` ends it."""

    def __init__(self, voila: bool = False, maximum: int = 400):
        self.work = Path(tempfile.mkdtemp(prefix="bench-room-app-"))
        self.folder = self.work / "salle"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (self.work / "room.log").open("w")
        command = [
            sys.executable,
            "-m",
            "isgrille",
            "room",
            "--dir",
            str(self.folder),
            "--port",
            str(self.port),
            "--code",
            CODE,
            "--host",
            "127.0.0.1",
        ]
        if voila:
            notebooks = self.work / "atelier"
            shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("_vendor", "resultats", ".*"))
            command += ["--moteur", "voila", "--notebooks", str(notebooks)]
        else:
            command += ["--max", str(maximum)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("ISGRILLE_RESULTS", None)
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=self.work)
        deadline = time.monotonic() + 120
        while True:
            printed = [
                line.strip()
                for line in Path(self.log.name).read_text(encoding="utf-8").splitlines()
                if line.startswith("http")
            ]
            if len(printed) >= 2 and self._answers("/voila/static/" if voila else "/"):
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the room did not start: see {self.log.name}")
            time.sleep(0.3)
        self.url, self.trainer_url = (self._local(url) for url in printed[:2])

    def _answers(self, path: str) -> bool:
        try:
            urllib.request.urlopen(self.base + path, timeout=2)
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True

    def _local(self, url: str) -> str:
        """A printed address on 127.0.0.1 (the room listens everywhere; the bench never leaves this computer)."""
        parts = urlsplit(url)
        return urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))

    def path(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def rss(self) -> int:
        return tree_rss(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


# -- Solara: websocket clients ----------------------------------------------------------------------


class Probe:
    """A tiny request (the join page, answered by the gate on the server's event loop) every 50 ms, from a thread.

    Its slowest answer is an upper bound of how long the server's loop was blocked meanwhile (the clients
    share this process and the two cores, so their own delays are in it too).
    """

    def __init__(self, base: str):
        self.base, self.times = base, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            with contextlib.suppress(OSError, urllib.error.HTTPError):
                urllib.request.urlopen(self.base + "/", timeout=30).read()
            self.times.append(time.perf_counter() - started)
            self._stop.wait(0.05)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def slowest_ms(self) -> float:
        return max(self.times, default=float("nan")) * 1000


async def trainer_page(room: Room) -> RoomPage:
    trainer = RoomPage(room.base)
    await trainer.open(room.path(room.trainer_url))
    return trainer


async def move(trainer: RoomPage, label: str) -> None:
    """The trainer clicks the step's button on their page."""
    button = await trainer.wait_for(lambda page: page.button(label), 60)
    await trainer.click(button)


async def join(room: Room, label: str) -> tuple[RoomPage | None, float]:
    started = time.perf_counter()
    page = RoomPage(room.base)
    try:
        await page.open(room.path(room.url))
        await page.wait_for(lambda p: step_shown(p, label), STEP_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 — any participant's failure is counted; the others go on
        print(f"  a participant failed: {type(exc).__name__}: {str(exc)[:160]}", flush=True)
        return None, time.perf_counter() - started
    return page, time.perf_counter() - started


async def ws_run(participants: int, reloads: int) -> dict:
    room = Room()
    try:
        trainer = await trainer_page(room)
        await move(trainer, JOIN)
        before = settled_rss(room.process.pid, 20)
        cpu = cpu_seconds(room.process.pid)
        started = time.perf_counter()
        with Probe(room.base) as probe:
            joined = await asyncio.gather(*(join(room, JOIN) for _ in range(participants)))
        wall = time.perf_counter() - started
        pages = [page for page, _ in joined if page is not None]
        times = sorted(elapsed for _, elapsed in joined)
        after = room.rss()
        result = {
            "n": participants,
            "engine": "Solara, websockets",
            "join": wall,
            "median": times[len(times) // 2],
            "ok": len(pages),
            "mb": (after - before) / participants / 2**20,
            "before": before / 2**20,
            "join_cpu": cpu_seconds(room.process.pid) - cpu,
            "probe_ms": probe.slowest_ms,
        }
        result["kb_join"] = sum(page.received for page in pages) / max(len(pages), 1) / 1024
        received = sum(page.received for page in pages)
        result.update(await ws_step(room, trainer, pages, STEP))  # a step never shown: every screen is built
        result["kb_step"] = (sum(page.received for page in pages) - received) / max(len(pages), 1) / 1024
        result["mb_grid"] = (room.rss() - before) / participants / 2**20
        back = await ws_step(room, trainer, pages, JOIN)  # a step already built: the hub's dispatch alone
        result.update(back=back["step"], back_cpu=back["step_cpu"])
        if reloads and pages:
            result.update(await ws_reloads(room, pages[0], reloads))
        for page in [*pages, trainer]:
            await page.close()
        return result
    finally:
        room.stop()


async def ws_step(room: Room, trainer: RoomPage, pages: list[RoomPage], label: str) -> dict:
    """The trainer opens ``label``: seconds until every page shows it, the server's CPU seconds meanwhile."""
    cpu = cpu_seconds(room.process.pid)
    started = time.perf_counter()
    with Probe(room.base) as probe:
        await move(trainer, label)
        reached = await asyncio.gather(
            *(page.wait_for(lambda p: step_shown(p, label), 120) for page in pages), return_exceptions=True
        )
        shown = time.perf_counter() - started
        await asyncio.gather(*(page.wait_for(step_built, 300) for page in pages), return_exceptions=True)
    return {
        "step": shown,
        "step_built": time.perf_counter() - started,
        "step_cpu": cpu_seconds(room.process.pid) - cpu,
        "step_ok": sum(1 for r in reached if r is True),
        "step_probe_ms": probe.slowest_ms,
    }


async def ws_reloads(room: Room, page: RoomPage, reloads: int, label: str = JOIN) -> dict:
    """``page`` reloaded ``reloads`` times as a browser does: the old page closes, a new one loads and shows the step."""
    before = settled_rss(room.process.pid, 30)
    started = time.perf_counter()
    for _ in range(reloads):
        await page.close()
        await page.open("/")
        await page.wait_for(lambda p: step_shown(p, label), 120)
    wall = time.perf_counter() - started
    right_after = room.rss()
    settled = settled_rss(room.process.pid)
    return {
        "reloads": reloads,
        "reload_s": wall / reloads,
        "reload_mb": (right_after - before) / 2**20,
        "reload_settled_mb": (settled - before) / 2**20,
    }


# -- Solara: chromium -------------------------------------------------------------------------------


def browser_run(participants: int) -> dict:
    from playwright.sync_api import sync_playwright

    room = Room()
    loop = asyncio.new_event_loop()  # the trainer's websocket page lives on its own thread, beside Playwright's
    thread = threading.Thread(target=loop.run_forever, name="trainer", daemon=True)
    thread.start()

    def run(coroutine, timeout: float = STEP_TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)

    try:
        trainer = run(trainer_page(room))
        run(move(trainer, JOIN))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            before = settled_rss(room.process.pid, 20)
            contexts = [
                browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
                for _ in range(participants)
            ]
            pages = [context.new_page() for context in contexts]
            remote: set[str] = set()
            for page in pages:
                page.on(
                    "request",
                    lambda request: (
                        remote.add(request.url) if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None
                    ),
                )
            cpu = cpu_seconds(room.process.pid)
            started = time.perf_counter()
            with Probe(room.base) as probe:
                for page in pages:  # all pages load together: goto returns at the load event, the app then builds
                    page.goto(room.url, wait_until="commit", timeout=int(STEP_TIMEOUT * 1000))
                ok = _all_shown(pages, JOIN, STEP_TIMEOUT)
            wall = time.perf_counter() - started
            after = room.rss()
            result = {
                "n": participants,
                "engine": "Solara, chromium",
                "join": wall,
                "median": float("nan"),
                "ok": ok,
                "mb": (after - before) / participants / 2**20,
                "before": before / 2**20,
                "join_cpu": cpu_seconds(room.process.pid) - cpu,
                "probe_ms": probe.slowest_ms,
            }
            cpu = cpu_seconds(room.process.pid)
            started = time.perf_counter()
            run(move(trainer, STEP))
            result["step_ok"] = _all_shown(pages, STEP, 120)
            result["step"] = time.perf_counter() - started
            result["step_cpu"] = cpu_seconds(room.process.pid) - cpu
            result["mb_grid"] = (room.rss() - before) / participants / 2**20
            started = time.perf_counter()
            run(move(trainer, JOIN))
            _all_shown(pages, JOIN, 120)
            result["back"] = time.perf_counter() - started
            result["remote"] = len(remote)
            browser.close()
        run(trainer.close())
        return result
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        room.stop()


def _all_shown(pages: list, label: str, timeout: float) -> int:
    """How many pages show ``label`` as the current step, waiting for each in turn within one deadline."""
    from playwright.sync_api import Error as PlaywrightError  # a timeout too (its TimeoutError is one)

    deadline = time.monotonic() + timeout
    shown = 0
    for page in pages:
        left = max(1.0, deadline - time.monotonic())
        try:
            page.wait_for_function(STEP_SHOWN_JS, arg=label, timeout=int(left * 1000), polling=250)
            shown += 1
        except PlaywrightError as exc:
            print(f"  a browser page did not show «\u00a0{label}\u00a0»: {str(exc).splitlines()[0][:160]}", flush=True)
    return shown


# -- today's Voilà room -----------------------------------------------------------------------------


def voila_run(participants: int, reloads: int) -> dict:
    room = Room(voila=True)
    try:
        before = room.rss()

        async def everyone():
            return await asyncio.gather(
                *(bench_room.visitor(room.base) for _ in range(participants)), return_exceptions=True
            )

        started = time.perf_counter()
        times = asyncio.run(everyone())
        wall = time.perf_counter() - started
        done = sorted(t for t in times if isinstance(t, float))
        after = room.rss()
        result = {
            "n": participants,
            "engine": "Voilà today, websockets",
            "join": wall,
            "median": done[len(done) // 2] if done else float("nan"),
            "ok": len(done),
            "mb": (after - before) / participants / 2**20,
            "before": before / 2**20,
            "step": float("nan"),
            "step_cpu": float("nan"),
            "step_ok": 0,
        }
    finally:
        room.stop()
    if reloads:  # on a fresh room: the joiners' kernels, culled meanwhile, would hide the growth
        room = Room(voila=True)
        try:

            async def reload_all():
                guest = Visitor(room.base)
                for _ in range(reloads):
                    kernel = await guest.open("01_integrer_le_concept.ipynb", f"?token={CODE}")
                    await kernel.widgets()
                    kernel.close()

            before = settled_rss(room.process.pid, 30)
            started = time.perf_counter()
            asyncio.run(reload_all())
            wall = time.perf_counter() - started
            result.update(
                {
                    "reloads": reloads,
                    "reload_s": wall / reloads,
                    "reload_mb": (room.rss() - before) / 2**20,
                    "reload_settled_mb": (settled_rss(room.process.pid) - before) / 2**20,
                }
            )
        finally:
            room.stop()
    return result


# -- the table --------------------------------------------------------------------------------------


def table(results: list[dict]) -> None:
    nan = float("nan")
    columns = [
        ("run", "engine", "<26", "s"),
        ("N", "n", ">4", "d"),
        ("all on step s", "join", ">14", ".1f"),
        ("median s", "median", ">9", ".1f"),
        ("ok", "ok", ">4", "d"),
        ("CPU s", "join_cpu", ">7", ".1f"),
        ("MB each", "mb", ">8", ".1f"),
        ("probe ms", "probe_ms", ">9", ".0f"),
        ("→Grille s", "step", ">10", ".2f"),
        ("built s", "step_built", ">8", ".2f"),
        ("CPU s", "step_cpu", ">7", ".1f"),
        ("reached", "step_ok", ">8", "d"),
        ("probe ms", "step_probe_ms", ">9", ".0f"),
        ("MB each Grille", "mb_grid", ">15", ".1f"),
        ("→Quiz again s", "back", ">14", ".2f"),
        ("CPU s", "back_cpu", ">7", ".1f"),
        ("KB join", "kb_join", ">8", ".0f"),
        ("KB →Grille", "kb_step", ">11", ".0f"),
        ("reload s", "reload_s", ">9", ".2f"),
        ("reloads MB", "reload_mb", ">11", ".1f"),
        ("settled MB", "reload_settled_mb", ">11", ".1f"),
    ]
    print()
    print("".join(f"{title:{align}}" for title, _, align, _ in columns))
    for r in results:
        print("".join(f"{r.get(key, 0 if kind == 'd' else nan):{align}{kind}}" for _, key, align, kind in columns))
    print(
        "(→Grille: the trainer opens a step no screen has built yet, until every screen shows it as the current "
        "step; built s: until every screen has built it; →Quiz again: a step every screen has built; "
        "CPU s: the server's CPU seconds for the join or the step change before it; probe ms: the slowest answer "
        "to a tiny request sent every 50 ms meanwhile (an upper bound of the server's loop being blocked); KB: received per participant's websocket; "
        "the Voilà room has no trainer-led steps)"
    )
    solara = {r["n"]: r for r in results if r["engine"] == "Solara, websockets"}
    voila = next((r for r in results if r["engine"].startswith("Voilà")), None)
    if voila and voila["n"] in solara:
        s = solara[voila["n"]]
        print(
            f"\nratio Voilà / Solara for {voila['n']}: join time {voila['join'] / s['join']:.1f}×, "
            f"memory per participant {voila['mb'] / max(s['mb'], 0.1):.1f}×"
            + (
                f", reload growth {voila['reload_mb'] / max(s['reload_mb'], 0.1):.0f}×"
                if "reload_mb" in voila and "reload_mb" in s
                else ""
            )
        )
    if len(solara) > 1:
        first, last = min(solara), max(solara)
        print(
            f"ratio {last} / {first} participants (Solara): join time "
            f"{solara[last]['join'] / solara[first]['join']:.2f}×, step change "
            f"{solara[last]['step'] / max(solara[first]['step'], 0.01):.2f}×"
        )
    big = solara.get(max(solara)) if solara else None
    if big:
        reload = next((r for r in results if r["engine"] == "Solara, websockets" and "reload_mb" in r), None)
        memory = max(big["mb"], big.get("mb_grid", 0.0))
        print(
            f"goals ({big['n']} participants): all on step < 30 s: "
            f"{'yes' if big['join'] < 30 and big['ok'] == big['n'] else 'no'}; ≤ 15 MB each: "
            f"{'yes' if memory <= 15 else 'no'} ({memory:.1f}); step change ≤ 2 s: first visit "
            f"{'yes' if big['step'] <= 2 and big['step_ok'] == big['n'] else 'no'} ({big['step']:.1f} s; "
            f"every screen built after {big.get('step_built', float('nan')):.1f} s), "
            f"built step {'yes' if big['back'] <= 2 else 'no'} ({big['back']:.1f} s)"
            + (
                f"; 30 reloads < 20 MB: {'yes' if reload['reload_settled_mb'] < 20 else 'no'} "
                f"({reload['reload_settled_mb']:.0f} MB)"
                if reload
                else ""
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,60,100", help="participants per websocket run (comma-separated)")
    parser.add_argument("--browsers", type=int, default=30, help="participants in chromium (0: none)")
    parser.add_argument("--reloads", type=int, default=30, help="reloads of one participant (0: none)")
    parser.add_argument("--voila", type=int, default=30, help="participants in today's Voilà room (0: none)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    for index, size in enumerate(sizes):
        print(f"Solara, {size} websocket participants…", flush=True)
        results.append(asyncio.run(ws_run(size, args.reloads if index == 0 else 0)))
    if args.browsers:
        print(f"Solara, {args.browsers} chromium participants…", flush=True)
        results.append(browser_run(args.browsers))
    if args.voila:
        print(f"Voilà today, {args.voila} websocket participants…", flush=True)
        results.append(voila_run(args.voila, args.reloads))
    table(results)


if __name__ == "__main__":
    main()
