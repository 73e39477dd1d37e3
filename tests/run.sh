#!/usr/bin/env bash
# The whole test suite (`npm test`): installs what the tests need and is missing — Debian's
# chromium and CJK fonts for the browser tests, gdal-bin for the independent GDAL client,
# the npm packages — then type-checks (tsc + svelte-check), builds the web app, and runs Vitest.
# Results: tests/artifacts/vitest.json (read by .ci/run for its plain summary line).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || missing+=(fonts-noto-cjk)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
fi

# npm packages: install when absent or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tests/run.sh: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "tests/run.sh: type-checking (tsc, svelte-check)"
npm run --silent check
echo "tests/run.sh: building the web app"
npx vite build --logLevel warn
mkdir -p tests/artifacts
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/artifacts/vitest.json "$@"
