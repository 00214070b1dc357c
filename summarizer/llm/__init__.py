"""Stage 2, the model: the endpoint (client and key routing), prompts, the extractor (the only
code that talks to a model), the embedded llama.cpp server and its weights."""

import os

# Re-ask prompts quote pydantic's error text; without this it embeds a versioned URL
# (errors.pydantic.dev/2.x/...), which would make recorded exchanges break on an upgrade.
# pydantic-core reads it once, at the first error it formats: this package is imported before
# any request is made. Set here, not on `import summarizer`, which has no side effects.
os.environ.setdefault("PYDANTIC_ERRORS_INCLUDE_URL", "0")
