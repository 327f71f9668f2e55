"""Charts: pure functions from analysis results to plotly figures. They display nothing.

Each returns a plain ``plotly.graph_objects.Figure`` (sent to the page as JSON, which
Voila renders without extra packages), or None when there is nothing to draw yet. Colour
never carries meaning alone: bars also differ in pattern and are labelled.

Plotly reads a little HTML in labels (<b>, <br>, links), so anything a person typed goes
through :func:`typed` first and is shown exactly as typed.
"""

import html


def typed(text: str) -> str:
    """A person's own words, made safe for a plotly label (shown as typed, never as markup)."""
    return html.escape(str(text), quote=False)
