"""Site generator for the Hai Phong congress resolution.

In: the bilingual YAML under data/. Out: validated data objects, Markdown
pages, open-data files and an SVG chart under docs/. Independent of MkDocs.
"""
