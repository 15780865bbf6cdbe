#!/usr/bin/env bash
# The README's first command: builds Baton and the samples, then runs every sample in several processes without and
# with Baton, prints a before/after table, and writes a JFR recording and an HTML report to demo-output/.
set -euo pipefail
cd "$(dirname "$0")"
OUT=demo-output
rm -rf "$OUT"
mkdir -p "$OUT"
# The build's own output goes to a log (Maven's quiet mode still writes terminal colour codes), shown if it fails.
echo "building (log: $OUT/build.log) ..."
if ! mvn -B -q package -DskipTests >"$OUT/build.log" 2>&1; then
  cat "$OUT/build.log"
  exit 1
fi
AGENT=agent/target/baton-agent.jar
JFC=agent/target/baton.jfc
java -cp "samples/target/baton-samples.jar:samples/target/lib/*" dev.baton.samples.demo.Demo "$AGENT" "$OUT" "$JFC"
