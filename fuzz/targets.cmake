# The fuzz targets (fuzz/fuzz_<name>.cpp) and the libraries each one links; read by
# fuzz/CMakeLists.txt (the libFuzzer build, -DHOTLINE_FUZZ=ON) and fuzz/replay/ (the corpus
# replay tests of the ordinary build).
set(HOTLINE_FUZZ_TARGETS csv import_calls import_tickets import_units ticket_json ruleset scenario capi)
set(HOTLINE_FUZZ_LIBS_csv hotline::core)
set(HOTLINE_FUZZ_LIBS_import_calls hotline::core)
set(HOTLINE_FUZZ_LIBS_import_tickets hotline::core)
set(HOTLINE_FUZZ_LIBS_import_units hotline::core)
set(HOTLINE_FUZZ_LIBS_ticket_json hotline::rules)
set(HOTLINE_FUZZ_LIBS_ruleset hotline::rules)
set(HOTLINE_FUZZ_LIBS_scenario hotline::rules)
set(HOTLINE_FUZZ_LIBS_capi hotline_fuzz_capi)

# The C API without the simulator: c_api.cpp and the engine it wraps over core and rules
# (hotline_c_static would bring sim/ in, which the decide calls never reach).
if(NOT TARGET hotline_fuzz_capi)
  add_library(hotline_fuzz_capi STATIC ${PROJECT_SOURCE_DIR}/api/c_api.cpp ${PROJECT_SOURCE_DIR}/api/engine.cpp
                                       ${PROJECT_SOURCE_DIR}/api/convert.cpp)
  target_link_libraries(hotline_fuzz_capi PUBLIC hotline_api_headers hotline::rules nlohmann_json::nlohmann_json)
  target_compile_definitions(hotline_fuzz_capi PRIVATE HOTLINE_BUILDING)
endif()
