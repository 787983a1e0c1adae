#!/usr/bin/env bash
# Runs a command beside a throwaway SMTP server that keeps every message it receives: aiosmtpd
# (from PyPI, pinned, in a virtualenv under .tools/) with its Mailbox handler, which writes
# each message into a Maildir in a temporary folder. Removed when the command ends.
#
#   bash scripts/with-smtp.sh -- cargo test --features ssr --test newsletter
#
# The command gets TIMELINES_TEST_SMTP=smtp://127.0.0.1:PORT (what the tests' server sends
# through) and TIMELINES_TEST_MAILDIR (where the messages land: new/ holds one file each).
# SMTP_KEEP=1 leaves the folder behind.
set -euo pipefail

if [[ "${1:-}" == "--" ]]; then shift; fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 -- COMMAND [ARGS...]" >&2
  exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/smtp-venv"
AIOSMTPD_VERSION=1.4.6
if ! "$VENV/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
  echo "==> SMTP test server: aiosmtpd $AIOSMTPD_VERSION into $VENV (from PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
fi

dir="$(mktemp -d /tmp/timelines-smtp.XXXXXX)"
port="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/mail" \
  >"$dir/log" 2>&1 &
pid=$!
stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ "${SMTP_KEEP:-0}" == 1 ]]; then
    echo "==> SMTP test server's folder kept: $dir"
  else
    rm -rf "$dir"
  fi
}
trap stop EXIT

for _ in $(seq 1 100); do
  if "$VENV/bin/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$dir/log" >&2; echo "==> the SMTP test server did not start" >&2; exit 1; }
  sleep 0.1
done
echo "==> SMTP test server (aiosmtpd $AIOSMTPD_VERSION) on 127.0.0.1:$port, messages in $dir/mail"

export TIMELINES_TEST_SMTP="smtp://127.0.0.1:$port"
export TIMELINES_TEST_MAILDIR="$dir/mail"
status=0
"$@" || status=$?
exit "$status"
