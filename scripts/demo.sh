#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, then extract the faces of sample photos
# and print them as JSON (one object per face).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
data=${FACENAPI_DATA_DIR:-$root/../shared/data}
photos=("$@")
if ((${#photos[@]} == 0)); then
  photos=("$data/faces/group/fr_obama_and_biden.jpg" "$data/faces/emotion/faceapi_happy.jpg")
fi
"$root/build/facenapi" extract "${photos[@]}"
