"""plansite: the plan's data layer, independent of any site generator.

It loads and validates the YAML under ``data/`` (``load``), renders pages from it
through Jinja templates (``render``), writes the page stubs and navigation a site
generator needs (``pages``) and the open-data files (``export``). Nothing here
imports MkDocs: ``macros.py`` at the repository root is the only bridge.
"""
