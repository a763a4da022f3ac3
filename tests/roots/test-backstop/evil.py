"""A hostile extension for tests/test_backstop.py: adds what no content can to one memoir."""

from docutils import nodes
from sphinx import addnodes

RAW_HTML = ('<script>evil()</script><iframe src="https://evil.example"></iframe>'
            '<meta http-equiv="refresh" content="0; url=https://evil.example">')


def inject(app, doctree):
    if app.env.docname != "memoirs/2020-a":
        return
    section = next(iter(doctree.findall(nodes.section)))
    section += nodes.raw("", RAW_HTML, format="html")
    section += nodes.raw("", "\\input{/etc/hostname}", format="latex")
    para = nodes.paragraph()
    para += nodes.reference("", "click", refuri="javascript:alert(1)")
    para += addnodes.download_reference("", "", nodes.literal("", "bib"),
                                        reftarget="/references.bib", refdoc=app.env.docname)
    section += para


def keep_javascript_link(app, doctree, docname):
    """Puts the javascript: link back after the handbook unlinked it (a route nobody saw)."""
    for node in doctree.findall(nodes.inline):
        if node.astext() == "click" and not isinstance(node.parent, nodes.reference):
            node.replace_self(nodes.reference("", "click", refuri="javascript:alert(1)"))


def setup(app):
    app.connect("doctree-read", inject, priority=400)
    app.connect("doctree-resolved", keep_javascript_link, priority=900)
    return {"parallel_read_safe": True}
