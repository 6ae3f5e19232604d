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
target_include_directories(hotline_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(hotline_options INTERFACE
  HOTLINE_VERSION="${PROJECT_VERSION}"
  HOTLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
