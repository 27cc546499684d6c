#!/usr/bin/env bash
# Set up the peers venv, make a planted-copies corpus of N articles (default 2000),
# run both peers on it and print their recall of the planted links.
#   bash bench/peers/smoke.sh [N] [OUTDIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n="${1:-2000}"
out="${2:-$(mktemp -d /tmp/peers-smoke.XXXXXX)}"
py="$(dirname "$here")/.venv-peers/bin/python"
bash "$here/setup.sh"
"$py" "$here/_smoke.py" --articles "$n" -o "$out/corpus.jsonl"
for tool in datasketch textdedup; do
    "$py" "$here/run_$tool.py" "$out/corpus.jsonl" --threshold 0.5 --num-perm 128 \
        --out "$out/$tool.json" --pairs "$out/$tool.tsv"
    "$py" "$here/_recall.py" "$out/$tool.tsv" "$out/corpus.gold.json" \
        --corpus "$out/corpus.jsonl" --out "$out/$tool.recall.json" >/dev/null
    "$py" -c 'import json, sys; r = json.load(open(sys.argv[1]))["all"]; print(sys.argv[2], "recall", r["recall"], "at/above threshold", r.get("recall_at_or_above_threshold"))' \
        "$out/$tool.recall.json" "$tool"
done
echo "results in $out"
