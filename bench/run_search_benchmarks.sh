#!/usr/bin/env bash
# The facen index benchmarks (docs/benchmarks.md, "Facen index"): facenapi's exact and HNSW
# search against FAISS (IndexFlatIP, IndexHNSWFlat) and hnswlib, at 100,000 and 1,000,000
# synthetic face-like facens. Needs a Release build with bench_search (FAISS and hnswlib found:
# scripts/install_deps.sh installs libfaiss-dev and libhnswlib-dev). About 15 minutes on 2 cores;
# FAISS's HNSW build is left out at 1,000,000 faces (it alone takes longer than the rest).
set -euo pipefail
build=${BUILD_DIR:-build}
bin="$build/bench/bench_search"
[[ -x $bin ]] || { echo "build $bin first: cmake --build $build --target bench_search" >&2; exit 1; }
export OMP_WAIT_POLICY=passive   # FAISS's idle OpenMP threads must not spin against the others
"$bin" --faces 100000 --queries 1000 --ef 32 --ef 64 --ef 128 "$@"
"$bin" --faces 1000000 --queries 500 --ef 64 --ef 128 --ef 256 --no-faiss-hnsw "$@"
