"""Stage 3, grounding: quotes located in the text by offsets, and the validator that checks every
field against the text. Pure: text and summary in, verdicts out; never imports the model layer."""
