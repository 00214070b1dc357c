#!/usr/bin/env bash
# Runs the checks and the test suite offline: lint (ruff), types (mypy), the layer contract
# (import-linter), then pytest, which replays recorded HTTP exchanges (cassettes/): no model needed.
# Creates .venv with the dev extra when it is missing, so it works on its own on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
echo "== ruff"; .venv/bin/ruff check summarizer tests bench
echo "== mypy"; .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports --no-cache
echo "== pytest"; exec .venv/bin/python -m pytest "$@"
