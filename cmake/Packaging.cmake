# `cpack -G DEB` (or scripts/package) from a configured build tree: a .deb of what cmake/Install.cmake
# installs, for Debian 12 (which provides Qt 6 and oneTBB, so nothing of theirs is bundled).
set(CALCPROF_PACKAGE_MAINTAINER "calcprof maintainers <maintainers@users.noreply.r-seed-02b66529.example>"
    CACHE STRING "Maintainer field of the .deb")
set(CALCPROF_PACKAGE_HOMEPAGE "" CACHE STRING "Homepage field of the .deb (left out when empty)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME calcprof)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR calcprof)
set(CPACK_PACKAGE_CONTACT "${CALCPROF_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CALCPROF_SUMMARY}")
# No double quotes in it: CPack writes it into CPackConfig.cmake unescaped.
set(CPACK_PACKAGE_DESCRIPTION [=[
calcprof times serial and parallel execution strategies on the classic calc
exercise of parallel programming courses (naive recursive Fibonacci lists for
three number sets, then 43 CSV files of ~200 MB) and shows why they win or
lose: medians with 95 % intervals, speedups against the bounds computed from
the user's own task times, per-worker timelines, pool-size sweeps and durable
write throughput.

It is a Qt 6 desktop application with a headless command line
(calcprof --headless) running the same engine, for scripts and CI.]=])
if(CALCPROF_PACKAGE_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CALCPROF_PACKAGE_HOMEPAGE}")
endif()
# A .deb installs under /usr whatever CMAKE_INSTALL_PREFIX the build tree was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

# calcprof_<version>_<arch>.deb, the name Debian tools give a package.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CALCPROF_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Runtime dependencies from the binaries' NEEDED entries (dpkg-shlibdeps, from dpkg-dev), with the
# versions the libraries we linked declare: libqt6*6, libtbb12, libc6, libstdc++6 ... exactly those the
# build used, so a library added later is declared without editing this file.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# The mpi strategy's ranks link libmpi (declared above), but the job is started by mpirun, which no
# binary links: recommended, so apt installs it by default and calcprof runs without it (the strategy
# then says it is unavailable).
if(TARGET calcprof-mpi-worker)
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "openmpi-bin")
endif()
# The py-* strategies run the original's code in a Python 3.8+ (python3 from PATH, or --python); only
# when named, so calcprof runs without one (they then say it is unavailable).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3 (>= 3.8)")

include(CPack)
