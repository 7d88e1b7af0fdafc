#!/usr/bin/env bash
# Regenerates Sources/flightdeck/man/flightdeck.1 (one page, every command) with swift-argument-parser's
# GenerateManual plugin, from the flightdeck built from this tree.
#
#   bash Tests/Tools/generate-man.sh            # the plugin (builds its tool the first time: minutes)
#
# The plugin writes .build/plugins/GenerateManual/outputs/flightdeck/flightdeck.1; this copies it to man/.
# Run it whenever a command, option or help text changes; FlightDeckCLITests checks that the page names
# every command of the built executable.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift package --allow-writing-to-package-directory generate-manual
cp .build/plugins/GenerateManual/outputs/flightdeck/flightdeck.1 Sources/flightdeck/man/flightdeck.1
echo "wrote Sources/flightdeck/man/flightdeck.1; read it with: man -l Sources/flightdeck/man/flightdeck.1"
