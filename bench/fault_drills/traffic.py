"""Traffic for the fault drills: plain HTTP requests, clients that keep
asking for pages (and /readyz) while a service goes away, and the figures
drawn from what they got: statuses and latencies."""

import http.client
import json
import statistics
import threading
import time
import urllib.parse

from bench.common import percentile


def http_request(base_url, method, path, body=None, headers=None, timeout=15):
    """(status, headers, body bytes); exceptions propagate."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Load:
    """Clients requesting paths in turn, each on a new connection; every
    answer is recorded as (started, finished, path, status, kept): ``kept``
    is /readyz's body, or a page's X-Wagtail-Cache header ("hit" when the
    page cache answered)."""

    def __init__(self, base_url, paths, clients=4, readyz_every=0.2):
        self.base_url = base_url
        self.paths = paths
        self.clients = clients
        self.readyz_every = readyz_every
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def _one(self, path):
        started = time.monotonic()
        headers = {}
        try:
            status, headers, body = http_request(self.base_url, "GET", path)
        except Exception as error:  # noqa: BLE001 (every failure is a figure)
            status, body = type(error).__name__, b""
        finished = time.monotonic()
        kept = body if path == "/readyz" else headers.get("X-Wagtail-Cache")
        with self.lock:
            self.records.append((started, finished, path, status, kept))

    def _client(self, offset):
        index = offset
        while not self.stopping.is_set():
            self._one(self.paths[index % len(self.paths)])
            index += 1
            time.sleep(0.01)

    def _readyz(self):
        while not self.stopping.is_set():
            self._one("/readyz")
            self.stopping.wait(self.readyz_every)

    def start(self):
        self.threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(self.clients)
        ] + [threading.Thread(target=self._readyz, daemon=True)]
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def pages(self, start=None, end=None):
        return [
            record
            for record in self.records
            if record[2] != "/readyz"
            and (start is None or record[0] >= start)
            and (end is None or record[1] <= end)
        ]

    def readyz(self, start=None, end=None):
        return [
            (started, finished, status, _checks(body))
            for started, finished, path, status, body in self.records
            if path == "/readyz"
            and (start is None or started >= start)
            and (end is None or finished <= end)
        ]


def _checks(body):
    try:
        return json.loads(body or b"{}").get("checks", {})
    except ValueError:
        return {}


def status_counts(records):
    """{status: how many records}, in the order of the statuses' text."""
    counts = {}
    for record in records:
        counts[record[3]] = counts.get(record[3], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def is_server_error(status):
    return not isinstance(status, int) or status >= 500


def latencies(records):
    """Each record's duration in seconds."""
    return [finished - started for started, finished, *_ in records]


def milliseconds(seconds):
    return f"{seconds * 1000:.0f} ms"


def latency_summary(durations):
    """'n=57 median 435 ms, p95 668 ms, max 852 ms'."""
    if not durations:
        return "no requests"
    ordered = sorted(durations)
    p95 = percentile(ordered, 0.95, interpolate=False)
    return (
        f"n={len(ordered)} median {milliseconds(statistics.median(ordered))}, "
        f"p95 {milliseconds(p95)}, max {milliseconds(ordered[-1])}"
    )
