import Foundation
import HoctapDomain
import Synchronization

/// A clock tests set and advance by hand.
public final class TestClock: WallClock, Sendable {
    private let current: Mutex<Date>

    /// Starts at 22 November 2026, 09:00 in Vietnam.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_312_800)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}
