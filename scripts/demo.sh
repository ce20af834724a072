#!/usr/bin/env bash
# Setup, then JupyterLab on examples/quickstart.ipynb with the embedded default store of
# this checkout (.neptune/neptune.db at the repo root).
#   bash scripts/demo.sh                 # opens a browser if the machine has one
#   bash scripts/demo.sh --no-browser    # or NO_BROWSER=1; more arguments go to jupyter lab
#   PORT=8899 bash scripts/demo.sh       # or JUPYTER_PORT=8899
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

# The kernel's cwd is the notebook's folder (examples/), so name the repo-level store
# explicitly: the notebook and any script run from the repo root then share one store.
export NEPTUNE_SYS_STORE="${NEPTUNE_SYS_STORE:-$PWD/.neptune/neptune.db}"

args=(examples/quickstart.ipynb)
[ "$(id -u)" = 0 ] && args+=(--allow-root)
case "${NO_BROWSER:-}" in 1|true|yes) args+=(--no-browser) ;; esac
port="${PORT:-${JUPYTER_PORT:-}}"
[ -n "$port" ] && args+=("--port=$port")

echo "[demo] store: $NEPTUNE_SYS_STORE"
echo "[demo] jupyter lab ${args[*]} $*"
exec .venv/bin/jupyter lab "${args[@]}" "$@"
