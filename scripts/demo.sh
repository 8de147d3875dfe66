#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, then the CLI on sample photos with the
# embedded store: extract the faces of a photo, enroll portraits into a gallery of a new user
# (with persons), identify the faces of a group photo and draw the names on it.
#
#   scripts/demo.sh              the sample photos below, in a fresh database under build/demo/
#   scripts/demo.sh PHOTO...     only extract the faces of your photos (JSON)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
cli=$root/build/facenapi
if (($# > 0)); then
  exec "$cli" extract "$@"
fi
data=${FACENAPI_DATA_DIR:-$root/../shared/data}/faces
group=$data/group/fr_obama_and_biden.jpg
demo=$root/build/demo
rm -rf "$demo" && mkdir -p "$demo"
export FACENAPI_DB=$demo/demo.db

echo "== facenapi extract $(basename "$group")"
"$cli" extract "$group"

echo "== a user, a gallery, and two portraits enrolled (embedded store: $FACENAPI_DB)"
FACENAPI_TOKEN=$("$cli" users create demo |
  sed -n 's/.*"secret": *"\([0-9a-f]*\)".*/\1/p')
export FACENAPI_TOKEN
"$cli" galleries create presidents
"$cli" faces add "$data/recognition/face_recognition/Barack_Obama/obama1.jpg" \
  --gallery presidents --meta "Barack Obama" --persons --mf-selector biggest --no-emotions
"$cli" faces add "$data/recognition/face_recognition/Joe_Biden/biden.jpg" \
  --gallery presidents --meta "Joe Biden" --persons --mf-selector biggest --no-emotions

echo "== facenapi identify $(basename "$group") --gallery presidents"
"$cli" identify "$group" --gallery presidents --draw "$demo/identified.png"
echo "== the photo with each face labelled by its best match: $demo/identified.png"
