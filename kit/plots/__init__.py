"""Charts: pure functions from analysis results to plotly figures. They display nothing.

Each returns a plain ``plotly.graph_objects.Figure`` (sent to the page as JSON, which
Voila renders without extra packages), or None when there is nothing to draw yet. Colour
never carries meaning alone: bars also differ in pattern and are labelled.
"""
