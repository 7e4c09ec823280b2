# The fuzz build (WIJKKIOSK_FUZZ_ONLY): this source tree configured again by the main build
# (cmake/Fuzz.cmake) with clang, into build/fuzz. Only the layers the fuzz targets need, all instrumented
# for libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer; nothing of the GCC build changes.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "WIJKKIOSK_FUZZ_ONLY needs clang (libFuzzer); configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
set(WIJKKIOSK_BUILD_GUI OFF)
include(cmake/Dependencies.cmake)
include(cmake/FuzzTargets.cmake)

# Optimised but with asserts on and frames kept, so a finding's stack is readable.
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g -fno-omit-frame-pointer")
# Every undefined behaviour stops the run, as a crash does.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)

add_subdirectory(kiosk/core)
add_subdirectory(kiosk/update)
add_subdirectory(tests/fuzz)
