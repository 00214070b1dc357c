"""Evaluation: gold files loaded and model output scored against them (per-field P/R/F1)."""
