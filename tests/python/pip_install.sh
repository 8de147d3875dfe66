#!/bin/bash
# `pip install` of python/ works without a compiler or network (--no-build-isolation uses the
# installed setuptools), and the installed package loads the library given by FACENAPI_LIBRARY.
# Usage: pip_install.sh PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
python=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -r "$src/python" "$work/src"  # setuptools writes build/ beside the sources
"$python" -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps \
  --target "$work/site" "$work/src"
cd "$work" && PYTHONPATH="$work/site" "$python" -c \
  'import facenapi, sys; assert facenapi.__file__.startswith(sys.argv[1]); print(facenapi.version())' \
  "$work/site"
