#!/usr/bin/env bash
# Makes the SPI's current public API the baseline `mvn verify` checks fpt-spi against (japicmp). Run it only
# for a deliberate change of the plugin contract, and commit fpt-spi/api-baseline/ with that change.
# It builds fpt-spi (no tests, no install: ~/.m2 is untouched) and copies its jar; the jar is reproducible
# (fixed timestamp in fpt-spi/pom.xml), so an unchanged API gives an unchanged file.
set -euo pipefail
SPI="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$SPI")"
mvn -B -q -ntp -f "$ROOT/pom.xml" -pl fpt-spi -DskipTests clean package "$@"
JAR="$(ls "$SPI"/target/fpt-spi-*.jar | grep -v -e '-sources.jar$' -e '-javadoc.jar$')"
mkdir -p "$SPI/api-baseline"
cp "$JAR" "$SPI/api-baseline/fpt-spi-api.jar.tmp"   # then an atomic rename: never a half-copied baseline
mv "$SPI/api-baseline/fpt-spi-api.jar.tmp" "$SPI/api-baseline/fpt-spi-api.jar"
echo "API baseline: $SPI/api-baseline/fpt-spi-api.jar (from $(basename "$JAR")); commit it with the SPI change."
