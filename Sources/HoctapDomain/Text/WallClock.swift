import Foundation

/// The current time, behind a protocol so that tests can fix or advance it
/// (session expiry, login lock-outs, effective dates).
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Whole seconds since 1970, the form timestamps take in the database on both engines.
    public var epochSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }

    public init(epochSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochSeconds))
    }
}
