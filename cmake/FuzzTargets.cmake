# The libFuzzer targets of tests/fuzz/, each tests/fuzz/fuzz_NAME.cpp with its seeds in corpus/NAME/ and,
# where one helps, its dictionary NAME's entry here. Read by both builds: the clang fuzz build makes them
# (cmake/FuzzBuild.cmake), the main build runs them as tests (cmake/Fuzz.cmake).
set(WIJKKIOSK_FUZZ_TARGETS
  service_json form_body request_body request_head location_config device_config update_manifest
  escpos_status ui_tree catalogue keyboard)
set(WIJKKIOSK_FUZZ_DICT_service_json json)
set(WIJKKIOSK_FUZZ_DICT_update_manifest json)
set(WIJKKIOSK_FUZZ_DICT_location_config toml)
set(WIJKKIOSK_FUZZ_DICT_device_config toml)
set(WIJKKIOSK_FUZZ_DICT_catalogue po)
set(WIJKKIOSK_FUZZ_DICT_form_body form)
