#!/usr/bin/env bash
# Verify a client in CI: start perm-mock with a verdict report, run the client's tests against it,
# stop it, and fail the job when the client broke a contract (perm-mock exits 3).
#
#   bash verify-client.sh <the command that runs your client's tests>
#
# The client's tests find the mock at $PERM_MOCK_URL. The JUnit report is left at $PERM_MOCK_REPORT
# for the CI system to publish, and perm-mock's JSON log at $PERM_MOCK_LOG.
set -uo pipefail
port="${PERM_MOCK_PORT:-4400}"
world="${PERM_MOCK_WORLD:-examples/ci/world.json}"
report="${PERM_MOCK_REPORT:-perm-mock-report.xml}"
log="${PERM_MOCK_LOG:-perm-mock.log}"

# PERM_MOCK names the command (e.g. "node node_modules/perm-mock/dist/mock-server/bin.js").
${PERM_MOCK:-npx perm-mock} --port "$port" --world "$world" \
  --report "$report" --fail-on violations --log-format json > "$log" 2>&1 &
mock=$!

# Wait until it answers (at most 10 s); a mock that exits at start shows its log.
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/__admin/health" > /dev/null && break
  kill -0 "$mock" 2> /dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done

export PERM_MOCK_URL="http://127.0.0.1:$port"
status=0
"$@" || status=$?

# SIGTERM: in-flight requests finish, the report is written, and the exit code says the verdict.
kill -TERM "$mock"
wait "$mock"
verdict=$?
if [ "$verdict" -eq 3 ]; then echo "perm-mock: the client broke a contract; see $report" >&2; fi
if [ "$status" -eq 0 ]; then status=$verdict; fi
exit "$status"
