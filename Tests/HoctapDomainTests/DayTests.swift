import Foundation
import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("Days")
struct DayTests {
    @Test("ISO dates parse strictly", arguments: [
        ("2025-07-01", true), ("2024-02-29", true), ("2025-02-29", false), ("2100-02-29", false), ("2000-02-29", true),
        ("2025-13-01", false), ("2025-7-1", false), ("2025-07-01T00:00", false), ("", false), ("２０２５-07-01", false),
    ])
    func iso(text: String, valid: Bool) {
        #expect((Day(iso: text) != nil) == valid)
        if let day = Day(iso: text) { #expect(day.iso == text) }
    }

    @Test("Vietnamese form dates parse")
    func vietnamese() {
        #expect(Day(vietnamese: "01/07/2025") == Day(2025, 7, 1))
        #expect(Day(vietnamese: "31/06/2025") == nil)
        #expect(Day(vietnamese: "1/7/25") == nil)
    }

    @Test("property: order and 'previous' agree with the calendar")
    func calendar() {
        var random = SeededRandom(seed: 99)
        for _ in 0..<1_000 {
            let seconds = TimeInterval(Int.random(in: 0...4_000_000_000, using: &random))
            let day = Day(containing: Date(timeIntervalSince1970: seconds))
            let dayBefore = Day(containing: Date(timeIntervalSince1970: seconds - 86_400))
            #expect(day.previous == dayBefore)
            #expect(dayBefore < day)
            #expect(Day(iso: day.iso) == day)
        }
        #expect(Day(2025, 1, 1)!.previous == Day(2024, 12, 31))
        #expect(Day(2024, 3, 1)!.previous == Day(2024, 2, 29))
        #expect(Day.twoLevelReform.previous == Day(2025, 6, 30))
    }

    @Test("a day is taken in Vietnam's zone, not the server's")
    func zone() {
        // 2025-06-30T17:00:00Z is midnight of 1 July in Hà Nội.
        #expect(Day(containing: Date(timeIntervalSince1970: 1_751_302_800)) == Day(2025, 7, 1))
        #expect(Day(containing: Date(timeIntervalSince1970: 1_751_302_799)) == Day(2025, 6, 30))
    }
}
