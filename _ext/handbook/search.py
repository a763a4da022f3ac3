"""Korean full-text search: the Sphinx search language "ko".

Sphinx has no Korean search language; with ``language = "ko"`` it falls back to English,
splitting on spaces with the particles still attached ("논문을", "논문이" and "논문" become
unrelated terms) and matching parts of words only for three or more characters.

This module decides the index terms on the Python side and ships the same rules to the
browser, so the reader's query is split and normalized exactly as the pages were:

1. Text is NFKC-normalized (full-width Latin and digits fold to ASCII) and lower-cased.
2. Every run of word characters is cut where Latin script meets Hangul ("Kaggle에서" ->
   "kaggle" + "에서"); digits stay with the text they touch ("2021년", "gpt3", "90kg").
3. A Hangul segment that directly follows a Latin word and is only a particle is dropped
   ("에서" above). Any other Hangul segment loses one trailing particle or ending from
   ``SUFFIXES`` when at least two characters remain ("논문을" -> "논문", "연구실에서" ->
   "연구실"). Single-syllable particles that also end common nouns (이, 가, 의, 도, 로, 과,
   ...: 차이, 전문가, 회의, 심전도, 마에스트로, 결과) are never stripped from a Hangul word.
4. In the browser, a query term also matches the index terms that contain it ("연구"
   finds "연구실", "부정맥" finds "부정맥검출", "bert" finds "distilbert"): Korean compounds
   and many tool and model names are written solid. Latin terms of one or two letters match
   whole terms only, as in Sphinx. A Hangul query term of four or more characters also
   matches a page holding a term that ends with its first part and one that starts with the
   rest ("강화학습" finds "강화 학습"): Korean spacing varies. Every query term is required
   (Sphinx's stock search drops that for terms of one or two characters as soon as a longer
   term is in the query).

The choice of this method over character bigrams and a morphological analyzer was made
by measurement: see ``docs/search.md`` and ``benchmarks/search_compare.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

#: Hangul syllables, jamo, compatibility jamo and the extended jamo blocks.
HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"

#: Particles and endings stripped from the end of a Hangul word, when at least two
#: characters remain. Only suffixes that (almost) never end a noun are listed.
SUFFIXES: tuple[str, ...] = (
    # single-syllable particles that do not end nouns
    "은", "는", "을", "를", "에",
    # case and auxiliary particles
    "에서", "에게", "에게서", "한테", "한테서", "께서", "으로", "으로서", "으로써", "로서",
    "로써", "까지", "부터", "처럼", "보다", "마다", "조차", "마저", "밖에", "이나", "이든지",
    "든지", "이라도", "라도", "이랑", "이란", "이라는", "라는", "이라고", "라고", "이라면",
    "라면", "이라서", "라서", "이며", "이고", "이다", "이었다", "였다", "이었던", "였던",
    "입니다", "이에요", "예요", "이지만", "이므로",
    # particle combinations
    "에는", "에도", "에만", "에의", "에서는", "에서도", "에서만", "에서의", "에게는", "에게도",
    "으로는", "으로도", "으로만", "으로의", "로는", "로도", "로만", "로의", "과는", "와는",
    "과의", "와의", "과도", "와도", "까지는", "까지도", "까지의", "부터는", "부터의", "보다는",
    "만은", "만을", "만이", "만의", "만큼",
    # plural 들 with a particle
    "들은", "들을", "들이", "들의", "들과", "들도", "들에", "들에게", "들에서", "들로", "들만",
    # endings of 하다/되다 verbs built on a noun (공부하고 -> 공부, 연구했다 -> 연구)
    "하는", "하고", "하여", "해서", "했다", "했던", "했고", "하기", "하면", "하며", "한다",
    "하였다", "하게", "하지", "했으며", "했지만", "하면서", "하는데", "했는데", "하던",
    "되는", "되고", "되어", "됐다", "되었다", "되었던", "된다", "되면", "되기", "되지", "되어서",
)

#: A Hangul segment glued to a Latin word ("BERT를", "Kaggle에서", "GPU가") is dropped when
#: it is one of these: the suffixes above plus the single-syllable particles that are
#: ambiguous inside a Hangul word but not after a Latin one.
LATIN_PARTICLES: frozenset[str] = frozenset(SUFFIXES) | frozenset((
    "이", "가", "의", "도", "와", "과", "로", "만", "나", "랑", "께", "야", "요", "고", "며",
    "다", "들", "란", "라", "이야", "이요", "인", "적", "처럼", "같은", "로써", "에서부터",
))

#: A few English function words (the handbook mixes English into Korean text).
STOPWORDS: frozenset[str] = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on",
    "or", "the", "to", "with",
))

# Longest first, ties in a fixed order: the shipped list is the same in every build.
_SUFFIXES_LONGEST_FIRST = tuple(sorted(set(SUFFIXES), key=lambda s: (-len(s), s)))
_RUN = re.compile(r"\w+")
_SEGMENT = re.compile(rf"[0-9]*[{HANGUL}][{HANGUL}0-9]*|[^\W{HANGUL}]+")
_IS_HANGUL = re.compile(rf"[{HANGUL}]")

_JS_TEMPLATE = Path(__file__).with_name("search_ko.js")


def normalize(text: str) -> str:
    """NFKC and lower case: the form both index terms and query terms are compared in."""
    return unicodedata.normalize("NFKC", text).lower()


def strip_particle(word: str) -> str:
    """Remove one trailing particle or ending from a Hangul word, keeping two characters."""
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def analyze(text: str) -> list[str]:
    """The index terms of a text, in order (duplicates kept, stop words kept)."""
    terms: list[str] = []
    for run in _RUN.findall(normalize(text)):
        segments = _SEGMENT.findall(run)
        for i, segment in enumerate(segments):
            if _IS_HANGUL.search(segment):
                if i > 0 and segment in LATIN_PARTICLES:
                    continue  # the particle of the Latin word before it
                segment = strip_particle(segment)
            terms.append(segment)
    return terms


def js_code() -> str:
    """The browser side: splitQuery and the term matcher, with this module's word lists."""
    code = _JS_TEMPLATE.read_text(encoding="utf-8")
    return (code.replace("__HANGUL__", HANGUL.encode("unicode_escape").decode("ascii"))
            .replace("__SUFFIXES__", json.dumps(list(_SUFFIXES_LONGEST_FIRST), ensure_ascii=False))
            .replace("__LATIN_PARTICLES__", json.dumps(sorted(LATIN_PARTICLES), ensure_ascii=False)))


class SearchKorean(SearchLanguage):
    """Korean search language: particle stripping plus substring matching of Hangul terms."""

    lang = "ko"
    language_name = "Korean"
    stopwords = STOPWORDS
    js_splitter_code = js_code()

    def split(self, input: str) -> list[str]:
        return analyze(input)

    def stem(self, word: str) -> str:
        # split() already produced normalized terms; the browser's stemWord is the identity.
        return word

    def word_filter(self, word: str) -> bool:
        return bool(word) and not word.isdigit() and word not in self.stopwords


def setup(app: Sphinx) -> None:
    """Register the Korean search language (used when ``language = "ko"``)."""
    app.add_search_language(SearchKorean)
