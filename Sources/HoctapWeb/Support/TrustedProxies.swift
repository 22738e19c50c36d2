import Foundation
import HoctapServices

/// The reverse proxies allowed to tell hoctap who the client is (`HOCTAP_HTTP_TRUSTED_PROXIES`:
/// addresses or CIDR ranges, comma-separated, IPv4 or IPv6).
///
/// `X-Forwarded-For` is a list every hop appends to, so only its right end is written by a
/// proxy hoctap trusts; the left end is whatever the client sent. The client is therefore the
/// right-most address that is not a trusted proxy, read only when the connection itself comes
/// from one. Taking the left-most entry (as hoctap once did) let anyone fake the address that
/// login throttling and the audit trail record.
public struct TrustedProxies: Sendable, Equatable {
    public var ranges: [IPRange]

    public init(_ ranges: [IPRange] = []) {
        self.ranges = ranges
    }

    /// Parses the setting; `nil` with the offending entry when one is not an address or range.
    public static func parse(_ text: String) -> Result<TrustedProxies, InvalidEntry> {
        var ranges: [IPRange] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let range = IPRange(entry) else { return .failure(InvalidEntry(entry: entry)) }
            ranges.append(range)
        }
        return .success(TrustedProxies(ranges))
    }

    public struct InvalidEntry: Error, Equatable {
        public var entry: String
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func trusts(_ address: String) -> Bool {
        guard let parsed = IPRange.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(parsed) }
    }

    /// The client behind the connection from `peer`, given the request's `X-Forwarded-For`.
    public func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, trusts(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            // A hop that is not an address at all ends the trust: the proxy wrote none like it.
            guard IPRange.bytes(of: hop) != nil else { return peer }
            if !trusts(hop) { return hop }
        }
        // Every hop is a trusted proxy: the left-most is as far back as anyone trusted wrote.
        return hops.first ?? peer
    }
}
