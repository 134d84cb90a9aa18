# What `cmake --install` and the .deb put where.
#   binaries         ${prefix}/sbin/cadenced, ${prefix}/bin/cadencectl (src/CMakeLists.txt)
#   system unit      ${prefix}/lib/systemd/system/cadence.service
#   user unit        ${prefix}/lib/systemd/user/cadence.service
#   configuration    /etc/cadence/cadence.yaml (a conffile in the .deb: an edited one
#                    survives upgrades), the annotated example in the doc directory
#   man pages        cadenced(8), cadencectl(1), cadence.yaml(5)
#   completion       bash and zsh
# Build the package with scripts/package.sh (prefix /usr).

configure_file(${PROJECT_SOURCE_DIR}/systemd/cadence.service.in
               ${PROJECT_BINARY_DIR}/systemd/system/cadence.service @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/systemd/cadence-user.service.in
               ${PROJECT_BINARY_DIR}/systemd/user/cadence.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/systemd/system/cadence.service
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_BINARY_DIR}/systemd/user/cadence.service
        DESTINATION lib/systemd/user)

# /etc even when the prefix is /usr (the Debian layout); GNUInstallDirs maps
# sysconfdir to /etc only for the /usr prefix, and a package must not depend on that.
set(CADENCE_SYSCONFDIR "/etc" CACHE PATH "Where cadence/cadence.yaml is installed")
install(FILES ${PROJECT_SOURCE_DIR}/config/cadence.example.yaml
        DESTINATION ${CADENCE_SYSCONFDIR}/cadence RENAME cadence.yaml
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${PROJECT_SOURCE_DIR}/config/cadence.example.yaml README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

install(FILES ${PROJECT_SOURCE_DIR}/docs/man/cadenced.8 DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${PROJECT_SOURCE_DIR}/docs/man/cadencectl.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/docs/man/cadence.yaml.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)

install(FILES ${PROJECT_SOURCE_DIR}/completions/cadencectl.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME cadencectl)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_cadencectl
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The Debian package. Dependencies come from dpkg-shlibdeps on the installed
# binaries; the maintainer scripts create the system user and enable nothing.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cadence)
set(CPACK_PACKAGE_VENDOR "cadence")
set(CPACK_PACKAGE_CONTACT "cadence maintainers <cadence@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "relationship reminder daemon for key-account salespeople")
set(CPACK_PACKAGE_DESCRIPTION
    "cadence reads cadence rules from YAML, keeps contacts and interactions in SQLite and sends birthday, festival (Gregorian and Chinese lunar), visit and keep-in-touch reminders by email and chat, as a systemd service.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# procps: /bin/kill, which both units run as ExecReload= (not in a minimal Debian).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata, procps")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
