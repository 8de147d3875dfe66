#!/bin/bash
# Fails when the shared library exports anything but facenapi_* C functions, the facenapi:: C++
# public API, and the std:: template instantiations (weak, vague linkage) that libstdc++'s headers
# declare with default visibility; those are listed but allowed. facenapi::detail must not leak.
set -euo pipefail
lib="$1"
syms=$(nm -D --defined-only "$lib")
names=$(awk '{print $3}' <<<"$syms")
c_count=$(grep -c '^facenapi_' <<<"$names" || true)
[ "$c_count" -gt 0 ] || { echo "no facenapi_* C symbols exported"; exit 1; }
other=$(grep -v '^facenapi_' <<<"$names" | c++filt | grep -v -E 'facenapi::' || true)
std_weak=$(awk '$2 ~ /^[WVu]$/ {print $3}' <<<"$syms" | c++filt | grep -v 'facenapi' || true)
bad=$(grep -v -x -F -f <(printf '%s\n' "$std_weak") <<<"$other" | grep -v -E '^$' || true)
bad=$(grep -v -E '(^|[ *&])std::' <<<"$bad" || true)
detail=$(c++filt <<<"$names" | grep -E 'facenapi::detail::' || true)
echo "exported facenapi_* C symbols: $c_count"
echo "exported facenapi:: C++ symbols: $(c++filt <<<"$names" | grep -c 'facenapi::' || true)"
echo "std:: vague-linkage instantiations (allowed): $(grep -c . <<<"$std_weak" || true)"
if [ -n "$bad" ]; then echo "foreign symbols exported:"; echo "$bad" | head -50; fi
if [ -n "$detail" ]; then echo "facenapi::detail symbols exported:"; echo "$detail" | head -50; fi
[ -z "$bad" ] && [ -z "$detail" ]
