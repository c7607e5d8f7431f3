# SPDX-License-Identifier: GPL-3.0-or-later
# Install rules and the Debian package (cpack -G DEB from the build directory).
include(GNUInstallDirs)

install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/netlens.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/netlens.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/io.netlens.NetLens.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# The pkexec launcher and the polkit policy name the binary's absolute path: rewrite the
# /usr/local/bin of the source files at install time, when the final prefix is known (cpack
# installs with prefix /usr, a plain cmake --install with CMAKE_INSTALL_PREFIX).
install(CODE "set(NETLENS_DEPLOY_SRC \"${CMAKE_SOURCE_DIR}/deploy\")")
install(CODE [[
    set(root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
    foreach(pair "netlens-pkexec.desktop;share/applications" "org.netlens.netlens.policy;share/polkit-1/actions")
        list(GET pair 0 f)
        list(GET pair 1 dir)
        file(READ "${NETLENS_DEPLOY_SRC}/${f}" content)
        string(REPLACE "/usr/local/bin" "${CMAKE_INSTALL_PREFIX}/bin" content "${content}")
        file(MAKE_DIRECTORY "${root}/${dir}")
        file(WRITE "${root}/${dir}/${f}" "${content}")
        message(STATUS "Installing: ${root}/${dir}/${f}")
    endforeach()
]])
# Debian policy: the licence in /usr/share/doc/PACKAGE/copyright (machine-readable format).
install(FILES ${CMAKE_SOURCE_DIR}/deploy/debian/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/netlens)
# The headless monitor (netlens-cli capture --alerts) as a systemd service, with its settings
# file as an example to copy to /etc/default/netlens-monitor.
install(FILES ${CMAKE_SOURCE_DIR}/deploy/netlens-monitor.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/netlens-monitor.default
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/netlens/examples)
install(PROGRAMS ${CMAKE_SOURCE_DIR}/deploy/setcap.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/netlens RENAME netlens-setcap.sh)

set(CPACK_PACKAGE_NAME netlens)
set(CPACK_PACKAGE_VENDOR "NetLens")
set(CPACK_PACKAGE_CONTACT "NetLens developers <netlens@localhost>")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Network traffic monitor and analyzer (GUI and CLI)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcap2-bin, libqt6svg6, qt6-qpa-plugins, fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pkexec")
# QtKeychain opens libsecret at run time (the SMTP password, the webhook secret).
string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS ", libsecret-1-0")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/deploy/debian/postinst)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
include(CPack)
