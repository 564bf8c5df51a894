"""The served site: gunicorn with production settings on a copy of the demo."""

from tests.serving import gunicorn


def test_gunicorn_serves_the_demo_with_production_settings(demo_database):
    with gunicorn(demo_database.url, workers=1) as server:
        status, headers, body = server.get("/pl/")
        assert status == 200
        assert "Sieć bibliotek".encode() in body
        status, headers, body = server.get("/static/css/site.css")
        assert status == 200, "whitenoise serves the collected static files"
