"""The course's JupyterHub: every student a JupyterLab with the course's Rust
kernel, their own copy of the notebooks and exercises, and the notebooks'
crates compiled once for everyone.

`cargo lab hub` starts `jupyterhub -f` on this file with the variables below
set; a file given with `cargo lab hub --config FILE` is read last, so any
setting here can be changed there (see docs/class-server.md):

- LAB_HUB_STATE: the hub's folder (its database, cookie secret, the shared
  evcxr cache and `students/NAME`, each student's home);
- LAB_HUB_SEED: the shared build the students' kernels start from;
- LAB_HUB_URL, LAB_HUB_API_URL, LAB_HUB_PROXY_API_URL: where the hub, its
  REST API and the proxy's API listen;
- LAB_HUB_PROXY: the `configurable-http-proxy` program;
- LAB_HUB_PASSWORD: the password of the default authenticator;
- LAB_HUB_LAB: the `lab` program, which fills a new student's folder;
- LAB_HUB_JUPYTER_PATH: the folder holding the course's kernelspec;
- LAB_HUB_API_TOKEN (optional): a token for `cargo lab bench hub` and the
  hub test, which create students and start their servers;
- LAB_HUB_CONFIG (optional): the instructor's own settings, read last.
"""

import os
import subprocess
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

state = Path(os.environ["LAB_HUB_STATE"])
bin_dir = Path(sys.executable).parent

c.JupyterHub.bind_url = os.environ["LAB_HUB_URL"]
c.JupyterHub.hub_bind_url = os.environ["LAB_HUB_API_URL"]
c.ConfigurableHTTPProxy.api_url = os.environ["LAB_HUB_PROXY_API_URL"]
c.ConfigurableHTTPProxy.command = [os.environ["LAB_HUB_PROXY"]]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")

# Trying it on one machine: any user name logs in with the one password that
# `cargo lab hub` prints (JupyterHub's SharedPasswordAuthenticator). Every
# name becomes a hub user (no system account is made). A university plugs in
# its own login in the --config file: see docs/class-server.md (LTI, OAuth).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["LAB_HUB_PASSWORD"]
c.Authenticator.allow_all = True

# Every student's server runs as the hub's own user, in the student's folder
# (no root needed, no isolation between students: on a shared class server
# use a spawner with isolation, as Zero to JupyterHub's Kubernetes spawner).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "students" / "{username}")
c.Spawner.cmd = [str(bin_dir / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/notebooks/00-start-here.ipynb"
# Starting twenty servers at once on two cores takes longer than the defaults.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.args = [
    # In a container the hub's user is often root, which JupyterLab refuses
    # by default; for anyone else the setting changes nothing.
    "--ServerApp.allow_root=True",
    # Kernels idle for 20 minutes are shut down, giving their memory back
    # (an evcxr kernel holds 0.3–0.8 GiB); the notebooks stay open.
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=60",
]
# The student's HOME is their folder; the Rust toolchain stays the hub's.
c.Spawner.env_keep.extend(["RUSTUP_HOME", "CARGO_HOME", "RUSTUP_TOOLCHAIN"])
c.Spawner.environment = {
    "JUPYTER_PATH": os.environ["LAB_HUB_JUPYTER_PATH"],
    # The shared build every new kernel build folder starts from, and the
    # student's own build folders (tools/jupyter/kernel/launch.py).
    "LAB_KERNEL_SEED": os.environ["LAB_HUB_SEED"],
    "LAB_KERNEL_BUILDS": lambda spawner: str(Path(spawner.home_dir) / ".kernels"),
    # evcxr's `:cache` of compiled crates.io dependencies, shared by all.
    "XDG_CACHE_HOME": str(state / "cache"),
}


def prepare_student(spawner):
    """Fills a new student's folder with the notebooks and the exercises
    (`lab hub --student DIR`; a folder already filled is left as it is)."""
    subprocess.run([os.environ["LAB_HUB_LAB"], "hub", "--student", spawner.home_dir], check=True)


c.Spawner.pre_spawn_hook = prepare_student

# Servers without activity for an hour are stopped (the student's folder
# stays), so a class that has left gives the memory back.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

if os.environ.get("LAB_HUB_API_TOKEN"):
    c.JupyterHub.services.append({"name": "lab-bench", "api_token": os.environ["LAB_HUB_API_TOKEN"]})
    c.JupyterHub.load_roles.append(
        {
            "name": "lab-bench",
            "scopes": ["admin:users", "admin:servers", "access:servers", "list:users"],
            "services": ["lab-bench"],
        }
    )

if os.environ.get("LAB_HUB_CONFIG"):
    load_subconfig(os.environ["LAB_HUB_CONFIG"])  # noqa: F821
