import PostgresNIO
import SQLiteNIO

/// Constraint violations recognised on both engines, so callers can turn them into clear
/// messages instead of generic failures.
public enum ConstraintViolation: Sendable, Equatable {
    case unique
    case foreignKey
    case check
    case notNull

    /// Classifies an error thrown by either driver; `nil` for anything else.
    public init?(_ error: any Error) {
        if let error = error as? SQLiteError {
            switch error.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: self = .unique
            case .constraintForeignKeyFailed: self = .foreignKey
            case .constraintCheckFailed: self = .check
            case .constraintNotNullFailed: self = .notNull
            case .constraint:
                let message = error.message.lowercased()
                if message.contains("unique") { self = .unique }
                else if message.contains("foreign key") { self = .foreignKey }
                else if message.contains("check") { self = .check }
                else if message.contains("not null") { self = .notNull }
                else { return nil }
            default: return nil
            }
            return
        }
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            switch state {
            case "23505": self = .unique
            case "23503": self = .foreignKey
            case "23514": self = .check
            case "23502": self = .notNull
            default: return nil
            }
            return
        }
        return nil
    }
}
