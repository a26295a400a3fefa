"""One module per page family, each a typed context builder beside its template
(``<kind>.py`` and ``<kind>.md.j2``). ``plansite.registry`` lists them all.
"""
