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
set(HOTLINE_FUZZ_LIBS_capi hotline::hotline_c_static hotline::options)
