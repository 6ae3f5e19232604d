# CPack pre-build script: drops the debug information from the static libraries of the
# package (CPACK_STRIP_FILES strips only executables and shared libraries), which would
# otherwise be most of its size.
file(GLOB_RECURSE archives "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.a")
foreach(a ${archives})
  execute_process(COMMAND strip --strip-debug ${a} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "strip --strip-debug ${a} failed")
  endif()
endforeach()
