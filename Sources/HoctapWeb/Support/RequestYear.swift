import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// The `year` query parameter of progress pages, exports and the API: this year when absent, a
/// specific error (never a silent fallback) when it is not a number.
enum RequestYear {
    static func read(_ request: Request, clock: any WallClock) throws -> Int {
        guard let text = request.query("year") else { return Day(containing: clock.now()).year }
        guard let year = Int(text) else { throw ServiceError.invalid([FieldIssue("year", "Năm \"\(text)\" không phải số.")]) }
        return year
    }
}
