#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace bk::ui {

class EventLogModel;

/// Every warning and critical event since the console started, newest first, sortable.
class AlertHistoryPage : public QWidget {
    Q_OBJECT
public:
    AlertHistoryPage(EventLogModel* alerts, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }

private:
    void updateCount();

    EventLogModel* m_alerts;
    QTableView* m_view;
    QLabel* m_count;
};

} // namespace bk::ui
