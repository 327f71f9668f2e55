"""Analyses: pure functions from saved answers to results. They display nothing."""
