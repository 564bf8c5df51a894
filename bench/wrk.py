"""Driving the HTTP load generator ``wrk``: a Lua script that asks for given
paths in turn and writes its figures as JSON, and reading them back."""

import json
import os
import shutil
import subprocess
import tempfile

LUA = """
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write("JSON " .. string.format(
    '{"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d}',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(99)) .. "\\n")
end
"""
ERRORS = ("connect", "read", "write", "status", "timeout")


def installed():
    return bool(shutil.which("wrk"))


def run(url, paths, seconds, connections, threads=2):
    """wrk's figures for ``paths`` (taken in turn) on the server at ``url``:
    requests, duration_us, p50_us, p99_us, the error counts, and from them
    rps and errors (their sum; "status" is the non-2xx/3xx answers)."""
    quoted = ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": quoted})
    try:
        output = subprocess.run(  # noqa: S603 (wrk, our own arguments)
            [
                shutil.which("wrk"),
                *(f"-t{threads}", f"-c{connections}", f"-d{seconds}s"),
                *("--timeout", "10s", "-s", script.name, url),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    figures = json.loads(line[5:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[key] for key in ERRORS)
    return figures
