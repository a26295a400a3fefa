"""The test toolkit: what the tests and the benchmark use to read and serve the built site.

- ``toolkit.server``: one static server that answers like GitHub Pages;
- ``toolkit.html``: one HTML reader (a tree of elements, built on ``html.parser``);
- ``toolkit.links``: one internal link checker, and what a first visit loads.

pytest puts ``tests/`` on the path, so tests import ``toolkit``; the benchmark puts
``tests/`` on its path and imports the same package. Nothing here knows how the site
was made: only HTML, files and HTTP.
"""
