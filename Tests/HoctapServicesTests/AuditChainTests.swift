import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Tamper-evident audit trail")
struct AuditChainTests {
    enum Tampering: String, CaseIterable, Sendable { case edit, deleteMiddle, deleteTail, insertOutside, reorder }

    @Test("verify finds every kind of tampering: an edited, a deleted, a removed last, an added and a swapped entry",
          arguments: TestDatabases.engines, Tampering.allCases)
    func tampering(engine: DatabaseEngine, tampering: Tampering) async throws {
        try await withDemo(engine) { environment in
            let service = AuditService(environment)
            let clean = try await service.verify()
            #expect(clean.isIntact && clean.checked > 20, "\(clean.problems)")
            try await environment.database.transaction { db in
                switch tampering {
                case .edit:
                    try await db.raw("UPDATE audit_events SET summary = 'Không có gì' WHERE seq = 7").run()
                case .deleteMiddle:
                    try await db.raw("DELETE FROM audit_events WHERE seq = 7").run()
                case .deleteTail:
                    try await db.raw("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").run()
                case .insertOutside:
                    try await db.raw("""
                        INSERT INTO audit_events (occurred_at, actor_label, action, entity_type, summary) VALUES (0, 'ai đó', 'x', 'x', 'thêm lén')
                        """).run()
                case .reorder:
                    // Swap two entries' contents while keeping their hashes: both now fail.
                    try await db.raw("UPDATE audit_events SET occurred_at = occurred_at + 1 WHERE seq IN (7, 8)").run()
                }
            }
            let result = try await service.verify()
            #expect(!result.isIntact, "\(tampering) must be found")
            let messages = result.problems.map(\.message).joined(separator: " | ")
            switch tampering {
            case .edit: #expect(messages.contains("Mục số 7") && messages.contains("đã bị sửa"), "\(messages)")
            case .deleteMiddle: #expect(messages.contains("Thiếu mục số 7"), "\(messages)")
            case .deleteTail: #expect(messages.contains("đã bị xóa"), "\(messages)")
            case .insertOutside: #expect(messages.contains("1 mục không nằm trong chuỗi"), "\(messages)")
            case .reorder: #expect(result.problems.count == 2, "\(messages)")
            }
        }
    }

    @Test("concurrent writers extend one chain: no fork, no gap", arguments: TestDatabases.engines)
    func concurrentAppends(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment)
            let villages = try await environment.database.read { try await AreaRepository($0).children(of: commune.id) }.map(\.area)
            let service = DenominatorService(environment)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, village) in villages.enumerated() {
                    for year in 2022...2025 {
                        group.addTask {
                            try await service.save([DenominatorDraft(kind: .households, value: Int64(10 + index), source: "Sổ thôn", expectedVersion: nil)],
                                                   areaID: village.id, year: year, by: officer)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditService(environment).verify()
            #expect(result.isIntact, "\(result.problems)")
        }
    }

    @Test("entries written before the chain are sealed in their order, once", arguments: TestDatabases.engines)
    func sealing(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            // As an upgraded database would have them: entries without a place in the chain.
            try await environment.database.transaction { db in
                try await db.raw("UPDATE audit_events SET seq = NULL, prev_hash = NULL, hash = NULL").run()
                try await db.raw("UPDATE audit_chain SET last_seq = 0, last_hash = \(bind: AuditChain.genesis)").run()
            }
            #expect(!(try await AuditService(environment).verify().isIntact))
            let sealed = try await AuditService(environment).sealUnchained()
            #expect(sealed > 20)
            #expect(try await AuditService(environment).sealUnchained() == 0)
            #expect(try await AuditService(environment).verify().isIntact)
        }
    }
}
