"""Import a plan from its document into a draft ``data/plans/<id>/``: ``python -m plansite import``.

The CLI (``plansite.__main__``) calls ``run.import_plan``. The steps, one module each:
``reading`` (a .txt or .docx into numbered paragraphs), ``layout`` (the parts Decree
30/2020 fixes: header, sections I-IV, recipients, signature), ``bodies`` (agency names
matched to ``agencies.yml``), ``figures`` (targets' figures, comparators and units),
``draft`` (the plan's files as data), ``report`` (what an editor must confirm) and
``writer`` (YAML, written atomically). Nothing here knows MkDocs.
"""
