#!/usr/bin/env bash
# Installs the Debian packages the tests use as independent cross-checks
# (wabt: wat2wasm, wast2json) and the browser the HTML report tests open the
# report in (chromium, driven by playwright-core), and GNU time for bench. Runs apt-get only when
# something is missing and we are root; otherwise says what is missing, and the
# tests that need it skip with that reason.
set -euo pipefail

need=()
command -v wat2wasm >/dev/null 2>&1 || need+=(wabt)
[ -x /usr/bin/chromium ] || need+=(chromium)
# GNU time: `wasmdiff bench` reads each run's peak RSS from it
[ -x /usr/bin/time ] || need+=(time)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "wasmdiff setup: missing Debian packages: ${need[*]} (not root: install them with apt-get; tests that need them will skip)" >&2
  exit 0
fi
echo "wasmdiff setup: installing ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
