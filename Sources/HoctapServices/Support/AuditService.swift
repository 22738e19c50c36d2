import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What `hoctap audit verify` found.
public struct AuditVerification: Sendable {
    public struct Problem: Sendable, Hashable {
        public var seq: Int64?
        public var message: String
    }

    public var checked: Int
    public var problems: [Problem]
    public var isIntact: Bool { problems.isEmpty }
}

/// The tamper-evident audit trail: sealing entries written before the chain existed, verifying
/// every link, and reading the trail of an area for its officials.
public struct AuditService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Chains entries that predate the chain (run at start; does nothing afterwards).
    @discardableResult
    public func sealUnchained() async throws -> Int {
        try await environment.database.transaction { try await AuditRepository($0).sealUnchained() }
    }

    /// Recomputes every hash in sequence order and reports each edited, removed or added entry.
    public func verify(pageSize: Int = 2_000) async throws -> AuditVerification {
        try await environment.database.transaction { db in
            try await db.useSnapshotIsolation()
            let repository = AuditRepository(db)
            var problems: [AuditVerification.Problem] = []
            var expected: Int64 = 1
            var previous = AuditChain.genesis
            var checked = 0
            var last: Int64 = 0
            while true {
                let links = try await repository.links(after: last, limit: pageSize)
                if links.isEmpty { break }
                for link in links {
                    let seq = link.seq ?? 0
                    if seq != expected {
                        problems.append(.init(seq: seq, message: expected == seq - 1
                            ? "Thiếu mục số \(expected) (đã bị xóa)." : "Thiếu các mục số \(expected)–\(seq - 1) (đã bị xóa)."))
                    } else if link.previousHash != previous {
                        problems.append(.init(seq: seq, message: "Mục số \(seq) không nối với mục trước (chuỗi bị đứt hoặc bị sắp xếp lại)."))
                    }
                    if AuditChain.hash(previous: link.previousHash ?? "", link.fields) != link.hash {
                        problems.append(.init(seq: seq, message: "Mục số \(seq) (\(link.fields.action), \(VietnameseFormat.dateTime(Date(epochSeconds: link.fields.occurredAt)))) đã bị sửa sau khi ghi."))
                    }
                    previous = link.hash ?? ""
                    expected = seq + 1
                    last = seq
                    checked += 1
                }
            }
            let head = try await repository.head()
            if head.seq != last || (checked > 0 && head.hash != previous) {
                problems.append(.init(seq: head.seq, message: head.seq > last
                    ? "Các mục cuối từ số \(last + 1) đến \(head.seq) đã bị xóa." : "Đầu chuỗi không khớp với mục cuối (số \(last))."))
            }
            let unsealed = try await repository.unsealedCount()
            if unsealed > 0 {
                problems.append(.init(seq: nil, message: "\(unsealed) mục không nằm trong chuỗi: được ghi thẳng vào cơ sở dữ liệu, không qua ứng dụng."))
            }
            return AuditVerification(checked: checked, problems: problems)
        }
    }

    /// The trail of the actor's subtree, newest first, 50 at a time (key paging by sequence).
    public func entries(by actor: Actor, before: Int64?) async throws -> [AuditRecord] {
        try await environment.database.read { try await AuditRepository($0).entries(within: actor.scope, before: before) }
    }
}
