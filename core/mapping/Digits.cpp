#include "mapping/Digits.h"

namespace bk::mapping {

std::optional<QString> asciiDigits(QStringView text) {
    QString out;
    out.reserve(text.size());
    int zero = -1;
    for (QChar c : text) {
        if (c.isDigit()) {
            const int dv = c.digitValue();
            const int z = int(c.unicode()) - dv;
            if (zero >= 0 && z != zero)
                return std::nullopt;
            zero = z;
            out.append(QChar(char16_t(u'0' + dv)));
        } else {
            out.append(c);
        }
    }
    return out;
}

} // namespace bk::mapping
