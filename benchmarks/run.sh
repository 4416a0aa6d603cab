#!/usr/bin/env bash
# Runs the whole-process workloads of jasyncio and its JVM peers and prints the markdown table.
# Builds nothing: build first with `mvn -q -pl benchmarks -am package -DskipTests`.
# Options: --runs N, --quick, --java JDK, --vt-java JDK, --only W1,W3, ... (--help lists them).
set -euo pipefail
jar="$(cd "$(dirname "$0")" && pwd)/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "no $jar: build it with: mvn -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
exec "${JAVA:-java}" -cp "$jar" dev.jasyncio.bench.Runner "$@"
