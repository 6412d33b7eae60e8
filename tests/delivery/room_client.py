"""A visitor of the room without a browser: HTTP with its own cookies, and the kernel's websocket.

Written with tornado (installed with Voilà): :class:`Visitor` keeps its own
cookie jar, follows redirects on this server only, opens a notebook (Voilà
runs it and answers with the page, which names the kernel) and talks to the
kernel as the page's JavaScript would: ``comm_info_request`` lists the
widgets, ``request_state`` reads one, ``update`` sets a value, ``custom``
clicks a button. Used by the room's server tests and ``bench/bench_room.py``;
it only ever reaches 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlparse

from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPResponse
from tornado.websocket import websocket_connect

TIMEOUT = 180.0


class Visitor:
    """One browser: ``base`` is ``http://127.0.0.1:PORT``."""

    def __init__(self, base: str):
        assert urlparse(base).hostname == "127.0.0.1", base
        self.base, self.cookies = base, {}
        self.client = AsyncHTTPClient(force_instance=True)  # its own connections, like a browser

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    async def request(
        self, path: str, method: str = "GET", body: str | None = None, follow: bool = True
    ) -> HTTPResponse:
        """``path`` on the server, with this visitor's cookies; redirects followed on 127.0.0.1 only."""
        url = urljoin(self.base, path)
        for _ in range(5):
            headers = {"Cookie": self.cookie_header()} if self.cookies else {}
            response = await self.client.fetch(
                HTTPRequest(
                    url,
                    method=method,
                    body=body,
                    headers=headers,
                    follow_redirects=False,
                    connect_timeout=TIMEOUT,
                    request_timeout=TIMEOUT,
                ),
                raise_error=False,
            )
            for header in response.headers.get_list("Set-Cookie"):
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.coded_value
            if not follow or response.code not in (301, 302, 303, 307):
                return response
            url = urljoin(url, response.headers["Location"])
            assert urlparse(url).hostname == "127.0.0.1", url
            method, body = "GET", None
        return response

    async def open(self, notebook: str, query: str = "") -> Kernel:
        """Render ``notebook`` (Voilà runs it) and connect to its kernel."""
        response = await self.request(f"/voila/render/{notebook}{query}")
        assert response.code == 200, (notebook, response.code)
        [kernel_id] = set(re.findall(r'kernelId["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', response.body.decode()))
        return await Kernel.connect(self, kernel_id)


class Kernel:
    """A visitor's connection to a kernel's channels, in Jupyter's JSON protocol."""

    def __init__(self, ws, kernel_id: str):
        self.ws, self.id, self.session = ws, kernel_id, uuid.uuid4().hex
        self.iopub: list[dict] = []

    @classmethod
    async def connect(cls, visitor: Visitor, kernel_id: str) -> Kernel:
        url = visitor.base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
        ws = await websocket_connect(
            HTTPRequest(url, headers={"Cookie": visitor.cookie_header()}, request_timeout=TIMEOUT)
        )
        return cls(ws, kernel_id)

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "username": "visiteur",
                        "session": self.session,
                        "date": "2024-01-01T00:00:00Z",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "buffers": [],
                    "channel": channel,
                }
            )
        )
        return msg_id

    async def reply(self, msg_id: str, msg_type: str | None = None) -> dict:
        """The next message answering ``msg_id`` (of ``msg_type`` when given); iopub messages are kept."""
        while True:
            text = await self.ws.read_message()
            if text is None:
                raise ConnectionError("the kernel's websocket closed")
            message = json.loads(text)
            if message.get("channel") == "iopub":
                self.iopub.append(message)
            if message.get("parent_header", {}).get("msg_id") == msg_id and (
                msg_type is None or message["header"]["msg_type"] == msg_type
            ):
                return message

    async def widgets(self) -> dict[str, dict]:
        """Every widget's state, by comm id."""
        comms = (
            await self.reply(self.send("comm_info_request", {"target_name": "jupyter.widget"}), "comm_info_reply")
        )["content"]["comms"]
        states = {}
        for comm_id in comms:
            update = await self.reply(
                self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}}), "comm_msg"
            )
            states[comm_id] = update["content"]["data"]["state"]
        return states

    async def set_value(self, comm_id: str, value, trait: str = "value") -> None:
        """Set a widget's trait as the page would (``index`` for a selection), and wait until it is handled."""
        self.send(
            "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {trait: value}, "buffer_paths": []}}
        )
        await self.idle()

    async def click(self, comm_id: str) -> None:
        self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
        await self.idle()

    async def idle(self) -> None:
        """Wait until the kernel has handled every message sent before (shell messages run in order)."""
        await self.reply(self.send("kernel_info_request", {}), "kernel_info_reply")

    def close(self) -> None:
        self.ws.close()


def find(states: dict[str, dict], model: str, **traits) -> str:
    """The comm id of the first widget of ``model`` (e.g. ``TextModel``) with these trait values."""
    found = [
        comm_id
        for comm_id, state in states.items()
        if state.get("_model_name") == model and all(state.get(key) == value for key, value in traits.items())
    ]
    assert found, (model, traits)
    return found[0]
