"""Alphabetical order as readers of a language expect it.

Python sorts by code point: "Łotewski" after "Zulu", "ё" after "я", "Ä"
before "Å" where Finnish puts it after. ``sort_key`` orders by the
alphabet of the language (the site's and the admin's languages are listed;
others use the English one), a letter's accented forms just after it
unless the alphabet makes them letters of their own, letters of other
scripts after, and spaces and punctuation first. (PyICU would do this for
every language, but installs only by building against the system's ICU.)
"""

import unicodedata

ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "fi": "abcdefghijklmnopqrsštuvwxyzžåäö",
}


def alphabet(language):
    return ALPHABETS.get((language or "en").split("-")[0].lower(), ALPHABETS["en"])


def sort_key(text, language):
    letters = alphabet(language)
    primary, secondary = [], []
    for char in str(text).casefold():
        if char in letters:
            primary.append((1, letters.index(char)))
            secondary.append(0)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base in letters:
            primary.append((1, letters.index(base)))
            secondary.append(ord(char))
        elif char.isalnum():
            primary.append((2, ord(base)))
            secondary.append(ord(char))
        else:
            primary.append((0, 0))
            secondary.append(ord(char))
    return (primary, secondary, str(text))
