#!/usr/bin/env bash
# Installs every Debian package facenapi builds, tests and benchmarks with.
# Idempotent: packages already present are skipped, so a second run costs a second.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libdlib-dev libdlib-data          # HOG detector, shape_predictor_68, face-chip geometry
  libopenblas-dev                   # GEMM for the inference engine
  libjpeg-dev libpng-dev libwebp-dev zlib1g-dev
  libdeflate-dev                    # PNG encoding of face chips (fast DEFLATE)
  libssl-dev                        # SHA-256 photo hash (later: password hashing)
  libmongoc-dev libbson-dev libsqlite3-dev
  libfmt-dev nlohmann-json3-dev catch2
  libfaiss-dev libhnswlib-dev       # bench-only peers of the facen index (bench/bench_search)
  python3 python3-pytest            # the Python bindings (ctypes) and their tests
  python3-pip python3-setuptools python3-wheel   # pip install ./python (tests/python/pip_install.sh)
  nodejs npm                        # npm pack of the model weights, reference generator
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from outside Debian (e.g. a preinstalled toolchain): accept them if present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  echo "install_deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
