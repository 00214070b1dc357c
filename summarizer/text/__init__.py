"""Text knowledge shared by every stage: words, stems, names, demonyms, months, dates,
sentences, and printable one-line messages. Pure functions and tables; imports nothing of the
pipeline."""
