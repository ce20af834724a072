#!/usr/bin/env bash
# The whole check, as CI runs it: setup, ruff, vitest, then pytest (arguments go to pytest,
# e.g. `bash scripts/test.sh -x -m "not browser"`). pytest runs last, so its summary line
# is the last line printed, and its exit status is the script's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
export PYTHONUNBUFFERED=1
unset PYTHONHOME

echo "[test] ruff check ."
ruff check .

echo "[test] npm test"
npm test --silent </dev/null

echo "[test] python -m pytest $*"
exec python -m pytest "$@" </dev/null
