# Compiler warnings and the sanitizer build, applied to every hotline target.
add_library(hotline_options INTERFACE)
add_library(hotline::options ALIAS hotline_options)
target_compile_options(hotline_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(HOTLINE_WERROR)
  target_compile_options(hotline_options INTERFACE -Werror)
endif()
if(HOTLINE_SANITIZE)
  target_compile_options(hotline_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(hotline_options INTERFACE -fsanitize=address,undefined)
endif()
if(HOTLINE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "hotline: -DHOTLINE_FUZZ=ON needs clang for C and C++ (libFuzzer), not "
                        "${CMAKE_CXX_COMPILER_ID}. Configure a separate build, e.g. "
                        "CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DHOTLINE_FUZZ=ON (scripts/fuzz.sh)")
  endif()
  target_compile_options(hotline_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(hotline_options INTERFACE -fsanitize=address,undefined)
endif()
target_include_directories(hotline_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(hotline_options INTERFACE
  HOTLINE_VERSION="${PROJECT_VERSION}"
  HOTLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
