"""The processes the benchmarks and drills start beside themselves: a private
PostgreSQL cluster, a private redis-server, gunicorn with the production
settings, and manage.py commands; waiting for them, and the gunicorn
workers' process ids and memory."""

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, log


class Unavailable(Exception):
    """A prerequisite is missing (root, server binaries, a program)."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(ready, timeout, interval, tolerate=(OSError,)):
    """Call ``ready()`` every ``interval`` seconds until it is true (True) or
    ``timeout`` seconds have gone (False); the ``tolerate`` errors count as
    not ready yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ready():
                return True
        except tolerate:
            pass
        time.sleep(interval)
    return False


# PostgreSQL -----------------------------------------------------------------------


def postgres_bin_dir():
    """/usr/lib/postgresql/<newest version>/bin."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parts[-3])],
    )
    if not candidates:
        raise Unavailable("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    return candidates[-1].parent


class PrivatePostgres:
    """A PostgreSQL cluster of our own, in a temporary directory, run as the
    postgres OS user through runuser (so only as root)."""

    def __init__(self):
        if os.geteuid() != 0:
            raise Unavailable(
                "a private PostgreSQL cluster is started as the postgres OS user "
                "through runuser, which needs root"
            )
        self.runuser = shutil.which("runuser")
        if not self.runuser:
            raise Unavailable("runuser is missing")
        try:
            self.owner = pwd.getpwnam("postgres")
        except KeyError as error:
            raise Unavailable("there is no postgres OS user") from error
        self.bin = postgres_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="drills-pg-"))
        os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self.data = self.root / "data"
        self.port = free_port()
        self.running = False

    def _as_postgres(self, *args, timeout=120):
        result = subprocess.run(  # noqa: S603 (PostgreSQL's own programs)
            [self.runuser, "-u", "postgres", "--", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{Path(str(args[0])).name} failed:\n{result.stdout}{result.stderr}"
            )
        return result

    def initdb(self):
        self._as_postgres(
            self.bin / "initdb",
            *("-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c max_connections=100"
        )
        self._as_postgres(
            self.bin / "pg_ctl",
            *("-D", self.data, "-l", self.root / "server.log", "-o", options),
            *("-w", "-t", "60", "start"),
        )
        self.running = True

    def stop(self, mode="fast"):
        self._as_postgres(
            self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"
        )
        self.running = False

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, *args, database="postgres", **kwargs):
        return subprocess.run(  # noqa: S603 (PostgreSQL's own client)
            [
                str(self.bin / "psql"),
                *("-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"),
                *("-p", str(self.port), "-U", "postgres", "-d", database),
                *args,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
            **kwargs,
        )

    def pg_dump(self, url, **kwargs):
        """pg_dump of the database at ``url``, without owners or privileges."""
        return subprocess.run(  # noqa: S603 (PostgreSQL's own client)
            [str(self.bin / "pg_dump"), "--no-owner", "--no-privileges", url],
            check=True,
            timeout=600,
            **kwargs,
        )

    def destroy(self):
        if self.running:
            try:
                self.stop("immediate")
            except Exception as error:  # noqa: BLE001 (cleaning up, say why)
                log(f"Stopping the private PostgreSQL: {error}")
        shutil.rmtree(self.root, ignore_errors=True)


# Redis ----------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of our own on a free port, nothing saved to disk."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            raise Unavailable("redis-server is missing")
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (redis-server from PATH)
            [
                self.binary,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(self.answers_ping, timeout=10, interval=0.05):
            raise RuntimeError("the private redis-server did not start")

    def answers_ping(self):
        with socket.create_connection(("127.0.0.1", self.port), 1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


# gunicorn -------------------------------------------------------------------------


def gunicorn(database_url, workers=2, **environment):
    """tests/serving.py's gunicorn with the production settings (a context
    manager yielding its Server); imported only now, as it reads Django's
    settings."""
    from tests.serving import gunicorn as serve

    return serve(database_url, workers, **environment)


def collected_static():
    """tests/serving.py's collectstatic, once per process: the folder."""
    from tests.serving import collected_static as collect

    return collect()


def worker_pids(master_pid):
    """The process ids of the gunicorn master's workers, from /proc."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            workers.append(int(stat.parent.name))
    return sorted(workers)


def rss_mb(pid):
    """The resident memory of a process in MB, None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# manage.py ------------------------------------------------------------------------

# The worker that runs the queued subtree translations (editorial.jobs).
TRANSLATION_WORKER = (
    "db_worker",
    "--backend",
    "background",
    "--queue-name",
    "translations",
    "--no-startup-delay",
)


def production_environment(database_url):
    """The environment of a manage.py or worker process with the production
    settings on ``database_url`` (nothing inherited but PATH and MEDIA_ROOT)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        # The demo's uploaded files (images, video, captions): the test suite
        # hands over its own folder; otherwise the settings' default.
        **(
            {"MEDIA_ROOT": os.environ["MEDIA_ROOT"]}
            if "MEDIA_ROOT" in os.environ
            else {}
        ),
    }


def manage(*args, env, timeout=600, check=True):
    """manage.py ``args`` in a process of its own, output captured."""
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
        )
    return result


def start_manage(*args, env):
    """manage.py ``args`` started in the background, output discarded."""
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
