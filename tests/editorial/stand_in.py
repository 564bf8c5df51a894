"""A local stand-in for a LibreTranslate server, for tests.

It speaks the part of LibreTranslate's API that wagtail-localize uses:
``POST /translate`` with JSON ``{q, source, target, format, api_key}``, where
``q`` is a text or a list of texts, answered with ``{"translatedText": ...}``
in the same shape. A wrong API key gets 403, as from the real service. Each
request is recorded (``requests``) for the test to look at.

    with LibreTranslateStandIn(api_key="test-key") as server:
        server.url  # http://127.0.0.1:<free port>
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def tag_with_target(text, source, target):
    """The stand-in's "translation": the text marked with the target language."""
    return f"[{target}] {text}"


class LibreTranslateStandIn:
    def __init__(self, api_key="test-key", translate=tag_with_target):
        self.api_key = api_key
        self.translate = translate
        self.requests = []
        # Set to answer every request with this HTTP status (500, 503…) instead.
        self.fail_with = None
        # Set to answer 200 with this JSON instead of the translations.
        self.answer_instead = None
        self._server = None
        self._thread = None

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.stand_in = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="libretranslate-stand-in"
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def answer(self, path, body):
        """(status, JSON) for a request; ``body`` is its decoded JSON."""
        self.requests.append({"path": path, "json": body})
        if path != "/translate":
            return 404, {"error": "Not Found"}
        if self.fail_with:
            return self.fail_with, {"error": "The stand-in was told to fail."}
        if not isinstance(body, dict):
            return 400, {"error": "Invalid request: expected a JSON object"}
        if body.get("api_key") != self.api_key:
            return 403, {"error": "Invalid API key"}
        missing = [name for name in ("q", "source", "target") if not body.get(name)]
        if missing:
            return 400, {"error": f"Invalid request: missing {missing[0]} parameter"}
        if self.answer_instead is not None:
            return 200, self.answer_instead
        texts, source, target = body["q"], body["source"], body["target"]
        if isinstance(texts, list):
            return 200, {
                "translatedText": [self.translate(t, source, target) for t in texts]
            }
        return 200, {"translatedText": self.translate(texts, source, target)}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = None
        status, answer = self.server.stand_in.answer(self.path, body)
        data = json.dumps(answer).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 (http.server's naming)
        pass  # keep the test output quiet
