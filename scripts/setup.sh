#!/usr/bin/env bash
# Idempotent setup on a Debian machine with Python >= 3.10 and Node 20:
#   .venv with the package installed editable plus its test extras,
#   node_modules (npm ci) and the JS bundle in neptune_sys_widgets/static/,
#   Debian chromium for the browser tests, Debian postgresql for the PostgreSQL store's tests.
# Non-interactive: works with CI=true and no stdin. Re-running skips what is up to date.
# --no-system-packages: leave chromium and postgresql out (scripts/test.sh --fast: the fast
# tier needs neither).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

system_packages=1
for arg in "$@"; do
  case "$arg" in
    --no-system-packages) system_packages=0 ;;
    *) printf '[setup] error: unknown argument %s\n' "$arg" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
checksum() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# --- Python virtualenv -------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
venv_ok() { [ -x .venv/bin/python ] && .venv/bin/python -c \
  'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; }
if ! venv_ok; then
  command -v "$PYTHON" >/dev/null || die "$PYTHON not found (Python >= 3.10 is needed)"
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "$("$PYTHON" --version 2>&1) is too old: Python >= 3.10 is needed"
  say "creating .venv ($("$PYTHON" --version 2>&1))"
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi

# --- JS: dependencies and bundle (before pip, so the hatch build hook finds the bundle) ---
command -v npm >/dev/null || die "npm not found (Node 20 is needed)"
js_sum=$(checksum package.json package-lock.json)
if [ -d node_modules ] && [ "$(cat node_modules/.nsw-setup-stamp 2>/dev/null)" = "$js_sum" ]; then
  say "node_modules up to date"
else
  if [ -f package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error </dev/null
  else
    say "npm install (no package-lock.json)"
    npm install --no-audit --no-fund --loglevel=error </dev/null
  fi
  echo "$js_sum" > node_modules/.nsw-setup-stamp
fi
say "npm run build"
npm run --silent build </dev/null

# --- Python: the package, editable, with the test extras ---------------------------------
py_sum=$(checksum pyproject.toml)
if [ "$(cat .venv/.nsw-setup-stamp 2>/dev/null)" = "$py_sum" ] && .venv/bin/python -c \
    'import importlib.metadata as m; m.version("neptune_sys_widgets")' >/dev/null 2>&1; then
  say "python packages up to date"
else
  say "pip install -e .[test]"
  # (this machine's pip config names index folders that may not exist: drop those warnings)
  .venv/bin/python -m pip install --quiet -e ".[test]" </dev/null 2>&1 \
    | { grep -v "^WARNING: Location '.*' is ignored" || true; }
  echo "$py_sum" > .venv/.nsw-setup-stamp
fi

# --- Chromium for the browser tests -----------------------------------------------------
if [ "$system_packages" = 0 ]; then
  say "chromium and postgresql not checked (--no-system-packages)"
elif [ -x /usr/bin/chromium ]; then
  say "chromium present"
else
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo_cmd=(sudo -n)
    else
      say "warning: /usr/bin/chromium missing and neither root nor sudo: browser tests will fail"
      sudo_cmd=(false)
    fi
  fi
  if [ "${sudo_cmd[*]}" != false ]; then
    say "installing chromium (apt-get)"
    log=$(mktemp)
    apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y
         -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold)
    if ! { "${apt[@]}" update && "${apt[@]}" install chromium; } </dev/null >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      die "apt-get install chromium failed (full log: $log)"
    fi
    rm -f "$log"
    [ -x /usr/bin/chromium ] || die "chromium installed but /usr/bin/chromium is missing"
  fi
fi

# --- PostgreSQL server binaries for the PostgreSQL store's tests -----------------------
# (tests/harness/pg.py starts a throwaway cluster of its own with them; NSW_TEST_POSTGRES_URL names
# an existing server instead, and then nothing is installed)
if [ "$system_packages" = 0 ]; then
  :
elif [ -n "${NSW_TEST_POSTGRES_URL:-}" ] || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  say "postgresql present"
else
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo_cmd=(sudo -n)
    else
      say "warning: PostgreSQL missing and neither root nor sudo: PostgreSQL tests will skip"
      sudo_cmd=(false)
    fi
  fi
  if [ "${sudo_cmd[*]}" != false ]; then
    say "installing postgresql (apt-get)"
    log=$(mktemp)
    apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y
         -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold)
    # (the package's own cluster is not used: the tests make throwaway ones)
    if ! { "${apt[@]}" update && "${apt[@]}" install postgresql; } </dev/null >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      die "apt-get install postgresql failed (full log: $log)"
    fi
    rm -f "$log"
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
      || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
  fi
fi
say "done"
