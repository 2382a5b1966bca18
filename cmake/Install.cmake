# What `cmake --install` puts under the prefix: the application as a desktop installs it, nothing else.
# Included from the top-level CMakeLists after app/, so the targets exist; tests and benchmarks have no
# install rules, and tests/install_tree.sh checks that none of them lands in the tree.
include(GNUInstallDirs)

# What calcprof is, in one line: the man page's NAME line and the .deb's summary (cmake/Packaging.cmake).
set(CALCPROF_SUMMARY "profile serial against parallel strategies on the calc exercise")

set(_calcprof_executables calcprof)
# The processes strategy's worker, where one is built: calcprof looks for it beside its own executable
# (/proc/self/exe), so it goes to bindir too, not to libexec.
if(TARGET calcprof-worker)
    list(APPEND _calcprof_executables calcprof-worker)
endif()
# The mpi strategy's ranks, where Open MPI was found: beside calcprof too (on every host of a cluster,
# at the same path, since mpirun starts it by that path there).
if(TARGET calcprof-mpi-worker)
    list(APPEND _calcprof_executables calcprof-mpi-worker)
endif()
# qt_standard_project_setup() gives installed executables the RPATH $ORIGIN:$ORIGIN/../lib, for
# projects that install their own libraries beside them. We install none (Qt and oneTBB are the
# system's), so the RPATH could only let a stray copy in <prefix>/lib shadow the system's.
set_target_properties(${_calcprof_executables} PROPERTIES INSTALL_RPATH "")
install(TARGETS ${_calcprof_executables} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# What the install rules need built: scripts/package builds this, not the tests and benchmarks.
add_custom_target(calcprof_installables)
add_dependencies(calcprof_installables ${_calcprof_executables})

# The py-* strategies' Python runner: calcprof looks for it in ../share/calcprof/ from its executable.
install(FILES ${PROJECT_SOURCE_DIR}/resources/calcprof_runner.py DESTINATION ${CMAKE_INSTALL_DATADIR}/calcprof)

# The launcher entry and its icon: Icon=calcprof is looked up in the hicolor theme, which every desktop
# falls back to. The tree under resources/icons is rendered from its SVG by scripts/icons.
install(FILES ${PROJECT_SOURCE_DIR}/resources/calcprof.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/hicolor
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)

# The documentation keeps the repository's layout (README.md beside docs/), so README's relative links
# to docs/*.md and the figures still resolve in the installed copy.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png" PATTERN "*.svg" PATTERN "*.pdf" PATTERN "*.html")

# The manual page, share/man/man1/calcprof.1.gz.
include(${CMAKE_CURRENT_LIST_DIR}/ManPage.cmake)
