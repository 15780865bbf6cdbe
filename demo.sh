#!/usr/bin/env bash
# The README's first command: builds Baton and the samples, then runs the demo (each sample in several processes,
# without and with Baton). Samples are added with the features that fix them.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q package -DskipTests
AGENT=agent/target/baton-agent.jar
CP="samples/target/baton-samples.jar:samples/target/lib/*"
if java -cp "$CP" dev.baton.samples.Demo --help >/dev/null 2>&1; then
  exec java -cp "$CP" dev.baton.samples.Demo "$AGENT"
fi
echo "Baton built: $AGENT"
java -jar "$AGENT" --help
