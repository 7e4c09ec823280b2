# The fuzz targets (tests/fuzz/) in the main build. They need clang's libFuzzer while this build is GCC, so
# this tree is configured a second time, with clang, in build/fuzz (cmake/FuzzBuild.cmake), as an
# ExternalProject that `make build` builds with everything else; each target then runs ~30 s as a test
# (label fuzz). `make fuzz` runs them for long (tests/fuzz/run_all.sh).
option(WIJKKIOSK_FUZZ "Build the libFuzzer targets with clang and run each briefly in the tests" ON)
if(NOT WIJKKIOSK_FUZZ)
  return()
endif()
include(cmake/FuzzTargets.cmake)

find_program(WIJKKIOSK_CLANG NAMES clang-14 clang)
find_program(WIJKKIOSK_CLANGXX NAMES clang++-14 clang++)
if(NOT WIJKKIOSK_CLANG OR NOT WIJKKIOSK_CLANGXX)
  message(FATAL_ERROR "The fuzz targets need clang (deploy/install-deps.sh installs it), or -DWIJKKIOSK_FUZZ=OFF")
endif()
execute_process(COMMAND ${WIJKKIOSK_CLANGXX} -print-runtime-dir OUTPUT_VARIABLE clang_runtime
  OUTPUT_STRIP_TRAILING_WHITESPACE)
file(GLOB libfuzzer "${clang_runtime}/libclang_rt.fuzzer-*.a")
if(NOT libfuzzer)
  message(FATAL_ERROR "clang has no libFuzzer (Debian: libclang-rt-14-dev, deploy/install-deps.sh), "
    "or -DWIJKKIOSK_FUZZ=OFF")
endif()

include(ExternalProject)
set(WIJKKIOSK_FUZZ_BIN ${PROJECT_BINARY_DIR}/fuzz/bin)
ExternalProject_Add(wijkkiosk_fuzz
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${PROJECT_BINARY_DIR}/fuzz
  PREFIX ${PROJECT_BINARY_DIR}/fuzz-ep
  CMAKE_ARGS -DWIJKKIOSK_FUZZ_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
    -DCMAKE_C_COMPILER=${WIJKKIOSK_CLANG} -DCMAKE_CXX_COMPILER=${WIJKKIOSK_CLANGXX}
    -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
    -DWIJKKIOSK_WARNINGS_AS_ERRORS=${WIJKKIOSK_WARNINGS_AS_ERRORS}
  INSTALL_COMMAND ""
  # Its sources are this tree: let its own build decide what changed.
  BUILD_ALWAYS ON)

foreach(target IN LISTS WIJKKIOSK_FUZZ_TARGETS)
  set(dict "")
  if(WIJKKIOSK_FUZZ_DICT_${target})
    set(dict ${PROJECT_SOURCE_DIR}/tests/fuzz/dict/${WIJKKIOSK_FUZZ_DICT_${target}}.dict)
  endif()
  add_test(NAME fuzz.${target}
    COMMAND bash ${PROJECT_SOURCE_DIR}/tests/fuzz/run_fuzzer.sh ${WIJKKIOSK_FUZZ_BIN}/fuzz_${target}
      ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${target} 30 ${dict})
  set_tests_properties(fuzz.${target} PROPERTIES LABELS fuzz TIMEOUT 180)
endforeach()
