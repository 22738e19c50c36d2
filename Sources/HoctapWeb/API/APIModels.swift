import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// The JSON shapes of `/api/v1`. Field names are part of the public contract in `openapi.json`.
enum APIModels {
    struct AreaRef: Codable, Sendable {
        var id: Int64
        var code: String
        var fullName: String
    }

    struct Area: Codable, Sendable {
        var id: Int64
        var code: String
        var level: String
        var kind: String
        var kindLabel: String
        var name: String
        var fullName: String
        var parentId: Int64?
        var validFrom: String?
        var validTo: String?
        var version: Int
        var childCount: Int?

        init(_ area: HoctapDomain.Area, childCount: Int? = nil) {
            id = area.id
            code = area.code
            level = area.level.rawValue
            kind = area.kind.rawValue
            kindLabel = area.kind.label
            name = area.name
            fullName = area.fullName
            parentId = area.parentID
            validFrom = area.validFrom?.iso
            validTo = area.validTo?.iso
            version = area.version
            self.childCount = childCount
        }
    }

    struct AreaDetail: Codable, Sendable {
        var area: Area
        /// Ancestors the caller may open, nation first.
        var ancestors: [AreaRef]
        /// Current units of each level in this subtree.
        var counts: [String: Int]
        var predecessors: [Link]
        var successors: [Link]

        struct Link: Codable, Sendable {
            var area: AreaRef
            var part: String
        }
    }

    struct Account: Codable, Sendable {
        var id: Int64
        var username: String
        var displayName: String
        var role: String
        var roleLabel: String
        var area: AreaRef
        var disabled: Bool
        var version: Int

        init(_ record: AccountRecord) {
            id = record.id
            username = record.username
            displayName = record.displayName
            role = record.role.rawValue
            roleLabel = record.role.label
            area = AreaRef(id: record.area.id, code: record.area.code, fullName: record.area.fullName)
            disabled = record.isDisabled
            version = record.version
        }
    }

    struct Me: Codable, Sendable {
        var accountId: Int64
        var username: String
        var displayName: String
        var role: String
        var roleLabel: String
        var areaId: Int64?
        var sessionExpiresAt: Date
    }

    struct Items<T: Codable & Sendable>: Codable, Sendable {
        var items: [T]
    }

    struct LoginRequest: Codable, Sendable {
        var username: String
        var password: String
        /// The six-digit code of an account with two-factor sign-in.
        var code: String?
    }

    struct LoginResponse: Codable, Sendable {
        var token: String
        var expiresAt: Date
        var account: Me
    }

    struct NewVillage: Codable, Sendable {
        var name: String
        var kind: String
        var code: String?
    }

    struct VillageUpdate: Codable, Sendable {
        var name: String
        var kind: String
        var version: Int
    }

    struct NewAccount: Codable, Sendable {
        var username: String
        var displayName: String
        var password: String
        var role: String
        var areaId: Int64
    }

    struct RoleChange: Codable, Sendable {
        var role: String
        var areaCode: String
        var version: Int
    }

    struct VersionBody: Codable, Sendable {
        var version: Int?
    }

    struct PasswordChange: Codable, Sendable {
        var currentPassword: String
        var newPassword: String
    }

    struct ImportReport: Codable, Sendable {
        var created: Int
        var updated: Int
        var unchanged: Int
    }
}

/// Reading JSON bodies and writing JSON responses the same way on every endpoint.
enum APIBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Decodes a JSON body, refusing other content types, oversized bodies and malformed JSON
    /// with a message that names the offending field.
    static func decode<T: Decodable>(_ type: T.Type, from request: inout Request, limit: Int) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw WebError.unsupportedMediaType("Thân yêu cầu phải là JSON (Content-Type: application/json).")
        }
        let buffer = try await request.collectBody(upTo: limit)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
