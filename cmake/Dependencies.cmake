# Every dependency comes from a Debian 12 package (deploy/install-deps.sh); nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(GTest REQUIRED)
include(GoogleTest)
find_package(benchmark QUIET)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
# wijkqueue's HTTPS server: event-driven, made for exposure (see service/http_server.hpp).
pkg_check_modules(MICROHTTPD REQUIRED IMPORTED_TARGET libmicrohttpd>=0.9.75)
find_package(ZLIB REQUIRED)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
# stb_truetype (libstb-dev) draws ticket text in scripts the printer's code page lacks.
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
# FriBidi joins and orders right-to-left text: the printer's raster text (print/text_raster) and, with
# HarfBuzz, the screen (platform/text_shaping).
pkg_check_modules(FRIBIDI REQUIRED IMPORTED_TARGET fribidi)
if(WIJKKIOSK_BUILD_GUI)
  find_package(SDL2 CONFIG REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  # The display speaks its calls with espeak-ng, synthesised into memory and played through SDL audio.
  pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)
  pkg_check_modules(X11 REQUIRED IMPORTED_TARGET x11)
  # ImGui 1.86 neither shapes nor orders text: FriBidi (found above) orders it, HarfBuzz shapes Arabic
  # (platform/text_shaping).
  pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)

endif()
