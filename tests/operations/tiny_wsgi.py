"""A WSGI application of a few lines, for tests of gunicorn's own settings."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
