#!/usr/bin/env bash
# Try the TUI as a new user would, in a real terminal (tmux), at 80x24 and 200x50.
#
#   scripts/tui_check.sh [OUT_DIR]        (default OUT_DIR: /tmp/minimeter-tui-check)
#
# For each size it starts `minimeter`'s app on a fresh demo data folder, drops ~50 bills into the
# inbox while the app is open (they are processed in the background), walks every screen with the
# keyboard only, and writes what the terminal showed to OUT_DIR/<size>/NN-<screen>.txt. It also
# measures how long the UI takes to answer a key while the bills are being processed
# (OUT_DIR/<size>/latency.txt). Read the .txt files (or `cat` them) to check that nothing is cut off.
#
# Extractor: the `rules` extractor when it is registered in this build; otherwise the small regex
# extractor from tests/helpers.py (registered as `fake`), so the check works on any checkout.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/tmp/minimeter-tui-check}"
PY="${PYTHON:-$REPO/.venv/bin/python}"
SESSION="mmcheck-$$"
BILLS="${BILLS:-50}"
command -v tmux >/dev/null || { echo "tmux is needed for this check" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"

# The launcher: settings for the demo folder, an extractor that exists here, then the real app.
cat >"$OUT/launch.py" <<'EOF'
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[2])
from minimeter.extract import base as extractors
from minimeter.settings import load_settings
from minimeter.tui.app import make_app

name = "rules" if "rules" in extractors.available() else "fake"
if name == "fake":
    from tests.helpers import FakeExtractor
    extractors.register("fake", FakeExtractor)
settings = load_settings(Path(sys.argv[1]), extractor=name, stable_seconds=0.5, rescan_seconds=2.0,
                         retry_backoff_seconds=1.0)
settings.ensure_dirs()
make_app(settings).run()
EOF

# ~50 bills: most complete, some without a billing period (review), two that crash the fake extractor.
cat >"$OUT/drop.py" <<'EOF'
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[3])
from tests.helpers import make_pdf

inbox, n = Path(sys.argv[1]), int(sys.argv[2])
stage = inbox.parent / "staging"
providers = ["Example Power & Light", "Northwind Gas", "Contoso Water & Power"]
for i in range(n):
    acct = f"{1000000000 + (i % 4) * 1111:d}"
    month = 1 + i % 12
    lines = [providers[i % 3], f"Account Number: {acct}",
             f"Energy used: {300 + (i * 37) % 400} kWh", f"Total Amount Due: ${80 + (i * 13) % 90}.{i % 100:02d}"]
    if i % 7 != 3:
        lines.insert(2, f"Billing period: {month:02d}/01/2024 - {month:02d}/28/2024")
    if i in (11, 29):
        lines.append("CRASH-THE-EXTRACTOR")
    p = make_pdf(stage / f"bill-{i:03d}-{acct[-4:]}.pdf", lines)
    p.rename(inbox / p.name)  # appear in the inbox whole, like a finished copy
(stage / "not-a-bill.pdf").write_bytes(b"a text file with a .pdf name")  # unreadable: a dead letter
(stage / "not-a-bill.pdf").rename(inbox / "not-a-bill.pdf")
EOF

cap() {  # cap <size-dir> <name>
  tmux capture-pane -p -t "$SESSION" >"$1/$2.txt"
}

wait_for() {  # wait_for <text> [seconds]: poll the pane until it shows <text>; print milliseconds taken
  local want="$1" limit="${2:-10}" t0 t1
  t0=$(date +%s%N)
  while ! tmux capture-pane -p -t "$SESSION" | grep -qF -- "$want"; do
    sleep 0.05
    t1=$(date +%s%N)
    if (( (t1 - t0) / 1000000 > limit * 1000 )); then echo "timeout"; return 0; fi
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

key() { tmux send-keys -t "$SESSION" "$@"; sleep 0.6; }
# Text goes literally and on its own: a control key and text in one burst can lose the text.
typ() { tmux send-keys -t "$SESSION" -l -- "$1"; sleep 0.6; }

run_size() {  # run_size <cols> <rows>
  local cols=$1 rows=$2 dir="$OUT/${1}x${2}" home="$OUT/home-${1}x${2}"
  mkdir -p "$dir" "$home/inbox"
  tmux new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
    "cd '$REPO' && MINIMETER_HOME='$home' '$PY' '$OUT/launch.py' '$home' '$REPO'"
  echo "startup_ms $(wait_for 'sort:' 30)" >"$dir/latency.txt"
  cap "$dir" 00-jobs-empty
  local t_drop; t_drop=$(date +%s)
  "$PY" "$OUT/drop.py" "$home/inbox" "$BILLS" "$REPO"
  sleep 4
  cap "$dir" 01-jobs-processing
  # responsiveness while the worker is busy: time from a key to the screen answering it
  tmux send-keys -t "$SESSION" 5; echo "status_screen_ms $(wait_for 'Settings and status')" >>"$dir/latency.txt"
  cap "$dir" 02-status
  tmux send-keys -t "$SESSION" 1; echo "jobs_screen_ms $(wait_for 'sort:')" >>"$dir/latency.txt"
  key /; typ 1111; cap "$dir" 03-jobs-search; key C-u; key Enter   # type into search, clear it
  key f; key f; key f; key f; cap "$dir" 04-jobs-filter-review; key f; key f; key f; key f
  key Enter; sleep 1; cap "$dir" 05-detail-fields
  key Down; key Down; cap "$dir" 06-detail-field-highlight
  key c; cap "$dir" 07-detail-checks
  key i; cap "$dir" 08-detail-items
  key h; cap "$dir" 09-detail-history
  key Escape
  key 4; echo "insights_ms $(wait_for 'last ' 30)" >>"$dir/latency.txt"; cap "$dir" 10-insights
  key 3; cap "$dir" 11-dead-letters
  tmux send-keys -t "$SESSION" '?'; echo "help_ms $(wait_for 'MiniMeter keys')" >>"$dir/latency.txt"
  cap "$dir" 12-help; key Escape
  key C-p; typ "go to rev"; cap "$dir" 13-command-palette; key Escape
  # wait for the queue to drain, then review one bill from the keyboard
  key 1; wait_for ' 0 queued' 300 >/dev/null
  echo "all_${BILLS}_done_s_after_drop $(( $(date +%s) - t_drop ))" >>"$dir/latency.txt"
  cap "$dir" 14-jobs-done
  key 2; sleep 1; cap "$dir" 15-review-queue
  key Enter; sleep 1.5; cap "$dir" 16-review-form
  key Down Down Down Down Down Down Down; key C-u; typ 2024-13-01; cap "$dir" 17-review-form-invalid
  key C-u; typ 2024-04-01; key Down; key C-u; typ 2024-04-30; sleep 1; cap "$dir" 18-review-form-fixed
  key C-s; sleep 1.5; cap "$dir" 19-review-next
  key Escape; key q; sleep 2
  tmux kill-session -t "$SESSION" 2>/dev/null || true
}

run_size 80 24
run_size 200 50
echo "Captured panes in $OUT/80x24 and $OUT/200x50; latencies:"
for f in "$OUT"/*/latency.txt; do echo "== $f"; cat "$f"; done
