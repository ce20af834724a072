"""The team page: ``neptune-sys ui`` serves the runs and models tables, and the cards they
open, as a web page through Voilà, for people who do not use Jupyter (docs/DECISIONS.md #15).

``app.py`` is the verb (the server process: arguments, token, Voilà); ``page.py`` runs in
the page's kernel and builds the widgets; ``page.ipynb`` is the notebook Voilà renders. This
package imports nothing at its top, so the CLI can reach ``app`` without widgets or Voilà.
"""
