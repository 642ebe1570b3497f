#include "AlertHistoryPage.h"

#include "EventLogModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bk::ui {

AlertHistoryPage::AlertHistoryPage(EventLogModel* alerts, QWidget* parent)
    : QWidget(parent)
    , m_alerts(alerts)
    , m_view(new QTableView(this))
    , m_count(new QLabel(this)) {
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(alerts);
    proxy->setSortRole(EventLogModel::SortRole);
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false);
    m_view->setAccessibleName(tr("Alert history"));

    auto* clear = new QPushButton(tr("C&lear history"), this);
    clear->setAccessibleName(tr("Clear the alert history"));
    connect(clear, &QPushButton::clicked, alerts, &EventLogModel::clear);
    m_count->setAccessibleName(tr("Number of alerts"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(alerts, signal, this, &AlertHistoryPage::updateCount);
    connect(alerts, &QAbstractItemModel::modelReset, this, &AlertHistoryPage::updateCount);
    updateCount();
}

void AlertHistoryPage::updateCount() {
    m_count->setText(tr("%n alert(s) since the console started (warning and critical).", nullptr,
                        m_alerts->rowCount()));
}

} // namespace bk::ui
