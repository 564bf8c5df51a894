from demo.seed_text import Unit, body_blocks, read_units, rich_text

SCRAPED = """“Podaj dalej”

Pierwsze spotkanie odbyło się 16 grudnia 2010 r.
- lokalni twórcy,
- wolontariusze.

  1. Henkilöstön osaamisen kehittäminen
    Digineuvontaosaamisen minimitason määrittely.
  2. AUTA-hankkeen toimintamallin vahvistaminen
Strona projektu <https://example.org/projekt#!/tab/1>, zapraszamy.

Proszę pozostawić te dwa pola tak jak są:
Skip to content
"""


class TestReadUnits:
    def test_drops_scraped_boilerplate(self):
        texts = [unit.text for unit in read_units(SCRAPED)]
        assert "Skip to content" not in texts
        assert not any(text.startswith("Proszę pozostawić") for text in texts)
        assert texts[0] == "“Podaj dalej”"

    def test_keeps_the_text_as_it_is(self):
        units = read_units(SCRAPED)
        assert Unit("Pierwsze spotkanie odbyło się 16 grudnia 2010 r.") in units

    def test_reads_list_markers(self):
        kinds = {unit.text: unit.kind for unit in read_units(SCRAPED)}
        assert kinds["lokalni twórcy,"] == "bullet"
        assert kinds["Henkilöstön osaamisen kehittäminen"] == "numbered"


class TestRichText:
    def test_lists_and_paragraphs(self):
        html = rich_text(read_units(SCRAPED))
        assert "<ul><li>lokalni twórcy,</li><li>wolontariusze.</li></ul>" in html
        assert (
            "<ol><li>Henkilöstön osaamisen kehittäminen<br/>Digineuvontaosaamisen "
            "minimitason määrittely.</li><li>AUTA-hankkeen" in html
        )

    def test_an_address_in_brackets_becomes_a_link(self):
        html = rich_text(
            [Unit("Strona projektu <https://example.org/p#!/tab/1>, zapraszamy.")]
        )
        assert html == (
            '<p>Strona projektu <a href="https://example.org/p#!/tab/1">'
            "https://example.org/p#!/tab/1</a>, zapraszamy.</p>"
        )

    def test_markup_in_the_text_is_escaped(self):
        assert rich_text([Unit("<script>alert(1)</script>")]) == (
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )


def test_body_blocks_split_at_headings():
    units = [Unit("Trwałość"), Unit("67% bibliotek."), Unit("Wnioski"), Unit("Dalej.")]
    blocks = body_blocks(units, headings={"Trwałość", "Wnioski"})
    assert [block["type"] for block in blocks] == [
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert blocks[1]["value"] == "<p>67% bibliotek.</p>"
