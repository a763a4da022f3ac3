"""Korean full-text search (``_ext/handbook/search.py``).

Unit tests of the Python analyzer, a Python/JavaScript parity test, a small Sphinx build,
and browser tests that open the built handbook's ``search.html?q=...`` in headless Chromium
(Debian's ``chromium``). The browser tests use the session fixture ``handbook_html`` (the
built HTML of the real handbook, from ``tests/conftest.py``). Without Chromium they are
skipped, except under ``CI=true``, where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "_ext"))

from handbook import search as ko  # noqa: E402
from html_page import HtmlPage  # noqa: E402

# The same flags as the product's search evaluation (search_eval.py).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=8000", "--dump-dom"]


# -- The Python analyzer ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "terms"), [
    ("논문을", ["논문"]),
    ("연구실에서", ["연구실"]),
    ("전문연구요원으로", ["전문연구요원"]),
    ("친구들과", ["친구"]),
    ("공부하고", ["공부"]),
    ("2021년에는", ["2021년"]),
])
def test_particles_are_stripped(text, terms):
    assert ko.analyze(text) == terms


@pytest.mark.parametrize("noun", ["회의", "결과", "차이", "심전도", "전문가", "마에스트로", "가을"])
def test_nouns_ending_like_a_particle_are_kept(noun):
    assert ko.analyze(noun) == [noun]


def test_latin_case_is_folded():
    assert ko.analyze("Kaggle KAGGLE kaggle Docker") == ["kaggle", "kaggle", "kaggle", "docker"]


def test_full_width_forms_are_folded():
    assert ko.analyze("ＧＰＵ를 ２０２１년") == ["gpu", "2021년"]


@pytest.mark.parametrize(("text", "terms"), [
    ("Kaggle에서", ["kaggle"]),
    ("BERT를 RoBERTa로", ["bert", "roberta"]),
    ("GPU가", ["gpu"]),
    ("PyTorch로는", ["pytorch"]),
    ("NLP외주", ["nlp", "외주"]),
    ("SW마에스트로에서", ["sw", "마에스트로"]),
    ("GPT3에서 90kg에", ["gpt3", "90kg"]),
    ("Domain Specific BERT를 만들고", ["domain", "specific", "bert", "만들고"]),
])
def test_mixed_script(text, terms):
    assert ko.analyze(text) == terms


def test_word_filter_drops_numbers_and_stopwords():
    language = ko.SearchKorean({})
    assert not language.word_filter("2021")
    assert not language.word_filter("the")
    assert language.word_filter("2021년")
    assert language.word_filter("논문")


def test_js_code_has_the_word_lists():
    code = ko.js_code()
    for placeholder in ("__HANGUL__", "__SUFFIXES__", "__LATIN_PARTICLES__"):
        assert placeholder not in code
    for suffix in ("에서", "으로", "을"):
        assert json.dumps(suffix, ensure_ascii=False) in code
    assert "var splitQuery" in code


def test_sphinx_indexes_korean_terms(make_app, tmp_path):
    """A small build with the language registered: stems in the index, JS in language_data.js."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO / '_ext')!r})\n"
        "from handbook import search\n"
        "language = 'ko'\n"
        "def setup(app):\n"
        "    search.setup(app)\n", encoding="utf-8")
    (src / "index.rst").write_text(
        "회고\n====\n\n논문을 제출했고 Kaggle에서 대회에 나갔다. 연구실에서 DOCKER를 썼다.\n",
        encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    out = Path(app.outdir)
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[len("Search.setIndex("):-1])["terms"]
    for term in ("논문", "kaggle", "대회", "연구실", "docker"):
        assert term in terms
    for term in ("논문을", "kaggle에서", "에서", "연구실에서", "Kaggle"):
        assert term not in terms
    language_data = (out / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "HandbookKorean" in language_data and "&gt;" not in language_data


# -- Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "the browser search tests need Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def dump_dom(chromium: str, url: str, profile: Path) -> str:
    run = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", url],
                         capture_output=True, text=True, timeout=120)
    return run.stdout


def test_browser_splits_queries_like_python(chromium, tmp_path):
    """splitQuery in the browser yields the same terms as the Python analyzer."""
    samples = ["Kaggle에서 BERT를 RoBERTa로 ＧＰＵ가 2021년에는 GPT3에서 3D프린터 90kg에",
               "논문을 제출했고 논문이 Accept 되었다. 회의 결과를 심전도 연구실에서 ㅋㅋ"]
    samples += [p.read_text(encoding="utf-8") for p in sorted((REPO / "memoirs").glob("*.md"))]
    page = tmp_path / "parity.html"
    page.write_text(
        "<!doctype html><meta charset='utf-8'><pre id='out'></pre><script>"
        + ko.js_code()
        + "\nconst samples = " + json.dumps(samples, ensure_ascii=False) + ";\n"
        "document.getElementById('out').textContent = "
        "JSON.stringify(samples.map((s) => splitQuery(s)));</script>",
        encoding="utf-8")
    dom = dump_dom(chromium, page.as_uri(), tmp_path / "profile")
    match = re.search(r"<pre id=\"out\">(.*?)</pre>", dom, re.S)
    assert match, dom[:2000]
    assert json.loads(html.unescape(match.group(1))) == [ko.analyze(s) for s in samples]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(handbook_html: Path):
    """The built handbook served on the loopback address (result snippets are fetched)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(handbook_html)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def memoir_texts(handbook_html: Path) -> dict[str, str]:
    texts = {}
    for page in sorted((handbook_html / "memoirs").rglob("*.html")):
        # The page's text as the product's search evaluation reads it (<main>/<article>).
        texts[page.relative_to(handbook_html).as_posix()] = HtmlPage.read(page).text
    assert texts, "no memoir pages in the built handbook"
    return texts


def containing(texts: dict[str, str], query: str) -> set[str]:
    """Memoir pages holding every word of the query (white space and case ignored)."""
    squashed = {page: re.sub(r"\s+", "", text).lower() for page, text in texts.items()}
    words = [w.lower() for w in query.split()]
    return {page for page, text in squashed.items() if all(w in text for w in words)}


@pytest.fixture()
def search(chromium, site, tmp_path):
    def run(query: str) -> tuple[list[str], str]:
        url = site + "search.html?q=" + urllib.parse.quote(query)
        dom = dump_dom(chromium, url, tmp_path / "profile")
        start = dom.find('id="search-results"')
        assert start != -1, f"no search results block for {query!r}"
        results = dom[start:]
        pages: list[str] = []
        for href in re.findall(r'href="([^"#?]+)[^"]*"', results):
            href = urllib.parse.unquote(href)
            if href.startswith("memoirs/") and href not in pages:
                pages.append(href)
        return pages, results
    return run


@pytest.mark.parametrize("noun", ["신호", "모델", "발표"])
def test_two_syllable_noun_found_when_only_used_with_particles(search, memoir_texts, noun):
    expected = containing(memoir_texts, noun)
    # The case under test: a page where the noun never stands alone, only with a particle.
    glued = {page for page in expected
             if re.search(noun + r"[가-힣]", memoir_texts[page])
             and not re.search(noun + r"(?![가-힣])", memoir_texts[page])}
    assert glued, f"no memoir uses {noun!r} only with particles; pick another noun"
    found, _ = search(noun)
    assert expected <= set(found), f"missing {sorted(expected - set(found))}"


@pytest.mark.parametrize(("word", "glued"), [("Python", "Python을"), ("GPU", "GPU로는"),
                                             ("MLOps", "MLOps와")])
def test_english_word_followed_by_a_particle(search, memoir_texts, word, glued):
    expected = containing(memoir_texts, glued)
    assert expected, f"no memoir writes {glued!r}"
    # The case under test: a page where the word never stands alone, only with a particle.
    alone = re.compile(rf"(?<![A-Za-z]){word}(?![A-Za-z가-힣])", re.I)
    assert any(not alone.search(memoir_texts[page]) for page in expected), (
        f"every memoir with {glued!r} also has {word!r} alone; pick another word")
    for query in (word, word.lower(), glued):
        found, _ = search(query)
        assert expected <= set(found), f"{query!r} misses {sorted(expected - set(found))}"


@pytest.mark.parametrize("query", ["Kaggle 대회", "논문 리뷰", "심전도 신호"])
def test_multi_word_query_requires_every_word(search, memoir_texts, query):
    expected = containing(memoir_texts, query)
    assert expected, f"no memoir holds every word of {query!r}"
    found, _ = search(query)
    assert expected <= set(found), f"missing {sorted(expected - set(found))}"
    assert set(found) <= expected, f"pages without every word: {sorted(set(found) - expected)}"


@pytest.mark.parametrize(("query", "highlighted"), [("논문", "논문"), ("Kaggle에서", "kaggle")])
def test_result_snippets_highlight_korean_terms(search, query, highlighted):
    found, results = search(query)
    assert found
    marks = re.findall(r'<span class="highlighted">([^<]*)</span>', results)
    assert any(m.lower() == highlighted for m in marks), f"no highlighted {highlighted!r}: {marks}"
    assert re.search(r'class="context"', results), "no result snippet"


def test_memoir_snippets_quote_the_memoir_not_its_generated_header(search):
    found, results = search("논문을")
    memoir_results = re.findall(
        r'href="memoirs/[^"]+"[^>]*>.*?<p class="context">(.*?)</p>', results, re.S)
    assert len(memoir_results) >= 4
    for snippet in memoir_results:
        assert "돌아본 해" not in snippet and "다루는 주제" not in snippet, snippet
        assert '<span class="highlighted">논문</span>' in snippet


def test_built_handbook_uses_the_korean_search(handbook_html):
    language_data = (handbook_html / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "HandbookKorean" in language_data
