#!/usr/bin/env bash
# Create bench/.venv-peers with the peer libraries (requirements.txt beside this file).
# Idempotent: a stamp records the requirements' hash and the Python version, so a
# re-run with nothing changed returns at once. PYTHON overrides the interpreter.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(dirname "$here")/.venv-peers"
req="$here/requirements.txt"
stamp="$venv/.peers-stamp"
python="${PYTHON:-python3}"

want="$(sha256sum "$req" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "peers venv up to date: $venv"
    exit 0
fi

start=$SECONDS
if [[ -x "$venv/bin/python" ]] && ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    rm -rf "$venv"
fi
if [[ -x "$venv/bin/python" ]] && [[ "$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])')" != "${want#* }" ]]; then
    rm -rf "$venv"
fi
[[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req"
"$venv/bin/python" -c 'import datasketch, text_dedup.minhash' >/dev/null
echo "$want" >"$stamp"
echo "peers venv ready: $venv ($(du -sh "$venv" | cut -f1), $((SECONDS - start)) s)"
