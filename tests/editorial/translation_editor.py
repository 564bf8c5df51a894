"""Saving a string as wagtail-localize's translation editor does: its script
PUTs the value to the segment's own URL (its ``editUrl`` in the props)."""

from urllib.parse import urlencode


def put_string_at(client, url, value):
    response = client.generic(
        "PUT",
        url,
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    return response
