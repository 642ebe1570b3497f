#pragma once

#include <optional>
#include <utility>
#include <variant>

#include <QString>

namespace bk {

/// What kind of failure an Error is; callers branch on this, never on message text.
enum class ErrorCategory {
    Usage,       ///< bad arguments or bad configuration supplied by the user
    Io,          ///< a file or directory could not be read or written
    Database,    ///< the SQL store refused or failed
    Network,     ///< timeout, refused, reset, DNS
    Protocol,    ///< the peer answered something we cannot understand
    Auth,        ///< credentials missing, refused or expired
    Permanent,   ///< a 4xx-class refusal that retrying cannot fix
    Transient,   ///< a failure that may succeed later
    RateLimited, ///< the peer or our own ledger says wait
    Invalid,     ///< data failed validation
    Unsupported, ///< the capability is not available in this build or configuration
    Internal,    ///< a bug: an invariant did not hold
};

QString errorCategoryName(ErrorCategory category);

/// A failure as a value: a category to act on and a message for a human.
struct Error {
    ErrorCategory category = ErrorCategory::Internal;
    QString message;

    static Error usage(QString m) { return {ErrorCategory::Usage, std::move(m)}; }
    static Error io(QString m) { return {ErrorCategory::Io, std::move(m)}; }
    static Error database(QString m) { return {ErrorCategory::Database, std::move(m)}; }
    static Error invalid(QString m) { return {ErrorCategory::Invalid, std::move(m)}; }
    static Error internal(QString m) { return {ErrorCategory::Internal, std::move(m)}; }
};

/// Either a value or an Error (std::expected is C++23; this is the subset we need).
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::move(value)) {}
    Result(Error error)
        : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Result for operations that produce nothing but may fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace bk
