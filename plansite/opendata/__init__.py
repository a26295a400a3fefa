"""Open data: every file the downloads page lists, made from the data and nothing else.

- ``rows``: one function per table, turning the data into rows;
- ``tables``: each table's columns, defined once (files and dictionary read them);
- ``dictionary``: what each table and column means (``columns.yml``);
- ``writers``: CSV, JSON, XLSX and iCalendar bytes, each escaped for its format;
- ``calendar``: the yearly report as calendar events (sentences from ``wording``);
- ``files``: which files exist, with their exact bytes, and writing them out.
"""
