#!/usr/bin/env bash
# The one command that passes all tests on a fresh machine: set-up, build, ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
# The C API tests again under ASan+UBSan, in their own build of just the library and those tests
# (FACENAPI_SKIP_SANITIZERS=1 skips it, e.g. when running a subset of tests by hand).
if [[ ${FACENAPI_SKIP_SANITIZERS:-0} != 1 ]]; then
  bash "$root/scripts/test_capi_sanitizers.sh"
fi
