"""PDF documents made at build time: each plan's full text and each agency's duty sheet.

``documents`` says what each document shows and where its file goes; ``typesetter``
turns HTML templates (``templates/``) into PDF with WeasyPrint. Nothing here knows MkDocs.
"""
