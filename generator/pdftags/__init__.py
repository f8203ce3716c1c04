"""Tagged PDF for the handout and the script: PDF/UA-1's structure over ReportLab's drawing.

While a backend draws, `marks` wraps each piece of content in marked content (BDC/EMC) that
names its structure element, or marks it an artifact; `finish` then builds the structure
tree, the parent tree, the XMP metadata and the repaired ToUnicode maps with pikepdf.
Nothing here imports ReportLab, and pikepdf only when a document is finished.
"""
