#!/usr/bin/env bash
# The README's first command: builds Baton and the samples, then runs every sample in several processes without and
# with Baton, prints a before/after table, and writes a JFR recording and an HTML report to demo-output/.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q package -DskipTests
AGENT=agent/target/baton-agent.jar
JFC=agent/target/baton.jfc
OUT=demo-output
rm -rf "$OUT"
java -cp "samples/target/baton-samples.jar:samples/target/lib/*" dev.baton.samples.demo.Demo "$AGENT" "$OUT" "$JFC"
