#!/bin/bash
# Builds the library and the C API tests under AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan/ (only libfacenapi.so and the C test programs) and runs them: any leak, memory
# error or undefined behaviour fails. scripts/test.sh runs it after ctest, so it runs in CI.
# Usage: scripts/test_capi_sanitizers.sh   (JOBS=N for the build's parallelism, default nproc)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFACENAPI_BUILD_BENCH=OFF \
  "${launcher[@]}" "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_CXX_FLAGS=$flags" \
  "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" \
  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
nice cmake --build build-asan -j"${JOBS:-$(nproc)}" --target test_capi test_capi_store test_capi_recognition
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
build-asan/tests/test_capi
build-asan/tests/test_capi_store build-asan/tests/capi_store.db
build-asan/tests/test_capi_recognition build-asan/tests/capi_recognition.db
echo "C API tests clean under ASan+UBSan"
