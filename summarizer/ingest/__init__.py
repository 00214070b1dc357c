"""Stage 1, ingest: files, directories, globs, HTML pages and news-please records become
`Document`s (normalised text + metadata); what cannot be read becomes an `InputFailure`."""

from summarizer.ingest.files import (
    DEFAULT_MAX_BYTES,
    OUTPUT_MARKER,
    Document,
    InputFailure,
    document_from_text,
    expand_inputs,
    iter_inputs,
    load_path,
    normalize_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "OUTPUT_MARKER",
    "Document",
    "InputFailure",
    "document_from_text",
    "expand_inputs",
    "iter_inputs",
    "load_path",
    "normalize_text",
]
