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

    /// The sealed digits, base64.
    public func seal(_ id: PersonalID) throws -> String {
        try AES.GCM.seal(Data(id.digits.utf8), using: sealKey).combined!.base64EncodedString()
    }

    /// An account's second-factor secret, sealed with its own derived key.
    public func sealSecret(_ secret: [UInt8]) throws -> String {
        try AES.GCM.seal(Data(secret), using: secretKey).combined!.base64EncodedString()
    }

    public func openSecret(_ sealed: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw StoredPersonalDataError() }
        return Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: secretKey))
    }

    public func open(_ sealed: String) throws -> PersonalID {
        guard let data = Data(base64Encoded: sealed) else { throw StoredPersonalDataError() }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: sealKey)
        guard let id = PersonalID(parsing: String(decoding: plain, as: UTF8.self)) else { throw StoredPersonalDataError() }
        return id
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
