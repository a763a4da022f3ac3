extensions = ["myst_parser", "handbook"]
handbook_tags = {"research": "연구"}
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
