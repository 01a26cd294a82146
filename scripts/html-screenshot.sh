#!/usr/bin/env bash
# Looks at the HTML report in a real browser: runs the reports test fixture
# (tests/integration/reports.rs, `html_report`), keeps its page, and renders
# it with headless Chromium into a PNG to open and inspect.
#
#   scripts/html-screenshot.sh [OUT.png]     (default: target/html-report.png)
#
# Needs Debian's `chromium` (apt-get install -y chromium). The page must look
# right offline: Chromium runs with background networking off, and the report
# has no external resources to fetch.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/html-report.png}"
html="$(pwd)/target/html-report.html"
mkdir -p "$(dirname "$out")"

COURIER_HTML_REPORT_COPY="$html" \
  cargo test --quiet --test integration -- --exact reports::html_report >/dev/null

command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run \
  --screenshot="$out" --window-size=1280,2000 "file://$html" 2>/dev/null

# A blank page would be a few kB; the fixture's report is well over that.
size=$(wc -c <"$out")
if [ "$size" -lt 20000 ]; then
  echo "the screenshot $out is suspiciously small ($size bytes)" >&2
  exit 1
fi
echo "report:     $html"
echo "screenshot: $out"
