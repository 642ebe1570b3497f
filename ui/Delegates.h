#pragma once

#include <QStyledItemDelegate>

namespace bk::ui {

/// Paints a bar whose fill is the cell's fractionRole (0..1) with the display text on top.
/// Quota bars are green below 70 %, amber below 90 %, red above; progress bars use the
/// palette's highlight. A cell without a fraction is painted as plain text.
class GaugeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum class Style { Quota, Progress };
    GaugeDelegate(int fractionRole, Style style, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_fractionRole;
    Style m_style;
};

} // namespace bk::ui
