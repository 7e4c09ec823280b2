# Shared interface targets every layer links: the language level and the warning set, in one place
# (the cmake_template way), so no layer can quietly build with weaker settings than the others.
add_library(wijkkiosk_options INTERFACE)
add_library(wijkkiosk::options ALIAS wijkkiosk_options)
target_compile_features(wijkkiosk_options INTERFACE cxx_std_20)

# `make sanitize` (issue 19): the whole build instrumented, tests included, so the real wijkqueue and the
# real app the tests start are checked too. "address,undefined" or "thread"; empty for a normal build.
set(WIJKKIOSK_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined | thread | empty")
if(WIJKKIOSK_SANITIZE)
  target_compile_options(wijkkiosk_options INTERFACE -fsanitize=${WIJKKIOSK_SANITIZE} -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_link_options(wijkkiosk_options INTERFACE -fsanitize=${WIJKKIOSK_SANITIZE})
endif()

# wijkkiosk_builds_regex(TARGETS...): GCC 12 misreads std::regex's compiler once it is instrumented and
# warns "may be used uninitialized" (a false alarm, under ASan only). In the sanitizer builds these targets
# keep the warning without failing on it; the normal build still fails on it.
function(wijkkiosk_builds_regex)
  if(WIJKKIOSK_SANITIZE)
    foreach(target IN LISTS ARGN)
      if(TARGET ${target})
        target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
      endif()
    endforeach()
  endif()
endfunction()
# No include root here: each layer brings its own (wijkkiosk_layer_headers), so a layer sees only the
# headers of the layers it links.

add_library(wijkkiosk_warnings INTERFACE)
add_library(wijkkiosk::warnings ALIAS wijkkiosk_warnings)
target_compile_options(wijkkiosk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(WIJKKIOSK_WARNINGS_AS_ERRORS)
  target_compile_options(wijkkiosk_warnings INTERFACE -Werror)
endif()

# wijkkiosk_layer_headers(TARGET NAME) gives TARGET a PUBLIC include root holding only the current source
# dir, linked in as NAME/: includes keep the form "NAME/x.hpp", and no other layer's headers are reachable
# through it.
function(wijkkiosk_layer_headers target name)
  set(root ${PROJECT_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${name} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
  set_property(GLOBAL APPEND PROPERTY WIJKKIOSK_LAYERS "${name}=${target}")
endfunction()

# wijkkiosk_layer(NAME SOURCES... ) makes the static library of one layer with its wijkkiosk::NAME alias.
function(wijkkiosk_layer name)
  if(NOT ARGN)
    message(STATUS "layer ${name}: no sources yet, skipped")
    return()
  endif()
  add_library(wijkkiosk_${name} STATIC ${ARGN})
  add_library(wijkkiosk::${name} ALIAS wijkkiosk_${name})
  target_link_libraries(wijkkiosk_${name} PRIVATE wijkkiosk::warnings PUBLIC wijkkiosk::options)
  wijkkiosk_layer_headers(wijkkiosk_${name} ${name})
endfunction()

# wijkkiosk_test(NAME SOURCES... LIBS ...) makes a GoogleTest executable registered with CTest.
# PRIVACY: the suite's temp dirs are made in and kept under build/privacy-artifacts, and the privacy scan
# (tests/privacy/) reads them after the last of these suites ran.
function(wijkkiosk_test name)
  cmake_parse_arguments(T "PRIVACY" "" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT T_SOURCES)
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE wijkkiosk::warnings wijkkiosk::options GTest::gtest_main ${T_LIBS})
  # Tests find the source tree (assets) by a compiled-in path and the binaries through the environment.
  target_compile_definitions(${name} PRIVATE WIJKKIOSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set(privacy)
  if(T_PRIVACY)
    set(privacy ENVIRONMENT_MODIFICATION "WIJKKIOSK_PRIVACY_DIR=set:${PROJECT_BINARY_DIR}/privacy-artifacts"
      FIXTURES_REQUIRED privacy)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30 PROPERTIES LABELS "${T_LABELS}"
    ENVIRONMENT "WIJKKIOSK_BIN_DIR=${PROJECT_BINARY_DIR}/bin" ${privacy})
endfunction()

set(CMAKE_RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
