# Makefile for the ML memoir handbook.
#
# Every target bootstraps the virtual environment from requirements.txt when it is
# missing or older than requirements.txt, then calls Sphinx in "make mode" (-M).

PYTHON       ?= python3
VENVDIR      ?= .venv
SPHINXOPTS   ?= -W --keep-going -n
SPHINXBUILD   = $(VENVDIR)/bin/sphinx-build
SOURCEDIR     = .
BUILDDIR      = _build
VENVSTAMP     = $(VENVDIR)/.installed

.PHONY: help venv html test check pdf catalog clean htmllive Makefile

help:
	@echo "make html      build the website into $(BUILDDIR)/html (strict: $(SPHINXOPTS))"
	@echo "make test      run the test suite (pytest)"
	@echo "make check     validate memoirs, topics and references.bib without building"
	@echo "make pdf       build the PDF handbook into $(BUILDDIR)/latex"
	@echo "make epub      build the EPUB into $(BUILDDIR)/epub"
	@echo "make htmllive  rebuild and reload the website while you edit"
	@echo "make clean     remove build output and generated tag pages"
	@echo "make <builder> any other Sphinx builder, e.g. 'make linkcheck'"

venv: $(VENVSTAMP)

$(VENVSTAMP): requirements.txt
	@test -x $(VENVDIR)/bin/python || $(PYTHON) -m venv $(VENVDIR)
	$(VENVDIR)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# requirements.txt is a source file: keep the catch-all rule below from "building" it.
requirements.txt: ;

html: venv
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

check: venv
	@PYTHONPATH=_ext $(VENVDIR)/bin/python -m handbook.check "$(SOURCEDIR)"

# axe-core, which the browser tests inject into built pages (package-lock.json pins it).
NODESTAMP     = node_modules/.installed
$(NODESTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

package.json package-lock.json: ;

test: venv $(NODESTAMP)
	$(VENVDIR)/bin/python -m pytest tests $(O)

htmllive: venv
	$(VENVDIR)/bin/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
		--ignore "_tags/*" --ignore "$(VENVDIR)/*" $(O)

# The PDF handbook: Sphinx's LaTeX builder, then latexmk with xelatex.
pdf: venv
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# Recompile the Korean interface catalogue after editing its .po file.
catalog: venv
	$(VENVDIR)/bin/pybabel compile -d _ext/handbook/locale -D sphinx -l ko
	$(VENVDIR)/bin/pybabel compile -d _ext/handbook/locale -D booktheme -l ko

clean:
	rm -rf "$(BUILDDIR)" _tags

# Any other target is a Sphinx builder name: "make epub", "make linkcheck", ...
%: Makefile venv
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
