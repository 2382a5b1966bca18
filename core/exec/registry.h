#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <stdexcept>
#include <vector>

namespace calcprof {

/// An ordered, explicit registry of named implementations (strategies, CSV write modes).
/// Entries are added by name at start-up, never by static self-registration, so the list the CLI
/// and GUI show is exactly what registerBuiltin...() says, in that order.
template <typename Entry> class Registry
{
public:
    /// Takes ownership; throws std::logic_error on a duplicate or empty id (a programming error).
    void add(std::unique_ptr<Entry> entry)
    {
        if (!entry || entry->id().isEmpty() || find(entry->id()))
            throw std::logic_error("registry: empty or duplicate id");
        m_entries.push_back(std::move(entry));
    }

    /// The entry with this id, or nullptr.
    [[nodiscard]] const Entry* find(const QString& id) const
    {
        for (const auto& entry : m_entries) {
            if (entry->id() == id)
                return entry.get();
        }
        return nullptr;
    }

    [[nodiscard]] std::vector<const Entry*> all() const
    {
        std::vector<const Entry*> entries;
        entries.reserve(m_entries.size());
        for (const auto& entry : m_entries)
            entries.push_back(entry.get());
        return entries;
    }

    [[nodiscard]] QStringList ids() const
    {
        QStringList ids;
        for (const auto& entry : m_entries)
            ids << entry->id();
        return ids;
    }

private:
    std::vector<std::unique_ptr<Entry>> m_entries;
};

} // namespace calcprof
