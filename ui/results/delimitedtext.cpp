#include "ui/results/delimitedtext.h"

namespace calcprof {

QString delimitedCell(QString text, QChar separator)
{
    text.replace(u'\t', u' ').replace(u'\r', u' ').replace(u'\n', u' ');
    if (separator == u',' && (text.contains(u',') || text.contains(u'"')))
        return u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text;
}

QString delimitedTable(const QStringList& header, const std::vector<QStringList>& rows, QChar separator)
{
    // -> QString: with QStringBuilder an auto return would refer to `quoted` after it is gone.
    const auto line = [separator](const QStringList& cells) -> QString {
        QStringList quoted;
        quoted.reserve(cells.size());
        for (const QString& cell : cells)
            quoted << delimitedCell(cell, separator);
        return quoted.join(separator) + u'\n';
    };
    QString text = line(header);
    for (const QStringList& row : rows)
        text += line(row);
    return text;
}

} // namespace calcprof
