#!/usr/bin/env bash
# Runs the test suite offline: tests replay recorded HTTP exchanges (cassettes/), no model needed.
# Creates .venv with the dev extra when it is missing, so it works on its own on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
exec .venv/bin/python -m pytest "$@"
