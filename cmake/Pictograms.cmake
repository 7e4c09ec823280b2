# Pictograms: turn the hand-written SVGs in assets/pictograms/ into square PNGs for the kiosk.
#
#   include(cmake/Pictograms.cmake)
#   wijkkiosk_pictograms(wijkkiosk_pictograms_png ${PROJECT_BINARY_DIR}/assets/pictograms 256)
#
# wijkkiosk_pictograms(TARGET_NAME OUT_DIR SIZE_PX) adds the custom target TARGET_NAME (built by ALL)
# that writes ${OUT_DIR}/<name>.png, SIZE_PX x SIZE_PX, for every assets/pictograms/<name>.svg.
# One add_custom_command per file, depending on its SVG, so only changed pictograms are redrawn.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin).

set(WIJKKIOSK_PICTOGRAM_DIR "${CMAKE_CURRENT_LIST_DIR}/../assets/pictograms")
cmake_path(NORMAL_PATH WIJKKIOSK_PICTOGRAM_DIR)

function(wijkkiosk_pictograms TARGET_NAME OUT_DIR SIZE_PX)
  find_program(RSVG_CONVERT rsvg-convert REQUIRED)
  if(NOT SIZE_PX MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "wijkkiosk_pictograms: SIZE_PX must be a positive whole number, got '${SIZE_PX}'")
  endif()
  cmake_path(ABSOLUTE_PATH OUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)

  # CONFIGURE_DEPENDS: adding or removing an SVG re-runs the glob at build time.
  file(GLOB svgs CONFIGURE_DEPENDS "${WIJKKIOSK_PICTOGRAM_DIR}/*.svg")
  if(NOT svgs)
    message(FATAL_ERROR "wijkkiosk_pictograms: no SVG files in ${WIJKKIOSK_PICTOGRAM_DIR}")
  endif()
  list(SORT svgs)

  set(pngs "")
  foreach(svg IN LISTS svgs)
    cmake_path(GET svg STEM name)
    set(png "${OUT_DIR}/${name}.png")
    add_custom_command(
      OUTPUT "${png}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${OUT_DIR}"
      COMMAND "${RSVG_CONVERT}" -w ${SIZE_PX} -h ${SIZE_PX} -o "${png}" "${svg}"
      DEPENDS "${svg}"
      COMMENT "Pictogram ${name}.png (${SIZE_PX} px)"
      VERBATIM)
    list(APPEND pngs "${png}")
  endforeach()

  add_custom_target(${TARGET_NAME} ALL DEPENDS ${pngs})
endfunction()
