# The interface target `calcprof_build_flags`: warnings and Qt definitions applied to every target
# of ours, never to third-party code. Shared by the main project and the standalone fuzz project.
#   calcprof_define_build_flags(VERSION <x.y.z> [WERROR ON|OFF])
function(calcprof_define_build_flags)
    cmake_parse_arguments(ARG "" "VERSION;WERROR" "" ${ARGN})
    add_library(calcprof_build_flags INTERFACE)
    target_compile_options(calcprof_build_flags INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
        $<$<BOOL:${ARG_WERROR}>:-Werror>)
    target_compile_definitions(calcprof_build_flags INTERFACE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER QT_NO_FOREACH
        QT_NO_KEYWORDS QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        CALCPROF_VERSION="${ARG_VERSION}"
        CALCPROF_BUILD_TYPE="$<IF:$<CONFIG:>,Unknown,$<CONFIG>>")
endfunction()
