#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace calcprof {

/// Writes a JSON document piece by piece, byte for byte as QJsonDocument::toJson(Indented) would
/// write the same document, so that a large document never has to be held in memory whole: each
/// value (a scalar, or an object or array built by the caller) is serialised by Qt, re-indented
/// for its depth and written out at once.
///
/// Keys are written in the order the caller gives them: to match QJsonDocument, which keeps an
/// object's keys sorted, the caller writes them in sorted order.
class JsonStreamWriter
{
public:
    explicit JsonStreamWriter(QIODevice& out);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// The next member's key; the value, or a container begun, follows.
    void key(const QString& name);
    /// A whole value at the current position: a member's value after key(), or an array item.
    void value(const QJsonValue& value);

    /// False once a write to the device has failed (the device's errorString() says why).
    [[nodiscard]] bool ok() const { return m_ok; }

private:
    /// Before a value or container: the comma and newline after the previous item, and the indent
    /// (for a member, key() has written both already).
    void beginItem();
    void write(const QByteArray& bytes);

    QIODevice& m_out;
    /// Items so far in each open container, innermost last.
    std::vector<int> m_itemCounts;
    bool m_afterKey = false;
    bool m_ok = true;
};

} // namespace calcprof
