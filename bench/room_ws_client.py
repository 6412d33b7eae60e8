"""A room participant (or the trainer) without a browser: Solara's page, spoken over its websocket.

:class:`RoomPage` does what Solara's page does in a browser (``solara/server/
static/main-vuetify.js`` and the widget manager of ``solara-vuetify-app``),
with its own cookie jar, on 127.0.0.1 only:

1. HTTP: ``GET /?code=CODE`` (the gate sets the participant's cookie and may
   redirect), then the page itself (Solara sets ``solara-session-id``);
2. the kernel's websocket ``/jupyter/api/kernels/<uuid>/channels?session_id=<uuid>``
   (both uuids drawn by the client, as the page does);
3. ``comm_open`` of a ``solara.control`` comm, then ``comm_msg {method: "run",
   args: {path, appName, dark, themes}}``: the server builds the app and sends
   every widget as a ``comm_open`` (``jupyter.widget``, ``data.state``), later
   changes as ``comm_msg {method: "update"|"echo_update", state}`` and removals as
   ``comm_close``; ``comm_msg {method: "finished", widget_id}`` names the root.

The page's models are kept by comm id (:attr:`RoomPage.models`), so a client
can wait until its screen shows something (:meth:`RoomPage.wait_for`), click a
button (``custom {event: "click"}``, the same for ipywidgets and ipyvue) or
set a value (``update``). Used by ``bench/bench_room_app.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import struct
import time
import uuid
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urljoin, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPResponse
from tornado.websocket import websocket_connect

TIMEOUT = 180.0
#: Traits whose string values are what a widget shows (ipywidgets and ipyvue/ipyvuetify).
TEXT_TRAITS = (
    "description",
    "value",
    "children",
    "label",
    "v_model",
    "placeholder",
    "tooltip",
    "text",
    "title",
    "_options_labels",
    "attributes",
    "hint",
    "messages",
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if not value.startswith("IPY_MODEL_") and value != "!!disabled!!":  # ipyvue's "no v_model"
            yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def model_text(state: dict) -> str:
    """What a widget's state shows as text (its label, value, children strings), joined by newlines."""
    return "\n".join(text for trait in TEXT_TRAITS for text in _strings(state.get(trait)))


def _deserialize(payload: bytes) -> dict:
    """A binary websocket message (Jupyter's layout: count, offsets, JSON, buffers) as a message dict."""
    count = struct.unpack("!I", payload[:4])[0]
    offsets = [*list(struct.unpack("!" + "I" * count, payload[4 : 4 * (count + 1)])), None]
    message = json.loads(payload[offsets[0] : offsets[1]].decode("utf-8"))
    message["buffers"] = [payload[a:b] for a, b in itertools.pairwise(offsets[1:])]
    return message


class RoomPage:
    """One browser tab on the room: ``base`` is ``http://127.0.0.1:PORT``; ``cookies`` may be shared (same browser)."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None):
        assert urlsplit(base).hostname == "127.0.0.1", base
        self.base = base
        self.cookies: dict[str, str] = cookies if cookies is not None else {}
        self.client = AsyncHTTPClient(force_instance=True)
        self.models: dict[str, dict] = {}
        self.root: str | None = None
        self.ws = None
        self.session = uuid.uuid4().hex
        self.kernel_id = ""
        self._changed = asyncio.Event()
        self._finished: asyncio.Future | None = None
        self._replies: dict[str, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None
        self.closed = False
        #: Bytes received on the websocket (all pages of this client), for the network's share.
        self.received = 0
        self.url = ""
        self.status = 0

    # -- HTTP ---------------------------------------------------------------------------------------

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    async def get(self, path: str) -> HTTPResponse:
        """``GET path`` with this browser's cookies; redirects followed on this server only (``self.url``: the last)."""
        url = urljoin(self.base, path)
        for _ in range(6):
            headers = {"Cookie": self.cookie_header()} if self.cookies else {}
            response = await self.client.fetch(
                HTTPRequest(
                    url, headers=headers, follow_redirects=False, connect_timeout=TIMEOUT, request_timeout=TIMEOUT
                ),
                raise_error=False,
            )
            for header in response.headers.get_list("Set-Cookie"):
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.coded_value
            self.url, self.status = url, response.code
            if response.code not in (301, 302, 303, 307, 308):
                return response
            url = urljoin(url, response.headers["Location"])
            assert urlsplit(url).hostname == "127.0.0.1", url
        return response

    # -- the page -----------------------------------------------------------------------------------

    async def open(self, path: str) -> RoomPage:
        """Load ``path`` (e.g. ``/?code=…``), connect its kernel and run the app; returns once the root is built."""
        response = await self.get(path)
        if response.code != 200 or b"solara" not in (response.body or b""):
            raise ConnectionRefusedError(f"{path}: HTTP {response.code}, not Solara's page")
        parts = urlsplit(self.url)
        await self.connect(parts.path + (f"?{parts.query}" if parts.query else ""))
        return self

    async def connect(self, app_path: str) -> None:
        """Open a new kernel's websocket and run the app at ``app_path`` (a page load without the HTTP part)."""
        self.kernel_id, self.models, self.root = str(uuid.uuid4()), {}, None
        ws_url = self.base.replace("http", "ws", 1) + (
            f"/jupyter/api/kernels/{self.kernel_id}/channels?session_id={uuid.uuid4()}"
        )
        self.ws = await websocket_connect(
            HTTPRequest(
                ws_url, headers={"Cookie": self.cookie_header()}, connect_timeout=TIMEOUT, request_timeout=TIMEOUT
            ),
            max_message_size=256 * 2**20,
        )
        self.closed = False
        self._finished = asyncio.get_running_loop().create_future()
        self._reader = asyncio.create_task(self._read())
        control = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": control, "target_name": "solara.control", "data": {}})
        self.send(
            "comm_msg",
            {
                "comm_id": control,
                "data": {"method": "run", "args": {"path": app_path, "appName": None, "dark": False, "themes": None}},
            },
        )
        self.root = await asyncio.wait_for(self._finished, TIMEOUT)

    def send(self, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "username": "participant",
                        "session": self.session,
                        "date": "2026-01-01T00:00:00Z",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "buffers": [],
                    "channel": "shell",
                }
            )
        )
        return msg_id

    async def _read(self) -> None:
        try:
            while True:
                payload = await self.ws.read_message()
                if payload is None:
                    break
                self.received += len(payload)
                message = _deserialize(payload) if isinstance(payload, bytes) else json.loads(payload)
                self._handle(message)
        finally:
            self.closed = True
            if self._finished is not None and not self._finished.done():
                self._finished.set_exception(ConnectionError("the kernel's websocket closed before the app ran"))
            self._wake()

    def _handle(self, message: dict) -> None:
        kind, content = message["header"]["msg_type"], message.get("content", {})
        parent = message.get("parent_header", {}).get("msg_id")
        if parent in self._replies and kind.endswith("_reply"):
            future = self._replies.pop(parent)
            if not future.done():
                future.set_result(message)
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content.get("data", {}).get("state", {}))
        elif kind == "comm_msg":
            data = content.get("data", {})
            method = data.get("method")
            if method in ("update", "echo_update") and content.get("comm_id") in self.models:
                self.models[content["comm_id"]].update(data.get("state", {}))
            elif method == "finished" and self._finished is not None and not self._finished.done():
                self._finished.set_result(data.get("widget_id"))
        elif kind == "comm_close":
            self.models.pop(content.get("comm_id"), None)
        else:
            return
        self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, predicate: Callable[[RoomPage], Any], timeout: float = TIMEOUT) -> Any:
        """Wait until ``predicate(self)`` is truthy (checked at each change from the server); returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate(self)
            if result:
                return result
            if self.closed:
                raise ConnectionError("the kernel's websocket closed")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"not shown within {timeout:.0f} s")
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), left)

    # -- what the screen shows ----------------------------------------------------------------------

    def visible(self) -> dict[str, dict]:
        """The models reachable from the root (children, slots, components): what the screen shows."""
        if self.root is None:
            return {}
        seen: dict[str, dict] = {}
        todo = [self.root]
        while todo:
            comm_id = todo.pop()
            state = self.models.get(comm_id)
            if state is None or comm_id in seen:
                continue
            seen[comm_id] = state
            for key in ("children", "v_slots", "components", "layout_children", "slot"):
                todo.extend(_refs(state.get(key)))
        return seen

    def texts(self) -> list[str]:
        return [model_text(state) for state in self.visible().values()]

    def shows(self, text: str) -> bool:
        """Whether a visible widget shows ``text`` (a substring of one of its strings)."""
        return any(text in shown for shown in self.texts())

    def find(self, predicate: Callable[[dict], bool]) -> list[str]:
        return [comm_id for comm_id, state in self.visible().items() if predicate(state)]

    def button(self, label: str) -> str | None:
        """The comm id of a visible button labelled ``label`` (ipywidgets Button or a vuetify Btn)."""

        def is_button(state: dict) -> bool:
            name = state.get("_model_name", "")
            if name == "ButtonModel":
                return state.get("description", "").strip() == label
            if name == "BtnModel":
                return label in [text.strip() for text in _strings(state.get("children"))]
            return False

        found = self.find(is_button)
        return found[0] if found else None

    # -- acting on it -------------------------------------------------------------------------------

    async def click(self, comm_id: str) -> None:
        self.send(
            "comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click", "data": {}}}}
        )
        await self.idle()

    async def set_value(self, comm_id: str, value: Any, trait: str = "value") -> None:
        self.send(
            "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {trait: value}, "buffer_paths": []}}
        )
        self.models.get(comm_id, {})[trait] = value
        await self.idle()

    async def idle(self, timeout: float = TIMEOUT) -> None:
        """Wait until the kernel handled every message sent before (its shell messages run in order)."""
        future = asyncio.get_running_loop().create_future()
        self._replies[self.send("kernel_info_request", {})] = future
        await asyncio.wait_for(future, timeout)

    async def close(self) -> None:
        """Leave the page as a browser's pagehide does: close the websocket."""
        if self.ws is not None:
            self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 10)
            except Exception:  # noqa: BLE001 — closing: whatever ended the reader (a timeout, a bad message)
                self._reader.cancel()
        self.closed = True

    def stop_http(self) -> None:
        self.client.close()


def _refs(value: Any) -> Iterator[str]:
    for text in _strings_all(value):
        if text.startswith("IPY_MODEL_"):
            yield text[len("IPY_MODEL_") :]


def _strings_all(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings_all(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_all(item)
