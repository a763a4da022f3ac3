/*
 * Korean search for the handbook (Sphinx search language "ko"), embedded in
 * language_data.js after searchtools.js. Generated from _ext/handbook/search.py,
 * which fills in the word lists: keep the two sides in step.
 *
 * splitQuery() turns the reader's query into the same terms search.py puts in the
 * index. Search.performTermsSearch is replaced so that a query term also matches the
 * index terms that contain it, and every query term is required. Search.htmlToText is
 * wrapped so that result snippets leave out the generated memoir header.
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

  // Documents (index -> score) holding `word` in one term mapping.
  const lookup = (mapping, keys, word, fullScore, partialScore) => {
    const found = new Map();
    const add = (files, score) => {
      for (const file of Array.isArray(files) ? files : [files])
        if (!(found.get(file) >= score)) found.set(file, score);
    };
    if (Object.hasOwn(mapping, word)) add(mapping[word], fullScore);
    // Korean compounds are written solid, and so are many model and tool names
    // (DistilBERT, PyTorch): a term matches inside longer terms. Latin terms of one or
    // two letters (ai, ml) match whole terms only, as in Sphinx.
    if (IS_HANGUL.test(word) || word.length > 2)
      for (const key of keys)
        if (key !== word && key.includes(word))
          add(mapping[key], isInflection(key, word) ? fullScore : partialScore);
    return found;
  };

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

    let scores = null; // document index -> best score over the query terms
    for (const word of searchTerms) {
      const inText = lookup(terms, termKeys, word, Scorer.term, Scorer.partialTerm);
      const inTitle = lookup(titleTerms, titleKeys, word, Scorer.title, Scorer.partialTitle);
      const found = new Map(inText);
      for (const [file, score] of inTitle)
        if (!(found.get(file) >= score)) found.set(file, score);
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
          else scores.set(file, Math.max(score, found.get(file)));
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
  // the same main region), and of a memoir not the header (author, dates, topics, tags) nor
  // the topics line the handbook adds above each passage. An anchor is looked up by id:
  // Sphinx's CSS selector fails on ids that start with a digit ("#1분기-1월--3월").
  const htmlToText = Search.htmlToText;
  const article = (htmlString) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const main = page.querySelector('[role="main"]');
    const body = page.querySelector("article.bd-article");
    if (main && body) main.replaceChildren(body);
    page.querySelectorAll(".handbook-memoir-meta, .handbook-passage-topics, .headerlink")
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
