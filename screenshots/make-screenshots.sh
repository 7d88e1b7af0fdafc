#!/usr/bin/env bash
# make-screenshots.sh: regenerate the README screenshots from REAL FlightDeck frames.
#
# Run from the repo root:
#
#     bash screenshots/make-screenshots.sh
#
# What it does (nothing is drawn by hand; every pixel comes from `flightdeck render`):
#   1. Builds FlightDeck (`swift build -c release --product flightdeck`), unless FLIGHTDECK
#      names an existing binary (e.g. FLIGHTDECK=.build/debug/flightdeck to reuse a debug build).
#   2. Simulates 10 virtual minutes of the built-in scenario into a temporary folder with a
#      fixed seed and start time, seeds a registry workspace to match it and plays the
#      scenario's rollout story in virtual time (`--seed-registry --play-rollouts`: RO-1 of
#      rag-answer p8 starts at minute 5, steps 5 → 25 → 50 %, p8 degrades at 6m40s, the judge
#      fails it and the rollout aborts), so the telemetry, the registry and the frames are the
#      same on every run: two runs give byte-identical PNGs on the same machine.
#   3. Renders each frame headless (the dashboard frames at 00:07:50, just after the story's
#      abort, with the demo's alert rules; the registry overlays at the end of the 10 minutes):
#      `flightdeck render DIR --format ansi --at 2025-06-01T00:10:00Z --theme T
#       --symbols braille --workspace REGISTRY --focus canary --width W --height H`, plus the
#      pointer history and audit overlays (`--overlay history|audit`).
#   4. Converts ANSI -> HTML with Debian's `aha`, wraps it in a small page (DejaVu Sans Mono,
#      fixed line height, theme background) and screenshots it with headless Chromium.
#      Glyphs that DejaVu Sans Mono lacks (braille falls back to DejaVu Sans, whose advance
#      differs) are boxed into exactly one terminal cell by a script in the page, the way a
#      terminal puts fallback glyphs on its grid; so columns and borders line up.
#      A first Chromium pass measures the frame; the second shoots with that exact window
#      size, so the frame is neither cropped nor padded unevenly.
#   5. Writes screenshots/demo-*.png and registry-*.png and checks each PNG's size against the measurement.
#
# Needs (Debian/Ubuntu package names):
#   swift toolchain (swift.org; only when FLIGHTDECK is not set)
#   aha                  ANSI -> HTML converter
#   chromium             headless screenshots (runs with --no-sandbox, as root works)
#   fontconfig           fc-list, to check the fonts
#   fonts-dejavu-core    DejaVu Sans Mono (cells, box drawing) and DejaVu Sans (braille)
#   perl                 resolves reverse video before aha (perl-base is always installed)
#   coreutils, od        PNG size check
#
# Environment (all optional):
#   FLIGHTDECK   path to a built flightdeck binary; skips the build.
#   SCALE        device pixel ratio for the PNGs (default 1; 2 gives sharper, 4x bigger files).
#   KEEP_TMP=1   keep the temporary folder (telemetry, .ansi, .html) and print its path.
#
# Exit status: non-zero, with a message naming the missing package or failing step, on any error.
set -euo pipefail

die() {
  echo "make-screenshots: error: $*" >&2
  exit 1
}

# require COMMAND PACKAGE: fail loudly, naming the apt package, when COMMAND is missing.
require() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install it: apt-get install -y $2"
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
out_dir="$repo_root/screenshots"
[[ -f Package.swift ]] || die "run from a FlightDeck checkout (no Package.swift in $repo_root)"

# --- Tools ----------------------------------------------------------------------------------
require aha aha
require chromium chromium
require fc-list fontconfig
require od coreutils
require perl perl-base
[[ -n "$(fc-list ':family=DejaVu Sans Mono' family)" ]] ||
  die "font 'DejaVu Sans Mono' not found; install it: apt-get install -y fonts-dejavu-core"
[[ -n "$(fc-list ':family=DejaVu Sans:charset=2800' family)" ]] ||
  die "font 'DejaVu Sans' (braille glyphs) not found; install it: apt-get install -y fonts-dejavu-core"

scale="${SCALE:-1}"
[[ "$scale" =~ ^[1-4]$ ]] || die "SCALE must be 1, 2, 3 or 4 (got '$scale')"

# --- Build ----------------------------------------------------------------------------------
if [[ -n "${FLIGHTDECK:-}" ]]; then
  flightdeck="$FLIGHTDECK"
  [[ -x "$flightdeck" ]] || die "FLIGHTDECK=$flightdeck is not an executable file"
else
  command -v swift >/dev/null 2>&1 ||
    die "'swift' not found; install a Swift 6 toolchain (https://www.swift.org/install/) or set FLIGHTDECK"
  echo "make-screenshots: building flightdeck (release)…" >&2
  swift build -c release --product flightdeck >&2 || die "swift build failed"
  flightdeck="$(swift build -c release --show-bin-path)/flightdeck"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/flightdeck-shots.XXXXXX")"
cleanup() {
  if [[ "${KEEP_TMP:-0}" == 1 ]]; then
    echo "make-screenshots: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# --- Data -----------------------------------------------------------------------------------
# 10 virtual minutes from a fixed instant and seed; at speed 60000 this takes well under a
# second of real time.
start="2025-06-01T00:00:00Z"
at="2025-06-01T00:10:00Z"
telemetry="$work/telemetry"
registry="$work/registry"
"$flightdeck" simulate --out "$telemetry" --duration 10m --speed 60000 --seed 1 --start "$start" \
  --seed-registry "$registry" --play-rollouts >&2 ||
  die "flightdeck simulate failed"

# The demo's alert rules and SLOs (as `flightdeck demo` configures them), so the Alerts
# pane shows the story's alerts at each frame's instant.
alerts_config="$work/alerts.toml"
cat >"$alerts_config" <<EOF
[alerts]
rules = "$repo_root/Sources/FlightDeckCore/Resources/default-alerts.yml"
evaluation_interval = "5s"

[[slo]]
name = "availability"
artefact = "rag-answer"
kind = "availability"
objective = 99

[[slo]]
name = "availability"
artefact = "support-bot"
kind = "availability"
objective = 98
EOF

# --- Page -----------------------------------------------------------------------------------
font_px=15  # font size in CSS px: DejaVu Sans Mono's advance is 1233/2048 em, 9.03 px at 15 px,
# so snapping cells to 9 px moves glyphs by only 0.03 px each.
line_px=17  # row height in CSS px; DejaVu Sans Mono's box-drawing verticals span ~1.17 em
# (17.5 px), so rows of 17 px overlap them slightly and vertical borders have no gaps.
pad_px=12   # margin of theme background around the frame

# page_background THEME: the colour behind cells drawn with the terminal's default
# background (every shipped theme uses background = "default").
page_background() {
  case "$1" in
    light) echo "#ffffff" ;;
    *) echo "#000000" ;;
  esac
}

# page_foreground THEME: the terminal's default text colour under that background.
page_foreground() {
  case "$1" in
    light) echo "#000000" ;;
    *) echo "#ffffff" ;;
  esac
}

# resolve_reverse PAGE_FG PAGE_BG < ANSI > ANSI: applies SGR 7 (reverse video) the way a
# terminal does (shown foreground = background, shown background = foreground, a default colour
# standing for the terminal's own PAGE_FG / PAGE_BG) and writes explicit colours instead. aha
# cannot do this itself: it turns reverse over a default background into an invisible #000008.
# Colours are "R;G;B" decimal triples. Other attributes pass through unchanged.
resolve_reverse() {
  perl -e '
    use strict; use warnings;
    my ($page_fg, $page_bg) = @ARGV;
    my (%attr, $fg, $bg, $rev);
    sub reset_all { %attr = (); $fg = undef; $bg = undef; $rev = 0; }
    reset_all();
    sub sgr {
      my @p = split /;/, (length $_[0] ? $_[0] : "0"), -1;
      while (@p) {
        my $c = shift @p; $c = 0 if $c eq "";
        if ($c == 0) { reset_all(); }
        elsif ($c == 1 || $c == 2 || $c == 3 || $c == 4 || $c == 5 || $c == 9) { $attr{$c} = 1; }
        elsif ($c == 22) { delete @attr{1, 2}; }
        elsif ($c == 23 || $c == 24 || $c == 25 || $c == 29) { delete $attr{$c - 20}; }
        elsif ($c == 7) { $rev = 1; }
        elsif ($c == 27) { $rev = 0; }
        elsif ($c >= 30 && $c <= 37) { $fg = "5;" . ($c - 30); }
        elsif ($c >= 90 && $c <= 97) { $fg = "5;" . ($c - 82); }
        elsif ($c == 39) { $fg = undef; }
        elsif ($c >= 40 && $c <= 47) { $bg = "5;" . ($c - 40); }
        elsif ($c >= 100 && $c <= 107) { $bg = "5;" . ($c - 92); }
        elsif ($c == 49) { $bg = undef; }
        elsif ($c == 38 || $c == 48) {
          my $mode = shift(@p) // "";
          my $v = $mode eq "5" ? "5;" . (shift(@p) // 0)
                : $mode eq "2" ? join(";", "2", map { shift(@p) // 0 } 1 .. 3) : undef;
          if ($c == 38) { $fg = $v; } else { $bg = $v; }
        }
      }
      my ($f, $b) = $rev ? ($bg // "2;$page_bg", $fg // "2;$page_fg") : ($fg, $bg);
      my @out = ("0", sort keys %attr);
      push @out, "38;$f" if defined $f;
      push @out, "48;$b" if defined $b;
      return "\e[" . join(";", @out) . "m";
    }
    while (my $line = <STDIN>) { $line =~ s/\e\[([0-9;]*)m/sgr($1)/ge; print $line; }
  ' "$1" "$2"
}

# rgb_triple "#rrggbb": prints "R;G;B" in decimal.
rgb_triple() {
  printf '%d;%d;%d' "0x${1:1:2}" "0x${1:3:2}" "0x${1:5:2}"
}

# write_page ANSI_FILE HTML_FILE THEME: wraps aha's HTML of ANSI_FILE in a page.
write_page() {
  local ansi="$1" html="$2" theme="$3" bg fg
  bg="$(page_background "$theme")"
  fg="$(page_foreground "$theme")"
  {
    cat <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>flightdeck</title>
<style>
html, body { margin: 0; padding: 0; background: $bg; }
body { padding: ${pad_px}px; display: inline-block; }
pre#frame {
  margin: 0; padding: 0; color: $fg; background: $bg;
  font-family: "DejaVu Sans Mono", "DejaVu Sans", monospace;
  font-size: ${font_px}px; line-height: ${line_px}px;
  font-variant-ligatures: none; font-kerning: none; white-space: pre;
  -webkit-font-smoothing: antialiased;
}
span.cell { display: inline-block; text-align: center; overflow: visible; }
</style></head>
<body><pre id="frame">
EOF
    resolve_reverse "$(rgb_triple "$fg")" "$(rgb_triple "$bg")" <"$ansi" | aha --no-header
    cat <<'EOF'
</pre>
<script>
// Put every glyph on the terminal grid: a glyph whose rendered advance is not a whole number
// of cells (a fallback font's braille, say) is boxed into round(advance / cell) cells.
(function () {
  const frame = document.getElementById("frame");
  // aha ends the last row with a newline; drop it so the frame has exactly its rows.
  const last = frame.lastChild;
  if (last && last.nodeType === Node.TEXT_NODE) last.nodeValue = last.nodeValue.replace(/\n+$/, "");
  const measureCell = () => {
    const probe = document.createElement("span");
    probe.textContent = "M".repeat(1000);
    frame.appendChild(probe);
    const width = probe.getBoundingClientRect().width / 1000;
    frame.removeChild(probe);
    return width;
  };
  // Snap the cell to whole pixels (letter-spacing of a few hundredths of a pixel), so every
  // column, and with it every vertical border line, starts on a pixel edge and stays sharp.
  const natural = measureCell();
  frame.style.letterSpacing = (Math.round(natural) - natural) + "px";
  const cell = measureCell();
  const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  const range = document.createRange();
  for (const node of nodes) {
    const text = node.nodeValue;
    if (!/[^\x00-\x7f]/.test(text)) continue;
    const parts = [];
    let plain = "";
    let offset = 0;
    for (const ch of text) {
      const len = ch.length;
      let cells = 0;
      if (ch.codePointAt(0) > 0x7f) {
        range.setStart(node, offset);
        range.setEnd(node, offset + len);
        const w = range.getBoundingClientRect().width;
        if (Math.abs(w - cell) > 0.01) cells = Math.max(1, Math.round(w / cell));
      }
      if (cells > 0) {
        if (plain) parts.push(document.createTextNode(plain));
        plain = "";
        const box = document.createElement("span");
        box.className = "cell";
        box.style.width = (cells * cell) + "px";
        box.textContent = ch;
        parts.push(box);
      } else {
        plain += ch;
      }
      offset += len;
    }
    if (parts.length === 0) continue;
    if (plain) parts.push(document.createTextNode(plain));
    node.replaceWith(...parts);
  }
  const r = frame.getBoundingClientRect();
  document.documentElement.setAttribute("data-frame-size",
    Math.ceil(r.width) + "x" + Math.ceil(r.height) + "x" + cell.toFixed(4));
})();
</script>
</body></html>
EOF
  } >"$html"
}

chromium_run() {
  # A fresh profile per call, so no state leaks between runs or from a desktop profile.
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-extensions --mute-audio --user-data-dir="$profile" \
    --force-device-scale-factor="$scale" "$@" 2>>"$work/chromium.log"
}

# png_size FILE: prints "WIDTHxHEIGHT" from the PNG's IHDR chunk.
png_size() {
  local w h
  w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print ($1*16777216)+($2*65536)+($3*256)+$4}')
  h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print ($1*16777216)+($2*65536)+($3*256)+$4}')
  echo "${w}x${h}"
}

# shoot NAME COLS ROWS THEME [RENDER_ARGS…]: renders one frame and writes screenshots/NAME.png.
shoot() {
  local name="$1" cols="$2" rows="$3" theme="$4"
  shift 4
  local ansi="$work/$name.ansi" html="$work/$name.html" png="$out_dir/$name.png"
  # The operator the header names: fixed, so frames do not depend on who runs the script.
  FLIGHTDECK_USER=alice "$flightdeck" render "$telemetry" --width "$cols" --height "$rows" --format ansi \
    --colors truecolor --at "${AT:-$at}" --theme "$theme" --symbols braille --workspace "$registry" \
    --config "$alerts_config" "$@" >"$ansi" ||
    die "flightdeck render failed for $name"
  local got_rows
  got_rows=$(wc -l <"$ansi")
  [[ "$got_rows" -eq "$rows" ]] || die "$name: render printed $got_rows rows, expected $rows"
  write_page "$ansi" "$html" "$theme"

  # Pass 1: lay the page out and read back the frame's measured size.
  local size
  size=$(chromium_run --dump-dom "file://$html" | grep -o 'data-frame-size="[0-9x.]*"' | head -1 |
    sed 's/.*="\(.*\)"/\1/') || true
  [[ "$size" =~ ^([0-9]+)x([0-9]+)x([0-9.]+)$ ]] ||
    die "$name: could not measure the frame in Chromium (see $work/chromium.log; KEEP_TMP=1 keeps it)"
  local fw="${BASH_REMATCH[1]}" fh="${BASH_REMATCH[2]}"
  [[ "$fh" -eq $((rows * line_px)) ]] ||
    die "$name: frame is ${fh}px high, expected $((rows * line_px)) (${rows} rows of ${line_px}px)"
  local ww=$((fw + 2 * pad_px)) wh=$((fh + 2 * pad_px))

  # Pass 2: screenshot with exactly that window.
  rm -f "$png"
  chromium_run --screenshot="$png" --window-size="$ww,$wh" "file://$html" >/dev/null ||
    die "$name: chromium screenshot failed (see $work/chromium.log)"
  [[ -s "$png" ]] || die "$name: chromium wrote no PNG"
  local want="$((ww * scale))x$((wh * scale))" got
  got="$(png_size "$png")"
  [[ "$got" == "$want" ]] || die "$name: PNG is $got, expected $want"
  echo "make-screenshots: wrote screenshots/$name.png ($got px, ${cols}x${rows} cells, theme $theme)" >&2
}

# The dashboard frames are taken at 00:07:50, just after the story's climax: RO-1 aborted at
# 00:07:42 on the judge's second failed measurement, the page alert fired at 00:07:05 and
# opened INC-1. Every frame focuses the Canary pane: its selection (rag-answer, the first
# artefact with a canary) then drives the charts, which show stable and canary side by side.
story_at="2025-06-01T00:07:50Z"
AT=$story_at shoot demo-120x40-dark 120 40 dark --focus canary
AT=$story_at shoot demo-80x24-dark 80 24 dark --focus canary
AT=$story_at shoot demo-120x40-light 120 40 light --focus canary
AT=$story_at shoot demo-200x50-dark 200 50 dark --focus canary
AT=$story_at shoot story-verdict-120x40-dark 120 40 dark --overlay verdict --select rag-answer
AT=$story_at shoot story-incident-120x40-dark 120 40 dark --overlay incident
AT=$story_at shoot story-alerts-200x50-dark 200 50 dark --focus alerts
shoot registry-history-120x40-dark 120 40 dark --overlay history --select support-bot
shoot registry-audit-120x40-dark 120 40 dark --overlay audit
