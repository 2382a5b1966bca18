#include "core/io/jsonstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace calcprof {

namespace {

constexpr qsizetype kIndentWidth = 4; // QJsonDocument::Indented's

QByteArray indentFor(std::size_t depth)
{
    return {static_cast<qsizetype>(depth) * kIndentWidth, ' '};
}

// A value as QJsonDocument writes it at nesting `depth`: Qt serialises it at depth 0 and every line
// after the first moves right by the depth's indent, exactly what Qt does inside a larger document.
QByteArray serialised(const QJsonValue& value, std::size_t depth)
{
    if (value.isObject() || value.isArray()) {
        QByteArray bytes = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
                                            : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
        bytes.chop(1); // the document's final newline
        if (depth > 0) {
            const QByteArray newline = QByteArray("\n") + indentFor(depth);
            bytes.replace('\n', newline);
        }
        return bytes;
    }
    // A scalar: the one element of a compact array, "[<value>]", written with Qt's own number
    // formatting and string escapes.
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

JsonStreamWriter::JsonStreamWriter(QIODevice& out)
    : m_out(out)
{ }

void JsonStreamWriter::beginObject()
{
    beginItem();
    write("{\n");
    m_itemCounts.push_back(0);
}

void JsonStreamWriter::beginArray()
{
    beginItem();
    write("[\n");
    m_itemCounts.push_back(0);
}

void JsonStreamWriter::endObject()
{
    const bool hadItems = m_itemCounts.back() > 0;
    m_itemCounts.pop_back();
    write(QByteArray(hadItems ? "\n" : "") + indentFor(m_itemCounts.size()) + '}');
    if (m_itemCounts.empty())
        write("\n"); // the document's final newline
}

void JsonStreamWriter::endArray()
{
    const bool hadItems = m_itemCounts.back() > 0;
    m_itemCounts.pop_back();
    write(QByteArray(hadItems ? "\n" : "") + indentFor(m_itemCounts.size()) + ']');
}

void JsonStreamWriter::key(const QString& name)
{
    beginItem();
    write(serialised(name, 0) + ": ");
    m_afterKey = true;
}

void JsonStreamWriter::value(const QJsonValue& value)
{
    beginItem();
    write(serialised(value, m_itemCounts.size()));
}

void JsonStreamWriter::beginItem()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_itemCounts.empty())
        return; // the document itself
    write(m_itemCounts.back() > 0 ? ",\n" : "");
    write(indentFor(m_itemCounts.size()));
    ++m_itemCounts.back();
}

void JsonStreamWriter::write(const QByteArray& bytes)
{
    if (m_ok && !bytes.isEmpty() && m_out.write(bytes) != bytes.size())
        m_ok = false;
}

} // namespace calcprof
