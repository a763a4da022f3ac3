"""The bibliography's content: what references.bib says, and where the memoirs cite it.

These tests read the repository's own sources: references.bib with the handbook's strict reader
(``handbook.bibfile``) and pybtex for the fields, the memoirs with MyST's parser
(``tests/sources.py``). They pin the facts settled by the bibliography audit
(docs/bibliography.md) and the house rules of the file's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pybtex.database
import pytest

from handbook import bibfile

import sources

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
MEMOIRS = ROOT / "memoirs"


@pytest.fixture(scope="module")
def bib():
    return pybtex.database.parse_file(str(BIB))


def names(entry) -> list[str]:
    """The authors as "Last, First Middle", in order."""
    return [" ".join(p.last_names) + ", " + " ".join(p.first_names + p.middle_names)
            for p in entry.persons["author"]]


@dataclass(frozen=True)
class Citation:
    keys: tuple[str, ...]
    line: int  # 1-based line in the memoir
    before: str  # the text of that line up to the citation (a link counts as its text)


def citations(memoir: str) -> list[Citation]:
    """Every ``{cite:...}`` role of a memoir with the words it follows on its line."""
    found = []
    for block in sources.tokens((MEMOIRS / memoir).read_text(encoding="utf-8")):
        if block.type != "inline":
            continue
        line, words = block.map[0] + 1, ""
        for child in block.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line, words = line + 1, ""
            elif child.type == "myst_role" and child.meta.get("name", "").startswith("cite"):
                keys = tuple(k.strip() for k in child.content.split(","))
                found.append(Citation(keys, line, words))
            elif child.type in ("text", "code_inline"):
                words += child.content
    return found


def cited_after(memoir: str, key: str, name: str) -> list[Citation]:
    """Citations of ``key`` that follow, on the same line, words naming the work."""
    return [c for c in citations(memoir) if key in c.keys and name in c.before]


# -- The memoirs cite the works they name, after the sentence that names them ---------------

# (memoir, key, how the memoir names the work, how the sentence naming it ends)
NAMED = [
    ("2023-data-whatever.md", "harris2020numpy", "numpy", "잊을 수 없다."),
    ("2023-data-whatever.md", "mckinney2010pandas", "Pandas", "잊을 수 없다."),
    ("2023-data-whatever.md", "abadi2015tensorflow", "텐서플로우", "끝도 없다."),
    ("2019-ml-voyage-3.md", "park2015nsmc", "네이버 영화리뷰 데이터셋", "설명을 들을 수 있었다"),
    ("2020-retrospective.md", "mnih2015dqn", "DQN 자체가 PyTorch 기반 코드", "쉽지 않았다."),
    ("2022-growing-pains.md", "jocher2020yolov5", "Yolo v5를 이용한", "받았습니다."),
]


@pytest.mark.parametrize("memoir, key, name, end", NAMED, ids=[n[1] for n in NAMED])
def test_a_named_work_is_cited_right_after_the_sentence_naming_it(memoir, key, name, end):
    found = cited_after(memoir, key, name)
    assert found, f"{memoir}: no {{cite:p}} of {key} after the words {name!r}"
    # Directly after the end of the sentence: the author's sentence stays whole.
    assert all(c.before.rstrip().endswith(end) for c in found), found


def test_dqn_is_cited_with_bohb_and_pytorch_where_the_2020_memoir_names_all_three():
    found = cited_after("2020-retrospective.md", "falkner2018bohb", "BOHB을 적용하였는데")
    assert len(found) == 1
    assert found[0].keys == ("falkner2018bohb", "mnih2015dqn", "paszke2019pytorch")


def test_no_citation_follows_a_bare_url():
    """A citation follows the words naming a work, never a line holding only a link."""
    for memoir in sorted(MEMOIRS.glob("*.md")):
        for c in citations(memoir.name):
            assert not re.fullmatch(r"\s*https?://\S+\s*", c.before), (memoir.name, c)


def test_yolov5_is_cited_only_where_the_2022_memoir_names_it():
    found = [c for c in citations("2022-growing-pains.md") if "jocher2020yolov5" in c.keys]
    assert [c.before.strip() for c in found] == [
        "Yolo v5를 이용한 주차공간 추천서비스를 개발했으며 우수상을 받았습니다."]


def test_tensorflow_is_cited_because_the_2023_memoir_names_it():
    text = (MEMOIRS / "2023-data-whatever.md").read_text(encoding="utf-8")
    assert "텐서플로우" in text
    assert cited_after("2023-data-whatever.md", "abadi2015tensorflow", "텐서플로우 이해")


# -- Entries settled by the audit ------------------------------------------------------------

def test_bam_is_a_bmvc_2018_paper(bib):
    entry = bib.entries["park2018bam"]
    assert entry.type == "inproceedings"
    assert "British Machine Vision Conference" in entry.fields["booktitle"]
    assert entry.fields["year"] == "2018"
    assert entry.fields["url"] == "http://bmvc2018.org/contents/papers/0092.pdf"
    assert names(entry) == ["Park, Jongchan", "Woo, Sanghyun", "Lee, Joon-Young",
                            "Kweon, In So"]


def test_pytorch_follows_the_neurips_record(bib):
    entry = bib.entries["paszke2019pytorch"]
    authors = names(entry)
    assert "Kopf, Andreas" in authors and "DeVito, Zachary" in authors
    assert not any("Köpf" in a or a.endswith(", Zach") for a in authors)
    assert entry.fields["pages"] == "8024--8035"
    assert entry.fields["volume"] == "32"


def test_glow_names_its_first_author_as_the_neurips_record_does(bib):
    assert names(bib.entries["kingma2018glow"]) == ["Kingma, Durk P.", "Dhariwal, Prafulla"]


def test_cvae_keeps_the_neurips_author_order(bib):
    assert names(bib.entries["sohn2015cvae"]) == ["Sohn, Kihyuk", "Lee, Honglak", "Yan, Xinchen"]


@pytest.mark.parametrize("key, year", [("simonyan2015vgg", "2015"),
                                       ("huang2019timbretron", "2019")])
def test_iclr_papers_whose_own_text_names_the_venue(bib, key, year):
    entry = bib.entries[key]
    assert entry.type == "inproceedings"
    assert entry.fields["booktitle"] == "International Conference on Learning Representations ({ICLR})"
    assert entry.fields["year"] == year


def test_efficientnet_is_in_pmlr_97(bib):
    entry = bib.entries["tan2019efficientnet"]
    assert entry.type == "inproceedings"
    assert "36th International Conference on Machine Learning" in entry.fields["booktitle"]
    assert (entry.fields["volume"], entry.fields["publisher"]) == ("97", "PMLR")
    # PMLR's page (and so the pages) was not seen: the field stays out.
    assert "pages" not in entry.fields


@pytest.mark.parametrize("key", ["dosovitskiy2020vit", "zoph2016nas", "mnih2016a3c"])
def test_a_venue_seen_only_in_third_party_lists_is_not_claimed(bib, key):
    entry = bib.entries[key]
    assert entry.type == "misc" and entry.fields["archivePrefix"] == "arXiv"
    assert not {"booktitle", "journal", "pages"} & set(entry.fields)


def test_numpy_pandas_and_nsmc_entries(bib):
    numpy = bib.entries["harris2020numpy"]
    assert (numpy.fields["journal"], numpy.fields["volume"], numpy.fields["pages"]) == (
        "Nature", "585", "357--362")
    assert numpy.fields["doi"] == "10.1038/s41586-020-2649-2"
    assert names(numpy)[0] == "Harris, Charles R." and names(numpy)[-1] == "Oliphant, Travis E."
    pandas = bib.entries["mckinney2010pandas"]
    assert names(pandas) == ["McKinney, Wes"]
    assert pandas.fields["booktitle"] == "Proceedings of the 9th {Python} in Science Conference"
    assert pandas.fields["pages"] == "56--61"
    nsmc = bib.entries["park2015nsmc"]
    assert nsmc.fields["url"] == "https://github.com/e9t/nsmc"
    assert "sentiment movie corpus" in nsmc.fields["title"]


# -- House rules of the header -----------------------------------------------------------------

def header_evidence() -> dict[str, str]:
    """``key: [kind] record`` lines of the comment block above the first entry."""
    read = bibfile.read(BIB)
    assert read.parsed and not read.problems, read.problems
    lines = BIB.read_text(encoding="utf-8").splitlines()[:min(read.lines.values()) - 1]
    evidence = {}
    for line in lines:
        match = re.match(r"% (\w+): (\[\w+\] .+)$", line)
        if match:
            assert match.group(1) not in evidence, f"two evidence lines for {match.group(1)}"
            evidence[match.group(1)] = match.group(2)
    return evidence


def test_every_entry_has_one_evidence_line_in_the_header():
    evidence = header_evidence()
    keys = bibfile.read(BIB).keys
    assert set(evidence) == set(keys), set(evidence) ^ set(keys)
    for key, line in evidence.items():
        assert re.match(r"\[(P|arXiv|copy)\] \S", line), (key, line)


def test_arxiv_only_entries_are_arxiv_misc_entries(bib):
    for key, line in header_evidence().items():
        if line.startswith("[arXiv]"):
            entry = bib.entries[key]
            assert entry.type == "misc" and entry.fields.get("eprint"), key


def test_keys_follow_the_year_of_the_record_cited(bib):
    for key, entry in bib.entries.items():
        match = re.fullmatch(r"[a-z]+(\d{4})[a-z0-9]+", key)
        assert match, f"{key}: keys look like sandler2018mobilenetv2"
        assert match.group(1) == entry.fields["year"], key
