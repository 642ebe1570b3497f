#pragma once

#include <optional>

#include <QString>

namespace bk::mapping {

/// Replaces every Unicode decimal digit by its ASCII digit; nullopt when the digits come from
/// more than one script ("１2", "٣3"): such mixtures are hostile or broken input, not data.
std::optional<QString> asciiDigits(QStringView text);

} // namespace bk::mapping
