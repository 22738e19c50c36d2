#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range in CIDR form (`10.0.0.0/8`, `::1`, `fd00::/8`).
public struct IPRange: Sendable, Equatable {
    public var network: [UInt8]
    public var prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            prefix = given
        }
        network = Self.masked(bytes, prefix: prefix)
        self.prefix = prefix
    }

    public func contains(_ address: [UInt8]) -> Bool {
        address.count == network.count && Self.masked(address, prefix: prefix) == network
    }

    static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, prefix - index * 8))
            return keep == 8 ? byte : byte & ~(UInt8(0xFF) >> keep)
        }
    }

    /// The address's bytes (4 or 16), or `nil` when it is not a literal address. An IPv4 address
    /// mapped into IPv6 (`::ffff:10.0.0.1`, as dual-stack sockets report it) reads as IPv4.
    public static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return unmapped(withUnsafeBytes(of: &v6) { Array($0) })
    }

    /// An IPv6 address as 16 bytes, or its IPv4 address when it is one mapped into IPv6.
    public static func unmapped(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count == 16 && bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF
            ? Array(bytes[12...]) : bytes
    }
}

extension IPRange {
    /// Ranges no public server lives in: this host, private networks (RFC 1918, unique-local),
    /// carrier-grade NAT, link-local (cloud metadata services among them), multicast, reserved
    /// and documentation blocks, and IPv6's translations of IPv4.
    public static let nonPublic: [IPRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8",
    ].map { IPRange($0)! }

    /// Whether an address (4 or 16 bytes) may belong to a server on the public internet.
    public static func isPublic(_ address: [UInt8]) -> Bool {
        !nonPublic.contains { $0.contains(address) }
    }
}
