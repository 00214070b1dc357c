"""Stage 4, the engine: a session (settings, cache, model client) summarizes one document; the
batch runs many (threads or worker processes), with duplicates folded and results cached."""
