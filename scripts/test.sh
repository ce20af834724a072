#!/usr/bin/env bash
# The whole check, as CI runs it: setup, ruff, pyright, vitest, then pytest (arguments go
# to pytest, e.g. `bash scripts/test.sh -x -m "not browser"`). pytest runs last, so its
# summary line is the last line printed, and its exit status is the script's.
#
# --fast (anywhere among the arguments): the fast tier only, for a quick check while
# working: setup without chromium and postgresql, ruff, pyright, then pytest -m "$FAST_TIER"
# (the markers are set by tests/conftest.py); no vitest (`npm test` runs it). The other
# arguments still go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FAST_TIER="not browser and not postgres and not kernel and not slow"
fast=0
args=()
for arg in "$@"; do
  if [ "$arg" = --fast ]; then fast=1; else args+=("$arg"); fi
done
set -- ${args[@]+"${args[@]}"}

if [ "$fast" = 1 ]; then
  bash scripts/setup.sh --no-system-packages
else
  bash scripts/setup.sh
fi

export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
export PYTHONUNBUFFERED=1
unset PYTHONHOME

echo "[test] ruff check ."
ruff check .

# the type hints of neptune_sys_widgets ([tool.pyright] in pyproject.toml), with the venv's
# packages; pyright comes from package.json (npm ci above)
echo "[test] pyright"
node_modules/.bin/pyright --pythonpath "$VIRTUAL_ENV/bin/python" </dev/null

if [ "$fast" = 1 ]; then
  echo "[test] python -m pytest -m \"$FAST_TIER\" $*"
  exec python -m pytest -m "$FAST_TIER" "$@" </dev/null
fi

echo "[test] npm test"
npm test --silent </dev/null

echo "[test] python -m pytest $*"
exec python -m pytest "$@" </dev/null
