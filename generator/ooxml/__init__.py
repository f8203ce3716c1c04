"""Office Open XML, read safely: the namespaces (`names`), one hardened XML parser with size
caps (`parse`), zip packages with their relationships and content types (`package`), and a
built deck's slides read back as text (`deck`).

Everything that reads package XML (templates, decks read back) goes through `parse.parse_part`.
The layer imports only the standard library and lxml (lazily), never python-pptx or ReportLab,
so `theme/` and `backends/` can both use it. Submodules are imported where they are used, so
importing the names costs no zip or XML library.
"""
