#!/bin/bash
# Builds and runs the consumer programs against an installed facenapi, as users would:
#   run_consumers.sh install BUILD_DIR PREFIX            cmake --install BUILD_DIR --prefix PREFIX
#   run_consumers.sh cmake PREFIX WORK_DIR PHOTO         find_package(facenapi): C++ and C programs
#   run_consumers.sh pkgconfig PREFIX WORK_DIR PHOTO     cc consumer.c $(pkg-config --cflags --libs)
# The programs read the models from PREFIX/share/facenapi/models, which the install puts there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=$1
case "$mode" in
  install)
    rm -rf "$3"
    cmake --install "$2" --prefix "$3" >/dev/null
    ;;
  cmake)
    prefix=$2 work=$3 photo=$4
    rm -rf "$work"
    cmake -S "$here" -B "$work" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=$prefix" >/dev/null
    cmake --build "$work" >/dev/null
    "$work/consumer_cpp" "$prefix/share/facenapi/models" "$photo"
    "$work/consumer_c" "$prefix/share/facenapi/models" "$photo"
    ;;
  pkgconfig)
    prefix=$2 work=$3 photo=$4
    rm -rf "$work" && mkdir -p "$work"
    pc_dir=$(dirname "$(find "$prefix" -name facenapi.pc | head -1)")
    export PKG_CONFIG_PATH="$pc_dir"
    # shellcheck disable=SC2046  # pkg-config's output is meant to be split into words
    cc -std=c99 -Wall -Werror "$here/consumer.c" -o "$work/consumer_c" $(pkg-config --cflags --libs facenapi)
    LD_LIBRARY_PATH="$(pkg-config --variable=libdir facenapi)" \
      "$work/consumer_c" "$prefix/share/facenapi/models" "$photo"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
