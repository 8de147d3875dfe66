#!/bin/bash
# Fails unless the shared library exports exactly what src/exports.map allows:
#   - facenapi_* C functions (the C ABI, capi/include/facenapi/c.h), at least one;
#   - the C++ API: demangled names that start with "facenapi::", or are the typeinfo, typeinfo
#     name or vtable of a facenapi:: class (so facenapi::Error is caught across the boundary);
#   - nothing in facenapi::detail, and nothing else: no std:: template instantiations, no
#     symbols of the libraries facenapi links (dlib, OpenBLAS, libpng, ...).
# Usage: check_exports.sh path/to/libfacenapi.so
set -euo pipefail
lib="$1"
names=$(nm -D --defined-only "$lib" | awk '{print $3}')
c_names=$(grep '^facenapi_' <<<"$names" || true)
cxx_names=$(grep -v '^facenapi_' <<<"$names" | c++filt || true)
allowed='^((typeinfo for |typeinfo name for |vtable for )?facenapi::)'
foreign=$(grep -v -E "$allowed" <<<"$cxx_names" | grep -v -E '^$' || true)
detail=$(grep -E "$allowed" <<<"$cxx_names" | grep -E '(^|for )facenapi::detail::' || true)
echo "exported facenapi_* C symbols: $(grep -c . <<<"$c_names" || true)"
echo "exported facenapi:: C++ symbols: $(grep -c -E "$allowed" <<<"$cxx_names" || true)"
status=0
if [ -z "$c_names" ]; then echo "no facenapi_* C symbols exported"; status=1; fi
if [ -n "$foreign" ]; then
  echo "foreign symbols exported ($(grep -c . <<<"$foreign")):"; head -50 <<<"$foreign"; status=1
fi
if [ -n "$detail" ]; then
  echo "facenapi::detail symbols exported:"; head -50 <<<"$detail"; status=1
fi
exit $status
