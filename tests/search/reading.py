"""What a reader sees of a search: the correction noticed, the results'
titles, their marked words, and the page's text."""

from bs4 import BeautifulSoup


def search(client, q, language="pl"):
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    notice = html.select_one(".notice--spelling strong")
    return {
        "corrected": notice.get_text() if notice else None,
        "titles": [
            a.get_text(strip=True) for a in html.select(".search-result__title")
        ],
        "marks": [
            [mark.get_text() for mark in excerpt.select("mark")]
            for excerpt in html.select(".search-result__excerpt")
        ],
        "text": html.select_one("main").get_text(" ", strip=True),
    }
