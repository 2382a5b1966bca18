#pragma once

#include "core/exec/workload.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

/// The CSV files of the original's save_serial: res<i>.txt holding the single row
/// `header,value,footer\r\n` exactly as Python's csv.writer writes it (header = 'h' * N,
/// footer = 'f' * M; no field ever needs quoting, the line ends in CRLF).
namespace calcprof {

inline constexpr std::uint64_t kDefaultHeaderBytes = 100'000'000;
inline constexpr std::uint64_t kDefaultFooterBytes = 100'000'000;
/// Upper bound for a header or footer: 10 GB, 100x the original, so a typo cannot ask for petabytes.
inline constexpr std::uint64_t kMaxPaddingBytes = 10'000'000'000ULL;

struct CsvRowSpec
{
    std::uint64_t headerBytes = kDefaultHeaderBytes;
    std::uint64_t footerBytes = kDefaultFooterBytes;
};

/// "res<index>.txt", index 1-based.
QString csvFileName(int index);
/// The name a file is written under until it is complete, by this process:
/// ".calcprof-res<index>.txt.<pid>.partial". It starts with a dot and does not match res*.txt, so an
/// interrupted stage never leaves anything that looks like a finished result; it names the process,
/// so two processes writing one folder never write into the same temporary file (the folder lock,
/// FolderLock, refuses the second one anyway), and within a process a stage writes each index once.
QString csvTemporaryFileName(int index);
/// The same for the process `processId`.
QString csvTemporaryFileName(int index, qint64 processId);
/// The middle of the row: ",<value>,".
QByteArray csvValueField(FiboValue value);
/// Exact size of one file.
std::uint64_t csvFileBytes(const CsvRowSpec& spec, FiboValue value);
/// The values of a set's task lists in result order: one file each.
std::vector<FiboValue> csvValues(const std::vector<std::vector<FiboValue>>& taskLists);

} // namespace calcprof
