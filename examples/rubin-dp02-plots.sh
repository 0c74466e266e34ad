#!/usr/bin/env bash
# The plots of the Rubin DP0.2 "Intermediate TAP queries" tutorial (../shared/seeds/rubin-dp02-intermediate-tap.txt,
# "Visualize and analyse the results"), stars only, as static SVGs made by `adql plot` from one query result:
# the colour-magnitude diagram (g against g - r, magnitudes growing downwards), the colour-colour diagram
# (r - i against g - r), the stars' positions on the sky, and the GROUP BY histogram of true classes.
#   bash examples/rubin-dp02-plots.sh [TAP_URL] [OUT_DIR]
# ADQL names the adql command (default: adql on the PATH, else this checkout's build in dist/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tap="${1:-http://127.0.0.1:8080/tap}"
out="${2:-rubin-dp02-plots}"
if [ -z "${ADQL:-}" ]; then
  if command -v adql >/dev/null; then ADQL=adql; else ADQL="node $here/../dist/src/cli/main.js"; fi
fi
mkdir -p "$out"

# One query, saved as a VOTable (units and UCDs kept), then plotted three ways.
$ADQL query -s "$tap" -f "$here/rubin-dp02-stars.adql" --format votable -o "$out/stars.vot"
$ADQL plot 'scatter:g - r,g' "$out/stars.vot" --title 'Colour-magnitude diagram (stars)' -o "$out/cmd.svg"
$ADQL plot 'scatter:g - r,r - i' "$out/stars.vot" --title 'Colour-colour diagram (stars)' -o "$out/colour-colour.svg"
$ADQL plot sky "$out/stars.vot" --projection mollweide --title 'Stars on the sky' -o "$out/sky.svg"

# Section 2.4: the categorical histogram, straight from a GROUP BY query.
$ADQL plot bar:true_class,n -s "$tap" \
  'SELECT true_class, COUNT(*) AS n FROM zcat.truth_match GROUP BY true_class ORDER BY true_class' \
  --title 'Objects by true class' -o "$out/classes.svg"
