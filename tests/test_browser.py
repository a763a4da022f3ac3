"""The built handbook as a reader meets it, in headless Chromium: phone and desktop widths,
light and dark mode, axe-core for accessibility (tests/browser.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from browser import AXE, DESKTOP, PHONE, Browser
from conftest import IN_CI, require_tool

ROOT = Path(__file__).resolve().parent.parent
PAGE_TYPES = ["index.html", "memoirs/2022-growing-pains.html", "topics/ecg.html",
              "_tags/research.html", "bibliography.html", "years/2021.html", "timeline.html",
              "search.html?q=회고"]


@pytest.fixture(scope="module")
def browser(handbook_html):
    chromium = require_tool("chromium", "sudo scripts/install-system-deps.sh")
    if not AXE.is_file():
        message = f"{AXE} is missing: run `make test` (it runs `npm ci`)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    b = Browser(handbook_html, chromium)
    yield b
    b.close()


def open_page(browser, page: str, size=DESKTOP, dark: bool = False) -> None:
    browser.open(page, size, dark=dark)
    if page.startswith("search.html"):
        browser.wait_for("document.querySelectorAll('#search-results li').length > 0")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page", PAGE_TYPES)
def test_axe_finds_no_violation(browser, page, dark):
    open_page(browser, page, dark=dark)
    assert browser.axe() == []


def test_axe_finds_no_violation_on_a_phone_and_on_a_highlighted_passage(browser):
    open_page(browser, "memoirs/2020-retrospective.html", PHONE)
    assert browser.axe() == []
    anchor = browser.evaluate("document.querySelectorAll('[id^=passage-]')[2].id")
    for dark in (False, True):
        browser.open(f"memoirs/2020-retrospective.html#{anchor}", DESKTOP, dark=dark)
        assert browser.evaluate("document.querySelector(':target') !== null")
        time.sleep(1.2)  # the highlight fades in over a second
        assert browser.axe() == []


def test_the_visible_menu_button_opens_the_navigation_on_a_phone(browser):
    """On a phone the themes show the sidebar as a dialog (pst-primary-sidebar-modal)."""
    browser.open("memoirs/2021-busy-year.html", PHONE)
    assert not browser.visible("#pst-primary-sidebar-modal .bd-docs-nav")
    browser.click(".bd-header-article .primary-toggle")
    assert browser.visible("#pst-primary-sidebar-modal .bd-docs-nav")
    # the current year's memoirs are in it
    assert "2021년 회고" in browser.evaluate(
        "document.querySelector('#pst-primary-sidebar-modal .bd-docs-nav').innerText")


def test_the_contents_button_opens_the_page_contents_on_a_phone(browser):
    browser.open("memoirs/2021-busy-year.html", PHONE)
    assert not browser.visible("#pst-secondary-sidebar-modal .page-toc")
    browser.click(".bd-header-article .secondary-toggle")
    assert browser.visible("#pst-secondary-sidebar-modal .page-toc")
    assert "1분기" in browser.evaluate(
        "document.querySelector('#pst-secondary-sidebar-modal').innerText")


def test_the_menu_button_collapses_the_navigation_on_a_desktop(browser):
    browser.open("memoirs/2021-busy-year.html", DESKTOP)
    assert browser.visible("#pst-primary-sidebar .bd-docs-nav")
    browser.click(".bd-header-article .primary-toggle")
    assert not browser.visible("#pst-primary-sidebar .bd-docs-nav")


#: Interface strings of Sphinx and the themes that must not reach a Korean reader.
ENGLISH = ["Toggle", "Search...", "Main", "Page", "Link to this", "By ", "Copyright",
           "Color mode", "On this page", "Skip to main content", "Back to top", "Download",
           "Fullscreen", "Print to PDF", "Light", "Dark", "System settings", "Contents",
           "Search", "Navigation", "Previous", "Next", "previous page", "next page"]

CHROME_TEXTS = """(() => {
  const out = [];
  const article = document.querySelector('article.bd-article');
  for (const el of document.querySelectorAll('body *')) {
    if (article && article.contains(el) && !el.closest('.headerlink')) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'data-bs-original-title'])
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    for (const n of el.childNodes)
      if (n.nodeType === 3 && n.textContent.trim()) out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('.headerlink'))
    out.push(el.getAttribute('title') || '');
  return out; })()"""


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_no_english_interface_strings(browser, page):
    open_page(browser, page)
    texts = browser.evaluate(CHROME_TEXTS)
    found = sorted({t for t in texts for word in ENGLISH if word in t})
    assert found == []


def test_search_says_how_many_pages_it_found_and_quotes_memoir_text(browser):
    import re

    browser.open("search.html?q=부정맥")
    browser.wait_for("(document.querySelector('#search-results p.search-summary') || {})"
                     ".innerText && document.querySelector('#search-results p.search-summary')"
                     ".innerText.length > 3", 20)
    summary = browser.evaluate(
        "document.querySelector('#search-results p.search-summary').innerText")
    assert re.fullmatch(r"검색을 마쳤습니다\. 검색어가 들어 있는 페이지 \d+개를 찾았습니다\.", summary)
    browser.wait_for("document.querySelectorAll('#search-results p.context').length > 0")
    snippets = browser.evaluate(
        "[...document.querySelectorAll('#search-results p.context')].map(p => p.innerText)")
    assert snippets and any("부정맥" in s for s in snippets)
    for interface in ("밝게", "어둡게", "시스템 설정", ".md", "작성자:", "다루는 주제", "이 대목이 실린 주제"):
        assert not any(interface in s for s in snippets), interface


def test_every_control_shows_keyboard_focus(browser):
    browser.open("memoirs/2021-busy-year.html", DESKTOP)
    seen = []
    for _ in range(30):
        for kind in ("keyDown", "keyUp"):
            browser.call("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab",
                         windowsVirtualKeyCode=9)
        state = browser.evaluate("""(() => { const e = document.activeElement,
            s = getComputedStyle(e);
            return [e.getAttribute('aria-label') || e.innerText.trim().slice(0, 20),
                    s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                    || s.boxShadow !== 'none']; })()""")
        seen.append(state)
    assert [label for label, shown in seen if not shown] == []
    labels = [label for label, _ in seen]
    assert "사이트 탐색 열기" in labels and "이 페이지 내려받기" in labels


def test_a_result_leads_to_the_passage_where_its_words_are(browser):
    browser.open("search.html?q=다이어트")
    browser.wait_for("[...document.querySelectorAll('#search-results li a')].some(a => "
                     "a.href.includes('2021-busy-year.html#'))", 20)
    href = browser.evaluate("[...document.querySelectorAll('#search-results li a')]"
                            ".map(a => a.getAttribute('href'))"
                            ".find(h => h.includes('2021-busy-year.html#'))")
    anchor = href.split("#", 1)[1]
    assert anchor.startswith("passage-")
    browser.open(f"memoirs/2021-busy-year.html#{anchor}")
    assert "다이어트" in browser.evaluate(f"document.getElementById({anchor!r}).innerText")


def result_pages(browser, query: str) -> list[str]:
    """The pages a search lists, in the order shown (page paths, anchors dropped)."""
    import urllib.parse

    browser.open("search.html?q=" + urllib.parse.quote(query))
    browser.wait_for("document.querySelector('#search-results p.search-summary') && "
                     "document.querySelector('#search-results p.search-summary')"
                     ".innerText.length > 3", 20)
    hrefs = browser.evaluate("[...document.querySelectorAll('#search-results li > a')]"
                             ".map(a => a.getAttribute('href'))")
    return [urllib.parse.unquote(h.split("#", 1)[0]) for h in hrefs]


@pytest.mark.parametrize("query", ["다이어트", "부정맥", "Kaggle"])
def test_pages_that_use_a_word_more_rank_above_pages_that_mention_it(browser, handbook_html,
                                                                     query):
    from html_page import HtmlPage

    pages = result_pages(browser, query)
    uses = {page: HtmlPage.read(handbook_html / page).own_text.lower().count(query.lower())
            for page in pages if page.startswith("memoirs/")}
    assert uses, f"no memoir found for {query!r}"
    # The memoir that uses the word most comes first among the memoirs...
    memoirs = [page for page in pages if page in uses]
    assert uses[memoirs[0]] == max(uses.values())
    # ...and every memoir whose own text uses it at least twice ranks above every tag page,
    # whose text is one-line summaries.
    tag_positions = [i for i, page in enumerate(pages) if page.startswith("_tags/")]
    for page, n in uses.items():
        if n >= 2 and tag_positions:
            assert pages.index(page) < min(tag_positions), (page, n, pages)
