import Crypto
import Foundation
import HoctapDomain

/// Keeps citizen ID numbers out of the database in clear: a keyed hash (HMAC-SHA256) finds and
/// de-duplicates them, an AES-GCM seal lets the few who may read them do so. Both keys derive
/// from one master key (HKDF), kept outside the database: a stolen database alone reveals nothing.
public struct PersonalDataProtector: Sendable {
    private let hashKey: SymmetricKey
    private let sealKey: SymmetricKey
    private let secretKey: SymmetricKey

    public init(masterKey: SymmetricKey) {
        hashKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("hoctap personal id lookup v1".utf8), outputByteCount: 32)
        sealKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("hoctap personal id seal v1".utf8), outputByteCount: 32)
        secretKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("hoctap account secret seal v1".utf8), outputByteCount: 32)
    }

    /// The lookup key of an ID number.
    public func lookupHash(_ id: PersonalID) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(id.digits.utf8), using: hashKey).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals written since issue 18 start with this and are bound to their record (AES-GCM's
    /// authenticated data): an ID number's seal to its lookup hash, the row's key; a two-factor
    /// secret's to its account. A seal copied into another row no longer opens. Older seals,
    /// without the prefix, still open; `hoctap keys rotate` rewrites them all in the bound form.
    static let boundPrefix = "2."

    static func personalIDContext(_ hash: String) -> Data { Data("hoctap personal_ids \(hash)".utf8) }
    static func secretContext(_ account: Int64) -> Data { Data("hoctap accounts \(account)".utf8) }

    /// The sealed digits, bound to their lookup hash.
    public func seal(_ id: PersonalID) throws -> String {
        let box = try AES.GCM.seal(Data(id.digits.utf8), using: sealKey, authenticating: Self.personalIDContext(lookupHash(id)))
        return Self.boundPrefix + box.combined!.base64EncodedString()
    }

    /// An account's second-factor secret, sealed with its own derived key and bound to the account.
    public func sealSecret(_ secret: [UInt8], account: Int64) throws -> String {
        let box = try AES.GCM.seal(Data(secret), using: secretKey, authenticating: Self.secretContext(account))
        return Self.boundPrefix + box.combined!.base64EncodedString()
    }

    public func openSecret(_ sealed: String, account: Int64) throws -> [UInt8] {
        Array(try Self.open(sealed, key: secretKey, context: Self.secretContext(account)))
    }

    /// The ID number of the `personal_ids` row whose key is `hash`.
    public func open(_ sealed: String, hash: String?) throws -> PersonalID {
        let plain = try Self.open(sealed, key: sealKey, context: hash.map(Self.personalIDContext))
        guard let id = PersonalID(parsing: String(decoding: plain, as: UTF8.self)) else { throw StoredPersonalDataError() }
        return id
    }

    static func open(_ sealed: String, key: SymmetricKey, context: Data?) throws -> Data {
        let bound = sealed.hasPrefix(boundPrefix)
        guard let data = Data(base64Encoded: bound ? String(sealed.dropFirst(boundPrefix.count)) : sealed) else { throw StoredPersonalDataError() }
        let box = try AES.GCM.SealedBox(combined: data)
        if bound {
            guard let context else { throw StoredPersonalDataError() }
            return try AES.GCM.open(box, using: key, authenticating: context)
        }
        return try AES.GCM.open(box, using: key)
    }

    /// Reads the master key from `HOCTAP_PERSONAL_DATA_KEY` (base64 of 32 bytes) when given,
    /// else from `<data dir>/personal-data.key`, creating it (mode 0600) on first start.
    /// Back this file up with the database: without it, stored ID numbers cannot be read or matched.
    public static func load(base64Key: String?, dataDirectory: String) throws -> PersonalDataProtector {
        if let base64Key, !base64Key.isEmpty {
            guard let data = Data(base64Encoded: base64Key), data.count == 32 else {
                throw PersonalDataKeyError("HOCTAP_PERSONAL_DATA_KEY phải là 32 byte mã hóa base64 (ví dụ: openssl rand -base64 32).")
            }
            return PersonalDataProtector(masterKey: SymmetricKey(data: data))
        }
        let path = (dataDirectory as NSString).appendingPathComponent("personal-data.key")
        if let existing = FileManager.default.contents(atPath: path) {
            guard let data = Data(base64Encoded: String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  data.count == 32 else {
                throw PersonalDataKeyError("Tệp khóa \(path) hỏng: cần 32 byte mã hóa base64.")
            }
            return PersonalDataProtector(masterKey: SymmetricKey(data: data))
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PersonalDataKeyError("Không tạo được tệp khóa \(path).")
        }
        return PersonalDataProtector(masterKey: key)
    }
}

public struct PersonalDataKeyError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

struct StoredPersonalDataError: Error, CustomStringConvertible {
    var description: String { "Số định danh lưu trong cơ sở dữ liệu không giải mã được (sai khóa dữ liệu cá nhân?)." }
}
