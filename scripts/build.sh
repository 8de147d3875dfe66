#!/usr/bin/env bash
# Installs the dependencies, fetches the model weights and builds facenapi into build/.
# Every step is idempotent; a second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install_deps.sh
bash scripts/fetch_models.sh
build_type=${FACENAPI_BUILD_TYPE:-Release}
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@"
fi
cmake --build build --parallel "$(nproc)"
