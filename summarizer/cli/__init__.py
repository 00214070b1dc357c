"""The command line: one module per command, thin over the public API."""

from summarizer.cli.main import main

__all__ = ["main"]
