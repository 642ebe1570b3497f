#include "Delegates.h"

#include "HealthStyle.h"

#include <QApplication>
#include <QPainter>

namespace bk::ui {

GaugeDelegate::GaugeDelegate(int fractionRole, Style style, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_fractionRole(fractionRole)
    , m_style(style) {}

void GaugeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QVariant fractionValue = index.data(m_fractionRole);
    const QString text = opt.text;
    opt.text.clear();
    // Background and selection as the style draws them; the bar on top.
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (!fractionValue.isValid()) {
        painter->save();
        painter->setPen(opt.palette.color(
            opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(option.rect.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          text);
        painter->restore();
        return;
    }
    const double fraction = std::clamp(fractionValue.toDouble(), 0.0, 1.0);
    const QRect bar = option.rect.adjusted(3, 3, -3, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.palette.color(QPalette::Mid), 1));
    painter->setBrush(option.palette.color(QPalette::Base));
    painter->drawRoundedRect(QRectF(bar).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    QColor fill = fraction >= 0.9 ? badColour() : fraction >= 0.7 ? warnColour() : okColour();
    if (m_style == Style::Progress)
        fill = option.palette.color(QPalette::Highlight).lighter(120);
    QRectF filled(bar);
    filled.setWidth(bar.width() * fraction);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill.lighter(150));
    painter->drawRoundedRect(filled.adjusted(1, 1, -1, -1), 2, 2);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(bar, Qt::AlignCenter, text);
    painter->restore();
}

QSize GaugeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width() + 24, 140));
    s.setHeight(s.height() + 6);
    return s;
}

} // namespace bk::ui
