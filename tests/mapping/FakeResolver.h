#pragma once

#include "mapping/LookupResolver.h"

#include <atomic>

#include <QHash>

/// An in-memory destination: (resource, keyField, key) → result. Counts calls; can fail.
/// Read-only after setup, so several mapping threads may share it.
class FakeResolver : public bk::mapping::LookupResolver {
public:
    void add(const QString& resource, const QString& keyField, const QString& key,
             const QString& result) {
        m_table.insert(resource + u'|' + keyField + u'|' + key, result);
    }
    bk::Result<std::optional<QJsonValue>> resolve(const bk::mapping::LookupRequest& r) override {
        ++calls;
        if (failWith)
            return *failWith;
        const QString k = r.resource + u'|' + r.keyField + u'|' + r.key.toString();
        if (!m_table.contains(k))
            return std::optional<QJsonValue>();
        return std::optional<QJsonValue>(QJsonValue(m_table.value(k)));
    }

    std::atomic<int> calls = 0;
    std::optional<bk::Error> failWith;

private:
    QHash<QString, QString> m_table;
};
