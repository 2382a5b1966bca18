# Precompiled headers. Qt's and GoogleTest's headers are most of what each of our files parses (a
# test file preprocesses to some 200,000 lines, nearly all theirs), and CI builds everything three
# times (release, ASan+UBSan, ThreadSanitizer) on two cores. Each target precompiles the headers of
# its layer once. A file built with flags of its own skips them (set_source_files_properties(…
# SKIP_PRECOMPILE_HEADERS ON)): a precompiled header is only valid for the flags it was built with.
#
# The headers only speed the build up: every file still includes what it uses, which scripts/lint
# proves by running clang-tidy on the files without them.
#   calcprof_precompile_headers(<target> [WIDGETS] [TESTS])
option(CALCPROF_PRECOMPILE_HEADERS "Precompile the Qt and GoogleTest headers each target uses" ON)

set(CALCPROF_PCH_CORE
    <algorithm> <atomic> <chrono> <functional> <map> <memory> <mutex> <optional> <string> <thread> <vector>
    <QByteArray> <QDir> <QFile> <QFileInfo> <QJsonArray> <QJsonDocument> <QJsonObject> <QString> <QStringList>)
set(CALCPROF_PCH_WIDGETS
    <QChart> <QChartView> <QComboBox> <QHBoxLayout> <QLabel> <QLineSeries> <QPainter> <QValueAxis> <QVBoxLayout>
    <QWidget>)
set(CALCPROF_PCH_TESTS <gtest/gtest.h> <QTemporaryDir>)

function(calcprof_precompile_headers target)
    if(NOT CALCPROF_PRECOMPILE_HEADERS)
        return()
    endif()
    cmake_parse_arguments(ARG "WIDGETS;TESTS" "" "" ${ARGN})
    set(headers ${CALCPROF_PCH_CORE})
    if(ARG_WIDGETS)
        list(APPEND headers ${CALCPROF_PCH_WIDGETS})
    endif()
    if(ARG_TESTS)
        list(APPEND headers ${CALCPROF_PCH_TESTS})
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()
