#!/usr/bin/env bash
# Runs the extraction benchmarks and their dlib peer in one go, on the same photos and pairs,
# so the figures in docs/benchmarks.md can be compared as ratios.
#   bench/run_extraction_benchmarks.sh [--quick]   (--quick: LFW folds 1-2 only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${FACENAPI_DATA_DIR:-$root/../shared/data}
bin=$root/build/bench
folds=10
[[ ${1:-} == --quick ]] && folds=2
one_face=$data/faces/recognition/deepface/Jack_Dorsey/img62.jpg   # 660x440, one face
group=$data/faces/group/dlib_faces/2007_007763.jpg                # 500x375, seven small faces

echo "== speed: facenapi (default options)"
"$bin/bench_extract" --runs 20 "$one_face" "$group"
echo "== speed: dlib's pipeline (HOG, sp68, chip, ResNet); the group photo needs one upsampling"
"$bin/bench_dlib_pipeline" --runs 10 "$one_face"
"$bin/bench_dlib_pipeline" --runs 10 --upsample 1 "$group"
echo "== LFW: facenapi"
"$bin/bench_lfw" --folds "$folds" --threads 2 2>/dev/null
echo "== LFW: dlib's pipeline"
"$bin/bench_dlib_pipeline" --lfw --folds "$folds" --threads 2 2>/dev/null | tail -3
