"""Simulated students on a running course hub, on loopback.

`cargo lab bench hub` and `cargo lab test --hub` run this script with the
workspace's Python against a hub they started with a service token. Each
student, arriving ARRIVAL / N seconds after the previous one, as a class
does:

1. is created and gets a server through the hub's REST API (the time until
   the server answers is the spawn time);
2. opens the notebook's session (its `rust` kernel) through the server's
   REST API, as JupyterLab does (so the kernel knows its notebook and warms
   itself up, tools/jupyter/kernel/launch.py), and, on the kernel's
   websocket (Jupyter's messages as JSON), runs `:preserve_vars_on_panic 0`
   (a panicking cell fails); reads the notebook's introduction for a random
   0.5–1.5 × READ seconds from opening it, then runs the notebook's first
   CELLS code cells in order, pausing a random 0.5–1.5 × THINK seconds
   before each cell after the first, as a student reads the next slide;
   each cell's time is from the request to the kernel's reply;
3. has its kernel's memory measured just before the first cell and after
   the last (the proportional set size, PSS, of the kernel's processes,
   found by their JUPYTERHUB_USER; the same for the student's Jupyter
   server), then its folder's size.

The students' names start with PREFIX (a run's own, so nothing left by
another run is counted as theirs).

The kernels and servers are stopped at the end. It writes one JSON object
to stdout: {"students": [{"name", "spawn_seconds", "cells": [{"cell",
"seconds", "status", "message"}], "restarts", "kernel_idle_bytes",
"kernel_after_bytes", "server_bytes", "disk_bytes"}]}. A kernel that dies
and is restarted by the student's server (JupyterLab shows "restarting")
counts in "restarts"; the student then runs the cell again, as they would,
and its time includes the restart. Only 127.0.0.1 is contacted.

    python load.py --url URL --token TOKEN --students N --notebook FILE
                   --homes DIR --prefix NAME [--cells K] [--read S]
                   [--think S] [--arrival S]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

# A cell that takes longer has failed (the first `:dep` takes seconds when
# the shared build is used, minutes when it is not).
CELL_TIMEOUT = 600
SPAWN_TIMEOUT = 600
# The cell every kernel runs first: a panicking cell fails.
SETUP = ":preserve_vars_on_panic 0"


class Hub:
    """The hub's REST API and the students' servers, with the service token."""

    def __init__(self, url: str, token: str):
        self.url = url.rstrip("/")
        self.headers = {"Authorization": f"token {token}"}

    async def call(self, method: str, path: str, body=None):
        """One request; the decoded JSON answer, or an error for HTTP >= 400."""
        if body is None and method in ("POST", "PUT", "PATCH"):
            body = {}
        request = HTTPRequest(
            self.url + path,
            method=method,
            headers=self.headers,
            body=None if body is None else json.dumps(body),
            request_timeout=SPAWN_TIMEOUT,
        )
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code >= 400 and response.code != 409:
            raise RuntimeError(f"{method} {path}: HTTP {response.code}: {response.body[:300]!r}")
        return json.loads(response.body) if response.body else None

    async def ready(self) -> None:
        """Waits until the hub itself answers (its proxy answers first)."""
        start = time.monotonic()
        while time.monotonic() - start < SPAWN_TIMEOUT:
            request = HTTPRequest(self.url + "/hub/api/", headers=self.headers, request_timeout=10)
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
            if response.code == 200:
                return
            await asyncio.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {SPAWN_TIMEOUT} s")

    async def spawn(self, name: str) -> float:
        """Creates the user, starts their server; the seconds until it is ready."""
        await self.call("POST", f"/hub/api/users/{name}")
        start = time.monotonic()
        await self.call("POST", f"/hub/api/users/{name}/server")
        while time.monotonic() - start < SPAWN_TIMEOUT:
            user = await self.call("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - start
            await asyncio.sleep(0.5)
        raise RuntimeError(f"{name}'s server did not start within {SPAWN_TIMEOUT} s")


def message(kernel_session: str, code: str | None) -> dict:
    """A Jupyter `execute_request` of `code` on the shell channel, or a
    `kernel_info_request` for None."""
    execute = {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "student",
            "session": kernel_session,
            "msg_type": "kernel_info_request" if code is None else "execute_request",
            "version": "5.3",
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        },
        "parent_header": {},
        "metadata": {},
        "content": {} if code is None else execute,
        "channel": "shell",
        "buffers": [],
    }


async def request(socket, session: str, code: str | None, timeout: float) -> tuple[str, str]:
    """Sends `message(session, code)` and reads the kernel's answers until
    its reply: `ok`, `error` (with the error's text), `timeout`, or
    `restarted` when the server says the kernel restarted meanwhile (its
    process died, as when it could not bind a port; JupyterLab shows this
    too, and the request is lost)."""
    sent = message(session, code)
    await socket.write_message(json.dumps(sent))
    error = ""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            text = await asyncio.wait_for(socket.read_message(), max(remaining, 0.001))
        except asyncio.TimeoutError:
            return "timeout", f"no reply within {timeout:g} s"
        if text is None:
            return "error", "the kernel's websocket closed"
        reply = json.loads(text)
        state = reply["content"].get("execution_state") if reply["msg_type"] == "status" else None
        if state in ("restarting", "autorestarting", "dead"):
            return "restarted", f"the kernel restarted ({state})"
        if reply.get("parent_header", {}).get("msg_id") != sent["header"]["msg_id"]:
            continue
        if reply["msg_type"] == "error":
            error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
        if reply["msg_type"].endswith("_reply"):
            status = reply["content"].get("status", "ok")
            return ("ok", "") if status == "ok" else ("error", error or status)


async def execute(socket, session: str, code: str, result: dict) -> tuple[str, str]:
    """Runs one cell as a student does: when the kernel restarts meanwhile,
    waits until the new kernel answers, gives it the set-up cell and runs
    the cell again (at most twice), counting `result["restarts"]`. Its
    status (`ok`, `error`, `timeout`, `restarted`) and error text."""
    status, text = await request(socket, session, code, CELL_TIMEOUT)
    for _ in range(2):
        if status != "restarted":
            break
        result["restarts"] = result.get("restarts", 0) + 1
        deadline = time.monotonic() + SPAWN_TIMEOUT
        while await request(socket, session, None, 2) != ("ok", "") and time.monotonic() < deadline:
            pass
        status, text = await request(socket, session, SETUP, CELL_TIMEOUT)
        if status == "ok" and code != SETUP:
            status, text = await request(socket, session, code, CELL_TIMEOUT)
    return status, text


def pss(pid: str) -> int:
    """A process's proportional set size in bytes (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def memory(user: str) -> tuple[int, int]:
    """The PSS of `user`'s kernel processes (evcxr) and of their server."""
    kernel = server = 0
    wanted = f"JUPYTERHUB_USER={user}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if wanted not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"evcxr_jupyter" in command:
            kernel += pss(entry.name)
        elif b"jupyterhub-singleuser" in command:
            server += pss(entry.name)
    return kernel, server


def disk(folder: Path) -> int:
    """The bytes of the files under `folder` (links not followed)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


async def student(hub: Hub, name: str, cells: list[str], args) -> dict:
    """One simulated student: server, kernel, the cells, the measurements."""
    result = {"name": name, "cells": []}
    result["spawn_seconds"] = await hub.spawn(name)
    # A session for the notebook, as JupyterLab opens it: the kernel knows
    # its notebook and warms up while the student reads (launch.py).
    session = await hub.call(
        "POST",
        f"/user/{name}/api/sessions",
        {"path": args.path, "name": Path(args.path).name, "type": "notebook", "kernel": {"name": "rust"}},
    )
    base = f"/user/{name}/api/kernels"
    kernel = session["kernel"]
    url = hub.url.replace("http", "ws", 1) + f"{base}/{kernel['id']}/channels"
    # A kernel still starting on a busy machine accepts its websocket late.
    request = HTTPRequest(url, headers=hub.headers, connect_timeout=SPAWN_TIMEOUT, request_timeout=SPAWN_TIMEOUT)
    opened = time.monotonic()
    socket = await websocket_connect(request)
    client = uuid.uuid4().hex
    try:
        result["restarts"] = 0
        await execute(socket, client, SETUP, result)
        reading = args.read * random.uniform(0.5, 1.5)
        await asyncio.sleep(max(0.0, reading - (time.monotonic() - opened)))
        result["kernel_idle_bytes"] = memory(name)[0]
        for number, code in enumerate(cells, start=1):
            if number > 1:
                await asyncio.sleep(args.think * random.uniform(0.5, 1.5))
            start = time.monotonic()
            status, text = await execute(socket, client, code, result)
            seconds = time.monotonic() - start
            result["cells"].append({"cell": number, "seconds": seconds, "status": status, "message": text})
            if status != "ok":
                break
        result["kernel_after_bytes"], result["server_bytes"] = memory(name)
        result["disk_bytes"] = disk(Path(args.homes) / name)
    finally:
        socket.close()
        await hub.call("DELETE", f"/user/{name}/api/sessions/{session['id']}")
    return result


async def class_of(args) -> list[dict]:
    """Every student, arriving one after the other, all run to the end."""
    args.path = f"notebooks/{Path(args.notebook).name}"
    notebook = json.loads(Path(args.notebook).read_text())
    cells = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    cells = cells[: args.cells] if args.cells else cells
    hub = Hub(args.url, args.token)
    AsyncHTTPClient.configure(None, max_clients=4 * args.students)
    await hub.ready()

    async def arrive(index: int) -> dict:
        await asyncio.sleep(index * args.arrival / args.students)
        name = f"{args.prefix}{index + 1:03}"
        try:
            return await student(hub, name, cells, args)
        except Exception as error:  # one student's failure is reported, not fatal
            return {"name": name, "error": str(error), "cells": []}
        finally:
            try:
                await hub.call("DELETE", f"/hub/api/users/{name}/server")
            except RuntimeError:
                pass  # never started

    return await asyncio.gather(*(arrive(index) for index in range(args.students)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--notebook", required=True)
    parser.add_argument("--homes", required=True, help="the folder of the students' homes")
    parser.add_argument("--prefix", required=True, help="the start of the students' names")
    parser.add_argument("--cells", type=int, default=0, help="only the first K code cells")
    parser.add_argument("--read", type=float, default=15.0, help="mean seconds before the first cell")
    parser.add_argument("--think", type=float, default=10.0, help="mean seconds between cells")
    parser.add_argument("--arrival", type=float, default=20.0, help="seconds over which students arrive")
    args = parser.parse_args()
    students = asyncio.run(class_of(args))
    json.dump({"students": students}, sys.stdout)


if __name__ == "__main__":
    main()
