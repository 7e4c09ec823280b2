# Install rules and the Debian packages `wijkkiosk` and `wijkqueue` (`make package`, CPack DEB, one package
# per install component). Layout (ARCHITECTURE.md, "Updates"):
#   wijkkiosk: /opt/wijkkiosk/releases/<version>/{bin/wijkkiosk, share/wijkkiosk/assets/...}; the
#              /opt/wijkkiosk/current symlink is made by postinst (the updater swaps it later, so dpkg must
#              not own it); /usr/bin/wijkkiosk-update; the kiosk's and the updater's units in
#              /lib/systemd/system.
#   wijkqueue: /usr/bin/wijkqueue and its units.
# Paths are relative to CPACK_PACKAGING_INSTALL_PREFIX "/" (and to CMAKE_INSTALL_PREFIX for `cmake --install`).

# `make package` builds first; cpack (and the deploy.packages test) only packs what is built, and does not
# start a whole build of its own through the preinstall target.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(WIJKKIOSK_RELEASE_DIR "opt/wijkkiosk/releases/${PROJECT_VERSION}")
set(WIJKKIOSK_DEB_DIR "${PROJECT_SOURCE_DIR}/deploy/debian")
set(WIJKKIOSK_UNIT_DIR "lib/systemd/system")

# --- wijkkiosk -------------------------------------------------------------------------------------------
install(TARGETS wijkkiosk RUNTIME DESTINATION "${WIJKKIOSK_RELEASE_DIR}/bin" COMPONENT wijkkiosk)
# The updater comes with the package, outside the releases it swaps: a bad release cannot break the way back.
install(TARGETS wijkkiosk-update RUNTIME DESTINATION usr/bin COMPONENT wijkkiosk)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets/i18n" "${PROJECT_SOURCE_DIR}/assets/locations"
  DESTINATION "${WIJKKIOSK_RELEASE_DIR}/share/wijkkiosk/assets" COMPONENT wijkkiosk
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
if(WIJKKIOSK_BUILD_GUI)
  # app/assets.cpp looks for the PNGs in <assets>/pictograms/png.
  install(DIRECTORY "${PROJECT_BINARY_DIR}/assets/pictograms/"
    DESTINATION "${WIJKKIOSK_RELEASE_DIR}/share/wijkkiosk/assets/pictograms/png" COMPONENT wijkkiosk
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
    FILES_MATCHING PATTERN "*.png")
endif()
install(FILES
  "${PROJECT_SOURCE_DIR}/systemd/wijkkiosk.service"
  "${PROJECT_SOURCE_DIR}/systemd/wijkkiosk-display.service"
  "${PROJECT_SOURCE_DIR}/systemd/wijkkiosk-update.service"
  "${PROJECT_SOURCE_DIR}/systemd/wijkkiosk-update.timer"
  DESTINATION "${WIJKKIOSK_UNIT_DIR}" COMPONENT wijkkiosk)

# --- wijkqueue -------------------------------------------------------------------------------------------
install(TARGETS wijkqueue RUNTIME DESTINATION usr/bin COMPONENT wijkqueue)
install(FILES
  "${PROJECT_SOURCE_DIR}/systemd/wijkqueue.service"
  "${PROJECT_SOURCE_DIR}/systemd/wijkqueue-purge.service"
  "${PROJECT_SOURCE_DIR}/systemd/wijkqueue-purge.timer"
  DESTINATION "${WIJKKIOSK_UNIT_DIR}" COMPONENT wijkqueue)

# --- what Debian asks of every package: copyright, changelog, the guide; lintian overrides -------------
string(TIMESTAMP WIJKKIOSK_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(pkg wijkkiosk wijkqueue)
  set(doc "${PROJECT_BINARY_DIR}/deb-doc/${pkg}")
  file(MAKE_DIRECTORY "${doc}")
  set(WIJKKIOSK_PKG "${pkg}")
  configure_file("${WIJKKIOSK_DEB_DIR}/changelog.in" "${doc}/changelog.Debian" @ONLY)
  execute_process(COMMAND gzip -9n -c "${doc}/changelog.Debian" OUTPUT_FILE "${doc}/changelog.Debian.gz")
  install(FILES "${WIJKKIOSK_DEB_DIR}/copyright" "${doc}/changelog.Debian.gz"
    DESTINATION "usr/share/doc/${pkg}" COMPONENT ${pkg}
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  install(FILES "${PROJECT_SOURCE_DIR}/deploy/README.md" DESTINATION "usr/share/doc/${pkg}" COMPONENT ${pkg}
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  install(FILES "${WIJKKIOSK_DEB_DIR}/${pkg}.lintian-overrides" DESTINATION "usr/share/lintian/overrides"
    RENAME ${pkg} COMPONENT ${pkg} PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endforeach()

# The maintainer scripts, with the version filled in (wijkkiosk's postinst names its release directory).
set(WIJKKIOSK_DEB_SCRIPTS "${PROJECT_BINARY_DIR}/deb-scripts")
foreach(pkg wijkkiosk wijkqueue)
  foreach(script postinst prerm postrm)
    configure_file("${WIJKKIOSK_DEB_DIR}/${pkg}/${script}" "${WIJKKIOSK_DEB_SCRIPTS}/${pkg}/${script}" @ONLY
      FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endforeach()
endforeach()

# --- CPack -----------------------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wijkkiosk)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "wijkkiosk")
set(CPACK_PACKAGING_INSTALL_PREFIX "/")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL wijkkiosk wijkqueue)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "wijkkiosk IT <it@wijkkiosk.example>")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_WIJKKIOSK_PACKAGE_NAME wijkkiosk)
set(CPACK_DEBIAN_WIJKKIOSK_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_WIJKKIOSK_PACKAGE_DEPENDS "adduser, cage, tzdata, fonts-dejavu-core, fonts-noto-core")
set(CPACK_DEBIAN_WIJKKIOSK_DESCRIPTION "touchscreen walk-in kiosk and waiting-room display
wijkkiosk runs a municipality's walk-in point: residents choose a topic on
a touchscreen and get a numbered ticket, and a waiting-room display calls
the numbers. It runs fullscreen under the cage Wayland compositor on tty1,
from /opt/wijkkiosk/current, which the updater swaps between releases.")
set(CPACK_DEBIAN_WIJKKIOSK_PACKAGE_CONTROL_EXTRA
  "${WIJKKIOSK_DEB_SCRIPTS}/wijkkiosk/postinst;${WIJKKIOSK_DEB_SCRIPTS}/wijkkiosk/prerm;${WIJKKIOSK_DEB_SCRIPTS}/wijkkiosk/postrm")

set(CPACK_DEBIAN_WIJKQUEUE_PACKAGE_NAME wijkqueue)
set(CPACK_DEBIAN_WIJKQUEUE_PACKAGE_SECTION net)
set(CPACK_DEBIAN_WIJKQUEUE_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_WIJKQUEUE_DESCRIPTION "queue service for wijkkiosk walk-in kiosks
wijkqueue is the reference queue service the wijkkiosk kiosks, counters and
waiting-room displays talk to over HTTPS. It keeps everything in one SQLite
file under /var/lib/wijkqueue and runs as its own system user; a daily timer
purges volunteers' registrations past their retention.")
set(CPACK_DEBIAN_WIJKQUEUE_PACKAGE_CONTROL_EXTRA
  "${WIJKKIOSK_DEB_SCRIPTS}/wijkqueue/postinst;${WIJKKIOSK_DEB_SCRIPTS}/wijkqueue/prerm;${WIJKKIOSK_DEB_SCRIPTS}/wijkqueue/postrm")

include(CPack)
