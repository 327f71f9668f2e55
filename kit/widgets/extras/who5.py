"""The WHO-5 scale: its score, as a self-check."""

from __future__ import annotations

from .common import ScorePanel

EXTRAS = (ScorePanel,)
