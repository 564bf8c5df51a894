"""A local stand-in for DeepL's API v2, for tests.

It speaks the part the platform uses (``editorial/deepl.py``):

- ``POST /v2/glossaries``, JSON ``{name, source_lang, target_lang, entries,
  entries_format}`` with the entries as TSV: answered 201 with the
  glossary's ``glossary_id`` (400 for another format or a bad line);
- ``DELETE /v2/glossaries/<id>``: 204, or 404 for an unknown one;
- ``POST /v2/translate``, form-encoded (``text`` repeated, ``source_lang``,
  ``target_lang``, optional ``glossary_id``): ``{"translations": [{"text",
  "detected_source_language"}]}``. Its "translation" marks the text with the
  target language and puts each glossary term's translation in place of the
  term, as DeepL does with a glossary. An unknown glossary, or one for
  another pair, is a 400 as from DeepL.

Requests need ``Authorization: DeepL-Auth-Key <key>`` (403 otherwise). Each
request is recorded (``requests``: path, method, parsed body).
"""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class DeepLStandIn:
    def __init__(self, auth_key="deepl-test-key"):
        self.auth_key = auth_key
        self.requests = []
        self.glossaries = {}  # id -> {"source_lang", "target_lang", "entries": {}}
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
            target=self._server.serve_forever, name="deepl-stand-in"
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

    def requests_to(self, path):
        return [request for request in self.requests if request["path"] == path]

    def answer(self, method, path, headers, body):
        """(status, JSON or None) for a request; ``body`` is parsed already."""
        self.requests.append({"method": method, "path": path, "body": body})
        if headers.get("Authorization") != f"DeepL-Auth-Key {self.auth_key}":
            return 403, {"message": "Wrong authentication key"}
        if method == "POST" and path == "/v2/glossaries":
            return self.create_glossary(body)
        if method == "DELETE" and path.startswith("/v2/glossaries/"):
            glossary_id = path.rsplit("/", 1)[1]
            if self.glossaries.pop(glossary_id, None) is None:
                return 404, {"message": "Glossary not found"}
            return 204, None
        if method == "POST" and path == "/v2/translate":
            return self.translate(body)
        return 404, {"message": "Not found"}

    def create_glossary(self, body):
        if not isinstance(body, dict) or body.get("entries_format") != "tsv":
            return 400, {"message": "Unsupported entries format"}
        entries = {}
        for line in body.get("entries", "").splitlines():
            parts = line.split("\t")
            if len(parts) != 2 or not all(part.strip() for part in parts):
                return 400, {"message": f"Invalid glossary entry: {line!r}"}
            entries[parts[0]] = parts[1]
        glossary_id = str(uuid.uuid4())
        self.glossaries[glossary_id] = {
            "source_lang": body["source_lang"].upper(),
            "target_lang": body["target_lang"].upper(),
            "entries": entries,
        }
        return 201, {
            "glossary_id": glossary_id,
            "name": body.get("name", ""),
            "ready": True,
            "source_lang": body["source_lang"].lower(),
            "target_lang": body["target_lang"].lower(),
            "entry_count": len(entries),
        }

    def translate(self, body):
        texts = body.get("text", [])
        source = (body.get("source_lang") or [""])[0].upper()
        target = (body.get("target_lang") or [""])[0].upper()
        entries = {}
        if body.get("glossary_id"):
            glossary = self.glossaries.get(body["glossary_id"][0])
            if glossary is None:
                return 400, {"message": "Glossary not found"}
            if (glossary["source_lang"], glossary["target_lang"]) != (
                source,
                target.split("-")[0],
            ):
                return 400, {"message": "Glossary does not match language pair"}
            entries = glossary["entries"]
        translations = []
        for text in texts:
            for term, translated in entries.items():
                text = text.replace(term, translated)
            translations.append(
                {"detected_source_language": source, "text": f"[{target}] {text}"}
            )
        return 200, {"translations": translations}


class _Handler(BaseHTTPRequestHandler):
    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        if self.headers.get("Content-Type", "").startswith("application/json"):
            try:
                return json.loads(raw)
            except ValueError:
                return None
        return parse_qs(raw)

    def reply(self, method):
        status, answer = self.server.stand_in.answer(
            method, self.path, self.headers, self.body()
        )
        data = b"" if answer is None else json.dumps(answer).encode("utf-8")
        self.send_response(status)
        if answer is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.reply("POST")

    def do_DELETE(self):  # noqa: N802
        self.reply("DELETE")

    def log_message(self, format, *args):  # noqa: A002 (http.server's naming)
        pass  # keep the test output quiet
