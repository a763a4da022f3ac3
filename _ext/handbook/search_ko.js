/*
 * Korean search for the handbook (Sphinx search language "ko"), embedded in
 * language_data.js after searchtools.js. Generated from _ext/handbook/search.py,
 * which fills in the word lists: keep the two sides in step.
 *
 * splitQuery() turns the reader's query into the same terms search.py puts in the
 * index. Search.performTermsSearch is replaced so that a query term also matches the
 * index terms that contain it, every query term is required, and pages are ranked by where
 * and how often they use the words (searchweights.js). Search.htmlToText is wrapped so that
 * result snippets leave out the generated memoir header.
 */
const HandbookKorean = (() => {
  const HANGUL = "__HANGUL__";
  const SUFFIXES = __SUFFIXES__; // longest first
  const LATIN_PARTICLES = new Set(__LATIN_PARTICLES__);
  const RUN = /[\p{L}\p{N}_]+/gu;
  const SEGMENT = new RegExp(
    `[0-9]*[${HANGUL}][${HANGUL}0-9]*|(?:(?![${HANGUL}])[\\p{L}\\p{N}_])+`,
    "gu",
  );
  const IS_HANGUL = new RegExp(`[${HANGUL}]`, "u");
  // joinSpaced: a Hangul query term of four or more characters also matches where the
  // text puts a space inside it (see performTermsSearch).
  const options = { joinSpaced: true };

  const normalize = (text) => text.normalize("NFKC").toLowerCase();

  const stripParticle = (word) => {
    const length = [...word].length;
    for (const suffix of SUFFIXES)
      if (word.endsWith(suffix) && length - [...suffix].length >= 2)
        return word.slice(0, word.length - suffix.length);
    return word;
  };

  // Same terms as search.analyze() in Python.
  const analyze = (text) => {
    const terms = [];
    for (const run of normalize(text).match(RUN) || []) {
      const segments = run.match(SEGMENT) || [];
      segments.forEach((segment, i) => {
        if (IS_HANGUL.test(segment)) {
          if (i > 0 && LATIN_PARTICLES.has(segment)) return;
          segment = stripParticle(segment);
        }
        terms.push(segment);
      });
    }
    return terms;
  };

  // An index term that is the query term plus a particle counts as a full match.
  const isInflection = (term, word) =>
    term.startsWith(word) && LATIN_PARTICLES.has(term.slice(word.length));

  // How often each page uses a term (searchweights.js, from searchrank.py): term ->
  // Map(document index in Search._index -> count); a term a page uses once is not listed.
  let counts = null;
  const countsFor = (index) => {
    if (counts !== null) return counts;
    counts = new Map();
    const data = typeof HandbookSearchWeights !== "undefined" ? HandbookSearchWeights : null;
    if (!data) return counts;
    const position = new Map(index.docnames.map((name, i) => [name, i]));
    for (const [term, entries] of Object.entries(data.counts)) {
      const byFile = new Map();
      for (const [doc, n] of entries) {
        const file = position.get(data.docnames[doc]);
        if (file !== undefined) byFile.set(file, n);
      }
      counts.set(term, byFile);
    }
    return counts;
  };
  const countOf = (term, file) => {
    const byFile = counts && counts.get(term);
    return (byFile && byFile.get(file)) || 1;
  };

  // Documents holding `word` in one term mapping: index -> {score, n}, the best level of
  // match (full or partial) and how many times the page uses the matching terms.
  const lookup = (mapping, keys, word, fullScore, partialScore) => {
    const found = new Map();
    const add = (key, score) => {
      const files = mapping[key];
      for (const file of Array.isArray(files) ? files : [files]) {
        const seen = found.get(file) || { score: 0, n: 0 };
        found.set(file, { score: Math.max(seen.score, score), n: seen.n + countOf(key, file) });
      }
    };
    if (Object.hasOwn(mapping, word)) add(word, fullScore);
    // Korean compounds are written solid, and so are many model and tool names
    // (DistilBERT, PyTorch): a term matches inside longer terms. Latin terms of one or
    // two letters (ai, ml) match whole terms only, as in Sphinx.
    if (IS_HANGUL.test(word) || word.length > 2)
      for (const key of keys)
        if (key !== word && key.includes(word))
          add(key, isInflection(key, word) ? fullScore : partialScore);
    return found;
  };

  // The score of one query term on one page: where it occurs (title, text, or only as part
  // of a longer term such as a memoir's topic name in its keywords), plus a bonus that grows
  // with the logarithm of how often the page uses it (1 time: 0, 2: 2, 4: 4, 16 or more: 8).
  const termScore = ({ score, n }) => score + Math.min(8, Math.round(2 * Math.log2(n)));

  const performTermsSearch = (searchTerms, excludedTerms) => {
    const index = Search._index;
    const terms = index.terms;
    const titleTerms = index.titleterms;
    const termKeys = Object.keys(terms);
    const titleKeys = Object.keys(titleTerms);

    // Documents holding a term that passes `test`, in the text or in a title.
    const documentsWith = (test) => {
      const docs = new Set();
      for (const [mapping, keys] of [[terms, termKeys], [titleTerms, titleKeys]])
        for (const key of keys)
          if (test(key)) {
            const files = mapping[key];
            for (const file of Array.isArray(files) ? files : [files]) docs.add(file);
          }
      return docs;
    };

    countsFor(index);
    let scores = null; // document index -> sum over the query terms of their scores
    for (const word of searchTerms) {
      const inText = lookup(terms, termKeys, word, Scorer.term, Scorer.partialTerm);
      const inTitle = lookup(titleTerms, titleKeys, word, Scorer.title, Scorer.partialTitle);
      const found = new Map();
      for (const file of new Set([...inText.keys(), ...inTitle.keys()])) {
        const text = inText.get(file) || { score: 0, n: 0 };
        const title = inTitle.get(file) || { score: 0, n: 0 };
        found.set(file, termScore({ score: Math.max(text.score, title.score), n: text.n + title.n }));
      }
      // Korean spacing varies: "강화학습" also finds "강화 학습" (a term ending with the
      // first part and a term starting with the rest, each of two characters or more).
      if (options.joinSpaced && IS_HANGUL.test(word) && [...word].length >= 4)
        for (let i = 2; i <= word.length - 2; i++) {
          const left = word.slice(0, i);
          const right = word.slice(i);
          const rightDocs = documentsWith((key) => key.startsWith(right));
          for (const file of documentsWith((key) => key.endsWith(left)))
            if (rightDocs.has(file) && !found.has(file)) found.set(file, Scorer.partialTerm);
        }
      if (scores === null) scores = found;
      else
        for (const [file, score] of scores) {
          if (!found.has(file)) scores.delete(file); // every term is required
          else scores.set(file, score + found.get(file));
        }
    }
    if (scores === null) return [];

    const has = (mapping, term, file) => {
      if (!Object.hasOwn(mapping, term)) return false;
      const files = mapping[term];
      return Array.isArray(files) ? files.includes(file) : files === file;
    };
    const results = [];
    for (const [file, score] of scores) {
      if ([...excludedTerms].some((t) => has(terms, t, file) || has(titleTerms, t, file)))
        continue;
      results.push([
        index.docnames[file],
        index.titles[file],
        "",
        null,
        score,
        index.filenames[file],
        SearchResultKind.text,
      ]);
    }
    return results;
  };

  return { analyze, stripParticle, normalize, performTermsSearch, options };
})();

var splitQuery = HandbookKorean.analyze;
if (typeof Search !== "undefined") {
  Search.performTermsSearch = HandbookKorean.performTermsSearch;
  // Result snippets quote the page's own text: the article only (not the theme's buttons and
  // menus, the page's table of contents or the print-only contents, which the theme puts in
  // the same main region), and of a memoir not the header (author, dates, topics, tags), the
  // topics line the handbook adds above each passage, nor its list of related memoirs. An
  // anchor is looked up by id: Sphinx's CSS selector fails on ids that start with a digit
  // ("#1분기-1월--3월").
  const htmlToText = Search.htmlToText;
  const article = (htmlString) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const main = page.querySelector('[role="main"]');
    const body = page.querySelector("article.bd-article");
    if (main && body) main.replaceChildren(body);
    page.querySelectorAll(".handbook-memoir-meta, .handbook-passage-topics, .handbook-related, " +
      ".handbook-related-list, .headerlink")
      .forEach((el) => el.remove());
    return page;
  };
  Search.htmlToText = (htmlString, anchor) => {
    const page = article(htmlString);
    if (anchor) {
      const block = page.getElementById(decodeURIComponent(anchor.replace(/^#/, "")));
      if (block) return block.textContent;
    }
    return htmlToText(page.documentElement.outerHTML, "");
  };

  // A result leads to where its words are: the first passage that holds every search term,
  // else the innermost section that does (the page itself when only the whole page does).
  const bestAnchor = (htmlString, keywords) => {
    const page = article(htmlString);
    const terms = [...keywords].map(HandbookKorean.normalize).filter((t) => t);
    if (!terms.length) return "";
    const holds = (el) => {
      const text = HandbookKorean.normalize(el.textContent);
      return terms.every((t) => text.includes(t));
    };
    const passage = [...page.querySelectorAll('article [id^="passage-"]')].find(holds);
    if (passage) return passage.id;
    const sections = [...page.querySelectorAll("article section[id]")].filter(holds);
    const innermost = sections.filter((s) => !sections.some((o) => o !== s && s.contains(o)));
    const best = innermost.find((s) => s.parentElement.closest("section"));
    return best ? best.id : "";
  };
  const makeSearchSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const better = anchor ? "" : bestAnchor(htmlText, keywords);
    const summary = makeSearchSummary(htmlText, keywords, better ? `#${better}` : anchor);
    if (summary && better)
      // the summary is appended to its result right after this returns
      queueMicrotask(() => {
        const link = summary.parentElement && summary.parentElement.querySelector("a");
        if (link) {
          const page = link.getAttribute("href").split("#")[0];
          link.setAttribute("href", `${page}#${encodeURIComponent(better)}`);
        }
      });
    return summary;
  };
}

// Sphinx's Korean catalogue leaves the result count empty (translations.js has "" for it), so
// the search page said nothing after a search: the count in Korean.
if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS) {
  Documentation.TRANSLATIONS["Search finished, found one page matching the search query."] = [
    "검색을 마쳤습니다. 검색어가 들어 있는 페이지 ${resultCount}개를 찾았습니다.",
  ];
}
