# What `cmake --install` puts in place (docs: README "Installing"):
#   lib/libfacenapi.so*                      the shared library (C ABI + C++ API in one)
#   include/facenapi/*.hpp, facenapi/c.h     the C++ headers and the C99 header
#   lib/cmake/facenapi/                      find_package(facenapi): facenapi::facenapi (C++) and
#                                            facenapi::facenapi_c (C), config + version file
#   lib/pkgconfig/facenapi.pc                pkg-config --cflags --libs facenapi (relocatable)
#   share/facenapi/models/                   the model weights, when models/ has been fetched
# Only the shared library is installed: a static libfacenapi would make every consumer find and
# link dlib, OpenBLAS, mongoc, SQLite, libpng, libjpeg, libwebp, libdeflate and OpenSSL itself. The
# third-party libraries are private dependencies of the shared library, so the package needs
# no find_dependency().
include(CMakePackageConfigHelpers)

set(facenapi_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/facenapi)

install(TARGETS facenapi facenapi_c EXPORT facenapiTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/facenapi
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_SOURCE_DIR}/capi/include/facenapi/c.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/facenapi)
install(EXPORT facenapiTargets NAMESPACE facenapi:: DESTINATION ${facenapi_cmake_dir})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/facenapiConfig.cmake.in
  ${PROJECT_BINARY_DIR}/facenapiConfig.cmake INSTALL_DESTINATION ${facenapi_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/facenapiConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/facenapiConfig.cmake
  ${PROJECT_BINARY_DIR}/facenapiConfigVersion.cmake DESTINATION ${facenapi_cmake_dir})

# The .pc finds its prefix from its own place (${pcfiledir}), so the install can be moved.
file(RELATIVE_PATH facenapi_pc_to_prefix "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(${CMAKE_CURRENT_LIST_DIR}/facenapi.pc.in ${PROJECT_BINARY_DIR}/facenapi.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/facenapi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The library looks for its models in ${datadir}/facenapi/models after FACENAPI_MODEL_DIR.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/facenapi/models
  OPTIONAL FILES_MATCHING PATTERN "*.json" PATTERN "*.bin" PATTERN "LICENSE*")
