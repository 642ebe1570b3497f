#include "Result.h"

using namespace Qt::StringLiterals;

namespace bk {

QString errorCategoryName(ErrorCategory category) {
    switch (category) {
    case ErrorCategory::Usage:
        return u"usage"_s;
    case ErrorCategory::Io:
        return u"io"_s;
    case ErrorCategory::Database:
        return u"database"_s;
    case ErrorCategory::Network:
        return u"network"_s;
    case ErrorCategory::Protocol:
        return u"protocol"_s;
    case ErrorCategory::Auth:
        return u"auth"_s;
    case ErrorCategory::Permanent:
        return u"permanent"_s;
    case ErrorCategory::Transient:
        return u"transient"_s;
    case ErrorCategory::RateLimited:
        return u"rate-limited"_s;
    case ErrorCategory::Invalid:
        return u"invalid"_s;
    case ErrorCategory::Unsupported:
        return u"unsupported"_s;
    case ErrorCategory::Internal:
        return u"internal"_s;
    }
    return u"internal"_s;
}

} // namespace bk
