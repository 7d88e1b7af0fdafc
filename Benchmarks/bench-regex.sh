#!/bin/sh
# Label-matcher regular expressions before and after issue 11 (see the
# Benchmarks article, "Regular expressions in matchers"). Compiles the
# engine's sources with a tiny driver (-O, no package build needed) and runs
# it; the argument is how many of the breaker's 200 lines the old engine
# matches (each takes ~0.3 s or more).
set -eu
cd "$(dirname "$0")/.."
out=${TMPDIR:-/tmp}/regexbench
swiftc -O -module-name RegexBench -o "$out" \
  Sources/FlightDeckCore/Alerts/Regex/*.swift Benchmarks/RegexBench/main.swift
nice -n 19 "$out" "${1:-3}"
