"""Starts the evcxr Jupyter kernel of the course in a build folder kept
between kernels.

The kernelspec that `cargo lab notebooks` and `cargo lab test` install runs
`python launch.py EVCXR_JUPYTER ARGS...`. This script takes the first build
folder no other kernel holds (kernel-0, kernel-1, ...; a lock file per folder,
held until the kernel exits), writes the cargo settings above it, and replaces
itself with evcxr_jupyter building there. Every notebook loads the same crates
(the `lecture` facade), so the next kernel, for any notebook, finds them
compiled and compiles only its cells. A folder that is new (a second kernel
open at the same time) starts as a copy of the most recently used folder's
build, which takes seconds where compiling the crates again would take
about 20 s even from evcxr's `:cache` (init.evcxr).

The folders are in the temporary folder, as evcxr's own: outside the workspace
(cargo would take a kernel's crate inside it for a member) and away from the
Rust toolchain's folder (a build folder beside it gets a wrong relative rpath
to the standard library).

A kernel also warms itself up while the student reads: before the first cell
runs, evcxr loads the crates and its analyser reads the sources of std and of
every loaded crate, about as long as the first two cells took otherwise. When
JupyterLab names the kernel's notebook (`JPY_SESSION_NAME`) and that
notebook's first code cell only loads crates (`:dep` and `use` lines), a
client of the kernel's own sends that cell, silently, once the kernel
listens, then one `let` that makes the analyser read the crates. The
student's first cells then find everything loaded. A student who runs at once
does not wait for it: the warm-up begins only if no cell of theirs has
come in the first 1.5 s after the kernel answers, and gives way to them
later too: once one of their cells has begun, the `let` is not sent (their
own cells make the analyser read the crates, as without a warm-up), so they
wait at most for the loading their first cell does anyway.

On a class server (`cargo lab hub`) two variables change this: every
student's kernels build in the student's own folder, `LAB_KERNEL_BUILDS`,
and a new build folder starts as a copy of `LAB_KERNEL_SEED`, a build of the
notebooks' crates compiled once by `cargo lab hub --setup` and never written
by a kernel, so no student's first `:dep` compiles them.
"""

import fcntl
import hashlib
import itertools
import json
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent

# The statement after the notebook's first cell that makes evcxr's analyser
# read the sources: a `let` of a named variable (`let _ = …` does not).
WARM_UP = "let _warm_up = ();"

# How long the warm-up waits for the kernel to answer, and for each reply.
PATIENCE_S = 600

# How long the warm-up looks for a student's cell before sending its first
# piece: a student who ran a cell at once (JupyterLab holds it until the
# kernel answers) has it sent within this time, and then the warm-up sends
# nothing, so they wait exactly as long as without it.
AT_ONCE_S = 1.5

# How long it looks before each later piece: a cell queued behind a piece
# begins within milliseconds of its reply.
GIVE_WAY_S = 0.2


def build_root() -> Path:
    """The folder holding this workspace's kernel build folders:
    `LAB_KERNEL_BUILDS` when set, else one per workspace and user in the
    temporary folder."""
    if os.environ.get("LAB_KERNEL_BUILDS"):
        root = Path(os.environ["LAB_KERNEL_BUILDS"])
    else:
        workspace = SETTINGS.parent.parent.parent
        key = hashlib.sha256(str(workspace).encode()).hexdigest()[:12]
        root = Path(tempfile.gettempdir()) / f"lab-notebooks-{os.getuid()}" / f"{workspace.name}-{key}"
    (root / ".cargo").mkdir(parents=True, exist_ok=True)
    settings = (SETTINGS / "cargo-config.toml").read_text()
    config = root / ".cargo" / "config.toml"
    if not config.exists() or config.read_text() != settings:
        config.write_text(settings)
    return root


def copy_seed(seed: Path, folder: Path) -> None:
    """Copies the shared build `seed` (its `target` and `Cargo.lock`, so the
    same versions resolve) into a new build folder, writable by its owner
    although the seed is read-only; when the copy fails the folder builds
    cold: slower, correct. rustc's incremental caches are left out (more
    than a quarter of the build): they only serve to compile the crates
    again, which the seed's never are."""
    try:
        shutil.copytree(seed / "target", folder / "target", symlinks=True,
                        ignore=shutil.ignore_patterns("incremental"))
        if (seed / "Cargo.lock").is_file():
            shutil.copy2(seed / "Cargo.lock", folder / "Cargo.lock")
        for directory, _, files in os.walk(folder / "target"):
            for path in [directory, *(os.path.join(directory, name) for name in files)]:
                if not os.path.islink(path):
                    os.chmod(path, os.stat(path).st_mode | 0o200)
    except OSError:
        shutil.rmtree(folder / "target", ignore_errors=True)


def seed_build(folder: Path, root: Path) -> None:
    """Gives a new build folder a copy of the shared seed (`LAB_KERNEL_SEED`)
    or else of the most recently used folder's `target`, so a second kernel
    starts with the crates compiled. A used folder is copied only while no
    build runs there (cargo's own locks, held meanwhile); otherwise, or if
    the copy fails, the folder builds cold: slower, correct."""
    if (folder / "target").exists():
        return
    seed = Path(os.environ.get("LAB_KERNEL_SEED", ""))
    if os.environ.get("LAB_KERNEL_SEED") and (seed / "target").is_dir():
        copy_seed(seed, folder)
        return
    used = [f for f in root.glob("kernel-*") if (f / "target").is_dir() and (f / "Cargo.toml").exists()]
    if not used:
        return
    newest = max(used, key=lambda f: (f / "Cargo.toml").stat().st_mtime) / "target"
    locks = [open(lock, "a") for lock in newest.glob("*/debug/.cargo-lock")]
    try:
        for lock in locks:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        shutil.copytree(newest, folder / "target", symlinks=True)
    except OSError:
        shutil.rmtree(folder / "target", ignore_errors=True)
    finally:
        for lock in locks:
            lock.close()


def warm_up_code(notebook: Path) -> list[str] | None:
    """What a kernel for `notebook` runs before the student's first cell, in
    order: the notebook's first code cell and [`WARM_UP`], when that cell
    only loads crates (`:dep` and `use` lines, comments, blank lines); else
    None."""
    try:
        cells = json.loads(notebook.read_text())["cells"]
        first = next(cell for cell in cells if cell.get("cell_type") == "code")
        source = first["source"]
        source = "".join(source) if isinstance(source, list) else str(source)
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None
    lines = [line.strip() for line in source.splitlines()]
    loads = [line for line in lines if line and not line.startswith("//")]
    if not loads or not all(line.startswith((":dep ", "use ")) for line in loads):
        return None
    return [source.rstrip(), WARM_UP]


def session_notebook() -> Path | None:
    """The notebook JupyterLab started this kernel for, if it says
    (`JPY_SESSION_NAME`: a path, relative to the kernel's folder)."""
    name = os.environ.get("JPY_SESSION_NAME", "")
    if not name.endswith(".ipynb"):
        return None
    return Path.cwd() / name


def control_file(args: list[str]) -> str | None:
    """The connection file evcxr is started with (`--control_file FILE`)."""
    for flag, value in zip(args, args[1:]):
        if flag == "--control_file":
            return value
    return None


def someone_else_runs(client, seconds: float) -> bool:
    """Whether, within `seconds`, the kernel announced a cell of another
    client (an `execute_input` whose request is not this client's): the
    student has begun. Reads every message the kernel published meanwhile."""
    own = client.session.session
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = client.get_iopub_msg(timeout=left)
        except queue.Empty:
            return False
        parent = message.get("parent_header", {})
        if message["msg_type"] == "execute_input" and parent.get("session") != own:
            return True
    return False


def wait_until_listening(client) -> None:
    """Asks the kernel for its info until it answers (at most ten minutes).
    Unlike jupyter_client's `wait_for_ready`, it leaves the kernel's
    published messages unread, a student's first cell among them."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        client.kernel_info()
        try:
            if client.get_shell_msg(timeout=1)["msg_type"] == "kernel_info_reply":
                return
        except queue.Empty:
            pass
    raise TimeoutError("the kernel did not answer")


def await_reply(client, request: str) -> None:
    """Waits (at most ten minutes) for the kernel's reply to `request`; the
    replies to the readiness checks before it are skipped."""
    deadline = time.monotonic() + PATIENCE_S
    while client.get_shell_msg(timeout=deadline - time.monotonic())["parent_header"].get("msg_id") != request:
        pass


def send_warm_up(connection: str, pieces: list[str]) -> None:
    """Connects to the kernel as a second client and runs `pieces` silently,
    one after the other, each waited for (at most ten minutes); stops as
    soon as another client's cell has begun, so the student's cells wait for
    one piece at most, and for none if they ran a cell at once ([`AT_ONCE_S`]).
    Errors are left to the student's own cells to show."""
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    try:
        wait_until_listening(client)
        for index, code in enumerate(pieces):
            if someone_else_runs(client, GIVE_WAY_S if index else AT_ONCE_S):
                break
            request = client.execute(code, silent=True, store_history=False, allow_stdin=False)
            await_reply(client, request)
    except Exception:  # noqa: BLE001 - a warm-up that fails changes nothing
        pass
    finally:
        client.stop_channels()


def start_warm_up(args: list[str], lock) -> None:
    """Starts the warm-up in a grandchild process (reparented away from the
    kernel, so no zombie is left), when the notebook and its first cell allow."""
    notebook, connection = session_notebook(), control_file(args)
    pieces = warm_up_code(notebook) if notebook is not None else None
    if pieces is None or connection is None:
        return
    kernel = os.getpid()  # this process becomes the kernel (exec)
    child = os.fork()
    if child:
        os.waitpid(child, 0)
        return
    lock.close()  # the build folder's lock belongs to the kernel
    if os.fork() == 0:
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        threading.Thread(target=exit_with, args=(kernel,), daemon=True).start()
        send_warm_up(connection, pieces)
    os._exit(0)


def exit_with(kernel: int) -> None:
    """Ends this process once the process `kernel` has ended: a warm-up
    waiting for a kernel that was stopped or died does not outlive it."""
    while True:
        time.sleep(1)
        try:
            os.kill(kernel, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def main() -> None:
    evcxr, *args = sys.argv[1:]
    root = build_root()
    for slot in itertools.count():
        lock = open(root / f"kernel-{slot}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        folder = root / f"kernel-{slot}"
        folder.mkdir(exist_ok=True)
        seed_build(folder, root)
        # The lock stays held by evcxr_jupyter, which inherits the file.
        os.set_inheritable(lock.fileno(), True)
        os.environ["EVCXR_TMPDIR"] = str(folder)
        os.environ.setdefault("EVCXR_CONFIG_DIR", str(SETTINGS))
        start_warm_up(args, lock)
        os.execv(evcxr, [evcxr, *args])


if __name__ == "__main__":
    main()
