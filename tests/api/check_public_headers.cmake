# Checks that the public headers (include/hotline/) include only each other and the C and
# C++ standard library: no Lua, SQLite, Boost, nlohmann or project-internal header.
# Usage: cmake -DHEADERS_DIR=<include/hotline> -P check_public_headers.cmake
set(std_headers
  # C++ standard library
  cstddef cstdint functional limits memory optional span string string_view vector stdexcept
  utility chrono map array exception
  # C standard library (hotline.h)
  stddef.h stdint.h)
file(GLOB headers ${HEADERS_DIR}/*.hpp ${HEADERS_DIR}/*.h ${HEADERS_DIR}/*.hpp.in)
if(NOT headers)
  message(FATAL_ERROR "no public headers in ${HEADERS_DIR}")
endif()
set(bad "")
foreach(h ${headers})
  file(STRINGS ${h} lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${lines})
    if(line MATCHES "#[ \t]*include[ \t]*\"hotline/([^\"]+)\"")
      set(f ${CMAKE_MATCH_1})
      if(NOT EXISTS ${HEADERS_DIR}/${f} AND NOT EXISTS ${HEADERS_DIR}/${f}.in)
        string(APPEND bad "${h}: includes hotline/${f}, which is not a public header\n")
      endif()
    elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
      list(FIND std_headers ${CMAKE_MATCH_1} i)
      if(i LESS 0)
        string(APPEND bad "${h}: includes <${CMAKE_MATCH_1}>, not a standard header on the allow list\n")
      endif()
    else()
      string(APPEND bad "${h}: include not of the form \"hotline/...\" or <std>: ${line}\n")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "public headers reach outside the standard library:\n${bad}")
endif()
list(LENGTH headers n)
message(STATUS "${n} public headers include only each other and the standard library")
