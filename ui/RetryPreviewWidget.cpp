#include "RetryPreviewWidget.h"

#include "HealthStyle.h"
#include "TimeFormat.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFontMetricsF>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

/// Draws the schedule on a time line: each attempt's jitter band, its nominal moment,
/// the span limit and the dead-letter moment.
class RetryTimeline : public QWidget {
public:
    explicit RetryTimeline(QWidget* parent)
        : QWidget(parent) {
        setMinimumHeight(90);
        setAccessibleName(
            QCoreApplication::translate("bk::ui::RetryPreviewWidget", "Retry timeline"));
    }
    void setSchedule(const RetrySchedule& s, qint64 spanMs) {
        m_schedule = s;
        m_spanMs = spanMs;
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF area = QRectF(rect()).adjusted(16, 18, -16, -28);
        // Scale to the schedule itself; the span limit is drawn only when it is in view.
        const qint64 end = std::max<qint64>(
            1000,
            qint64(double(std::max(m_schedule.deadLetterLatestMs, m_schedule.lastMadeMs)) * 1.1));
        const bool spanInView = m_spanMs <= end;
        auto x = [&](qint64 ms) { return area.left() + area.width() * double(ms) / double(end); };
        const double mid = area.center().y();
        const QColor text = palette().color(QPalette::Text);
        p.setPen(QPen(palette().color(QPalette::Mid), 2));
        p.drawLine(QPointF(area.left(), mid), QPointF(area.right(), mid));
        const QFontMetricsF fm(font());
        const QString spanText =
            spanInView
                ? QCoreApplication::translate("bk::ui::RetryPreviewWidget", "span limit")
                : QCoreApplication::translate("bk::ui::RetryPreviewWidget", "span limit at %1 →")
                      .arg(formatSpan(m_spanMs));
        if (spanInView) {
            p.setPen(QPen(badColour(), 1.5, Qt::DashLine));
            p.drawLine(QPointF(x(m_spanMs), area.top()), QPointF(x(m_spanMs), area.bottom()));
        }
        p.setPen(text);
        const double spanX = spanInView ? x(m_spanMs) : area.right();
        p.drawText(QPointF(std::min(spanX, double(width()) - fm.horizontalAdvance(spanText) - 4) -
                               (spanInView ? fm.horizontalAdvance(spanText) / 2 : 0),
                           area.bottom() + 18),
                   spanText);
        const QColor band = palette().color(QPalette::Highlight);
        double lastLabel = -1e9;
        for (const PlannedAttempt& a : m_schedule.attempts) {
            QColor fill = band;
            fill.setAlpha(70);
            p.setPen(Qt::NoPen);
            p.setBrush(fill);
            p.drawRoundedRect(
                QRectF(QPointF(x(a.earliestMs), mid - 12), QPointF(x(a.latestMs) + 1, mid + 12)), 3,
                3);
            p.setBrush(band);
            p.drawEllipse(QPointF(x(a.nominalMs), mid), 4, 4);
            const QString label = QString::number(a.attempt);
            if (x(a.nominalMs) - lastLabel >= fm.horizontalAdvance(label) + 6) {
                p.setPen(text);
                p.drawText(QPointF(x(a.nominalMs) - fm.horizontalAdvance(label) / 2, mid - 16),
                           label);
                lastLabel = x(a.nominalMs);
            }
        }
        p.setPen(QPen(badColour(), 2));
        const double dl = x(m_schedule.deadLetterNominalMs);
        p.drawLine(QPointF(dl, mid - 14), QPointF(dl, mid + 14));
        const QString dlText =
            QCoreApplication::translate("bk::ui::RetryPreviewWidget", "dead letter");
        p.drawText(
            QPointF(std::min(dl + 4, double(width()) - fm.horizontalAdvance(dlText) - 4), mid + 28),
            dlText);
        p.setPen(text);
        p.drawText(QPointF(area.left(), area.bottom() + 18), u"0"_s);
    }

private:
    RetrySchedule m_schedule;
    qint64 m_spanMs = 0;
};

RetryPreviewWidget::RetryPreviewWidget(std::shared_ptr<Clock> clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(std::move(clock))
    , m_source(new QComboBox(this))
    , m_attemptsMade(new QSpinBox(this))
    , m_base(new QDoubleSpinBox(this))
    , m_cap(new QDoubleSpinBox(this))
    , m_maxAttempts(new QSpinBox(this))
    , m_span(new QDoubleSpinBox(this))
    , m_jitter(new QSpinBox(this))
    , m_table(new QTableWidget(this))
    , m_timeline(new RetryTimeline(this))
    , m_summary(new QLabel(this)) {
    m_source->setAccessibleName(tr("Policy source"));
    m_attemptsMade->setRange(1, 50);
    m_attemptsMade->setAccessibleName(tr("Attempts made"));
    m_base->setRange(0.01, 3600);
    m_base->setDecimals(2);
    m_base->setSuffix(tr(" s"));
    m_base->setAccessibleName(tr("Base delay in seconds"));
    m_cap->setRange(0.01, 86'400);
    m_cap->setSuffix(tr(" s"));
    m_cap->setAccessibleName(tr("Longest delay in seconds"));
    m_maxAttempts->setRange(1, 50);
    m_maxAttempts->setAccessibleName(tr("Maximum attempts"));
    m_span->setRange(0.1, 7 * 24 * 60);
    m_span->setSuffix(tr(" min"));
    m_span->setAccessibleName(tr("Maximum span in minutes"));
    m_jitter->setRange(0, 100);
    m_jitter->setSuffix(u" %"_s);
    m_jitter->setAccessibleName(tr("Jitter in percent"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Defaults from:"), m_source);
    form->addRow(tr("Attempts &made:"), m_attemptsMade);
    form->addRow(tr("&Base delay:"), m_base);
    form->addRow(tr("Longest &delay:"), m_cap);
    form->addRow(tr("Maximum &attempts:"), m_maxAttempts);
    form->addRow(tr("Maximum &span:"), m_span);
    form->addRow(tr("&Jitter (±):"), m_jitter);
    auto* inputs = new QGroupBox(tr("Operation and policy"), this);
    inputs->setLayout(form);

    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels(
        {tr("Attempt"), tr("Delay"), tr("Nominal time"), tr("Jitter band")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Planned attempts"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Dead-letter moment"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto* right = new QVBoxLayout;
    right->addWidget(m_table, 1);
    right->addWidget(m_timeline);
    right->addWidget(m_summary);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(inputs);
    layout->addLayout(right, 1);

    for (QSpinBox* s : {m_attemptsMade, m_maxAttempts, m_jitter})
        connect(s, &QSpinBox::valueChanged, this, &RetryPreviewWidget::recompute);
    for (QDoubleSpinBox* s : {m_base, m_cap, m_span})
        connect(s, &QDoubleSpinBox::valueChanged, this, &RetryPreviewWidget::recompute);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < m_policies.size())
            setPolicy(m_policies.at(i).policy);
    });
    setPolicy(RetryPolicy{});
}

void RetryPreviewWidget::setPolicies(const QList<NamedPolicy>& policies) {
    m_policies = policies;
    const QSignalBlocker block(m_source);
    m_source->clear();
    for (const NamedPolicy& p : policies)
        m_source->addItem(p.name);
    m_source->setEnabled(!policies.isEmpty());
    if (!policies.isEmpty()) {
        m_source->setCurrentIndex(0);
        setPolicy(policies.first().policy);
    }
}

void RetryPreviewWidget::setPolicy(const RetryPolicy& policy) {
    m_loading = true;
    m_base->setValue(double(policy.baseDelayMs) / 1000.0);
    m_cap->setValue(double(policy.maxDelayMs) / 1000.0);
    m_maxAttempts->setValue(policy.maxAttempts);
    m_span->setValue(double(policy.maxSpanMs) / 60'000.0);
    m_jitter->setValue(int(std::lround(policy.jitter * 100)));
    m_loading = false;
    recompute();
}

void RetryPreviewWidget::setAttemptsMade(int attempts) {
    m_attemptsMade->setValue(attempts);
}

RetryPolicy RetryPreviewWidget::policy() const {
    RetryPolicy p;
    p.baseDelayMs = qint64(std::llround(m_base->value() * 1000));
    p.maxDelayMs = qint64(std::llround(m_cap->value() * 1000));
    p.maxAttempts = m_maxAttempts->value();
    p.maxSpanMs = qint64(std::llround(m_span->value() * 60'000));
    p.jitter = m_jitter->value() / 100.0;
    return p;
}

QString RetryPreviewWidget::summaryText() const {
    return m_summary->text();
}

void RetryPreviewWidget::recompute() {
    if (m_loading)
        return;
    const RetryPolicy p = policy();
    const int made = m_attemptsMade->value();
    m_schedule = computeRetrySchedule(p, made);
    // "Now" is the moment the latest attempt failed; the table shows times from then on.
    const qint64 now = m_clock->nowMs();
    const qint64 madeAt = m_schedule.lastMadeMs;
    auto fromNow = [&](qint64 ms) { return tr("+%1").arg(formatCountdown(ms - madeAt)); };

    m_table->setRowCount(int(m_schedule.attempts.size()));
    for (int r = 0; r < m_schedule.attempts.size(); ++r) {
        const PlannedAttempt& a = m_schedule.attempts.at(r);
        const QStringList cells{QString::number(a.attempt), formatCountdown(a.delayMs),
                                tr("%1 (%2)").arg(fromNow(a.nominalMs),
                                                  formatClockTime(now + a.nominalMs - madeAt, now)),
                                tr("%1 … %2").arg(fromNow(a.earliestMs), fromNow(a.latestMs))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(cells.at(c));
        }
    }
    m_table->resizeColumnsToContents();
    m_timeline->setSchedule(m_schedule, p.maxSpanMs);

    const int last = m_schedule.attempts.isEmpty() ? made : m_schedule.attempts.constLast().attempt;
    const QString when =
        tr("%1 (between %2 and %3), at about %4")
            .arg(fromNow(m_schedule.deadLetterNominalMs), fromNow(m_schedule.deadLetterEarliestMs),
                 fromNow(m_schedule.deadLetterLatestMs),
                 formatClockTime(now + m_schedule.deadLetterNominalMs - madeAt, now));
    QString text;
    if (m_schedule.attempts.isEmpty())
        text = tr("No attempt is left: the operation becomes a dead letter now.");
    else if (m_schedule.limitedBySpan)
        text = tr("Becomes a dead letter if attempt %1 fails: %2. The %3 span allows no later "
                  "attempt.")
                   .arg(last)
                   .arg(when, formatSpan(p.maxSpanMs));
    else
        text = tr("Becomes a dead letter if attempt %1 (the last of %2) fails: %3.")
                   .arg(last)
                   .arg(p.maxAttempts)
                   .arg(when);
    m_summary->setText(text);
}

} // namespace bk::ui
