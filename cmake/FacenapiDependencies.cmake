# Every third-party package facenapi uses, found once, from Debian 12 packages
# (scripts/install_deps.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(dlib REQUIRED)
find_package(OpenBLAS REQUIRED CONFIG)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate)   # PNG encoding of face chips
find_package(SQLite3 REQUIRED)           # the embedded storage engine (src/store/sqlite)
find_package(mongoc-1.0 1.17 REQUIRED)   # the MongoDB storage engine (src/store/mongo)

if(NOT TARGET facenapi_openblas)
  add_library(facenapi_openblas INTERFACE IMPORTED)
  target_include_directories(facenapi_openblas INTERFACE ${OpenBLAS_INCLUDE_DIRS})
  target_link_libraries(facenapi_openblas INTERFACE ${OpenBLAS_LIBRARIES})
endif()
