# calcprof(1), made at build time from the program's own --help and --version by Debian's help2man, with
# the hand-written sections of resources/calcprof.h2m (exit status, files, environment): the page can
# never describe options the program does not have. Included from cmake/Install.cmake (it installs it).
# Not under sanitizers: their calcprof is not what ships, and a leak report at exit would fail help2man.
if(CALCPROF_SANITIZE)
    return()
endif()
find_program(CALCPROF_HELP2MAN help2man)
if(NOT CALCPROF_HELP2MAN)
    message(FATAL_ERROR "help2man not found: the man page is made with it (apt-get install help2man, or scripts/setup)")
endif()
find_program(CALCPROF_GZIP gzip REQUIRED)

set(_calcprof_man_include ${PROJECT_SOURCE_DIR}/resources/calcprof.h2m)
set(_calcprof_man_page ${CMAKE_CURRENT_BINARY_DIR}/calcprof.1)
# Without DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM: --help and --version must work where there is no
# display (a build machine, a package builder), and this proves it on every build.
# gzip -9n, as Debian policy wants manual pages (no name or time stamp in the header: reproducible).
add_custom_command(
    OUTPUT ${_calcprof_man_page}.gz
    COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=QT_QPA_PLATFORM
            ${CALCPROF_HELP2MAN} --no-info --section=1
            "--name=${CALCPROF_SUMMARY}"
            --include=${_calcprof_man_include} --output=${_calcprof_man_page} $<TARGET_FILE:calcprof>
    COMMAND ${CALCPROF_GZIP} -9nf ${_calcprof_man_page}
    DEPENDS calcprof ${_calcprof_man_include}
    COMMENT "Generating the man page calcprof.1.gz from calcprof --help (help2man)"
    VERBATIM)
add_custom_target(calcprof_man_page ALL DEPENDS ${_calcprof_man_page}.gz)
add_dependencies(calcprof_installables calcprof_man_page)
install(FILES ${_calcprof_man_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
