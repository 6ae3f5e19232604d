# What `cmake --install build --prefix P` puts where (docs/embedding.md "Install"): the
# libraries and the `hotline` command, the public headers under P/include/hotline/, the
# shipped data under P/share/hotline/, the CMake package (P/lib/cmake/hotline/) and the
# pkg-config file (P/lib/pkgconfig/hotline.pc). Also the Debian package (cpack -G DEB).
include(CMakePackageConfigHelpers)

set(HOTLINE_INSTALL_DATA ${CMAKE_INSTALL_DATADIR}/hotline)
set(HOTLINE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/hotline)

# Installed libraries find their sibling libraries (libhotline_c needs libhotline_engine).
set_target_properties(hotline_engine hotline_c PROPERTIES INSTALL_RPATH "$ORIGIN")
set_target_properties(hotline_api_headers PROPERTIES EXPORT_NAME headers)

install(TARGETS hotline_api_headers hotline_engine hotline_engine_static hotline_c hotline_c_static
  EXPORT hotlineTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT hotline
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS hotline RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hotline/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hotline
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/hotline/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hotline)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${HOTLINE_INSTALL_DATA}
  PATTERN CMakeLists.txt EXCLUDE)

install(EXPORT hotlineTargets NAMESPACE hotline:: DESTINATION ${HOTLINE_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/hotlineConfig.cmake.in
  ${PROJECT_BINARY_DIR}/hotlineConfig.cmake
  INSTALL_DESTINATION ${HOTLINE_INSTALL_CMAKEDIR} PATH_VARS HOTLINE_INSTALL_DATA)
# While the major version is 0, a minor release may break the API (SemVer §4).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(compat SameMinorVersion)
else()
  set(compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hotlineConfigVersion.cmake COMPATIBILITY ${compat})
install(FILES ${PROJECT_BINARY_DIR}/hotlineConfig.cmake ${PROJECT_BINARY_DIR}/hotlineConfigVersion.cmake
  DESTINATION ${HOTLINE_INSTALL_CMAKEDIR})

file(RELATIVE_PATH HOTLINE_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" HOTLINE_PC_TO_PREFIX "${HOTLINE_PC_TO_PREFIX}")
set(HOTLINE_PC_PRIVATE "")
foreach(lib ${LUA_LIBRARIES} sqlite3 ${SODIUM_LIBRARIES} ${XXHASH_LIBRARIES} stdc++ m dl)
  string(APPEND HOTLINE_PC_PRIVATE " -l${lib}")
endforeach()
string(APPEND HOTLINE_PC_PRIVATE " -pthread")
string(STRIP "${HOTLINE_PC_PRIVATE}" HOTLINE_PC_PRIVATE)
configure_file(${PROJECT_SOURCE_DIR}/cmake/hotline.pc.in ${PROJECT_BINARY_DIR}/hotline.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/hotline.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The Debian package: `cpack -G DEB` in the build folder. Dependencies come from
# dpkg-shlibdeps on the installed binaries; our own libraries are found in the package.
set(CPACK_PACKAGE_NAME hotline)
set(CPACK_PACKAGE_VENDOR "hotline developers")
set(CPACK_PACKAGE_CONTACT "hotline developers <hotline@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "12345 hotline rule engine (library, C and C++ API), simulator and command line")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/HotlineStripArchives.cmake)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/api)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
include(CPack)
