import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP answer from a library's endpoint.
public struct FetchedPage: Sendable {
    public var status: Int
    /// Seconds the server asked us to wait (`Retry-After`), for 503 and 429.
    public var retryAfter: Double?
    public var body: Data

    public init(status: Int, retryAfter: Double? = nil, body: Data) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

/// Fetches a URL: the harvester's only contact with the outside world.
public protocol OAIFetching: Sendable {
    func get(_ url: URL) async throws -> FetchedPage
}

/// Why the fetcher would not fetch or read an answer, in words for the administrator.
public struct FetchRefused: Error, CustomStringConvertible {
    public var description: String
}

/// HTTP GET through Foundation's URLSession, guarded against being turned on hoctap's own
/// network (issue 18): a province officer registers the address, so the harvester must not be a
/// way to reach the database, a cloud's metadata service or anything else inside.
///
/// - only `http` and `https`;
/// - the host's addresses are resolved first and every one must be public (no loopback,
///   private, link-local, multicast or reserved range) unless `allowPrivate` (tests, or an
///   intranet library, by `HOCTAP_HARVEST_ALLOW_PRIVATE=true`);
/// - redirects are not followed by URLSession but one by one here, at most `maximumRedirects`,
///   each new address checked the same way;
/// - the body is read as it arrives and the transfer is cancelled past `maximumBytes`.
///
/// What is left: URLSession resolves the name again when it connects, so a DNS server that
/// answers differently within that instant (rebinding) is not stopped here; a firewall rule for
/// the harvesting host closes that.
public struct URLSessionFetcher: OAIFetching {
    let timeout: TimeInterval
    let allowPrivate: Bool
    let maximumBytes: Int
    let maximumRedirects: Int

    public init(timeout: TimeInterval = 60, allowPrivate: Bool = false, maximumBytes: Int = 64 << 20, maximumRedirects: Int = 5) {
        self.timeout = timeout
        self.allowPrivate = allowPrivate
        self.maximumBytes = maximumBytes
        self.maximumRedirects = maximumRedirects
    }

    public func get(_ url: URL) async throws -> FetchedPage {
        var current = url
        for _ in 0...maximumRedirects {
            try check(current)
            let answer = try await BoundedDownload(timeout: timeout, maximumBytes: maximumBytes).run(current)
            guard (300...399).contains(answer.status), answer.status != 304 else {
                return FetchedPage(status: answer.status, retryAfter: answer.retryAfter, body: answer.body)
            }
            guard let location = answer.location, let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                throw FetchRefused(description: "Thư viện chuyển hướng (\(answer.status)) mà không nói đến đâu.")
            }
            current = next
        }
        throw FetchRefused(description: "Thư viện chuyển hướng quá \(maximumRedirects) lần.")
    }

    /// Refuses a URL whose scheme is not http(s) or whose host resolves to a non-public address.
    func check(_ url: URL) throws {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw FetchRefused(description: "Chỉ thu thập qua http hoặc https, không qua \(url.scheme ?? "(không có giao thức)").")
        }
        guard let host = url.host, !host.isEmpty else { throw FetchRefused(description: "Địa chỉ \(url.absoluteString) không có tên máy.") }
        if allowPrivate { return }
        let addresses = Self.resolve(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        guard !addresses.isEmpty else { throw FetchRefused(description: "Không tìm thấy địa chỉ của máy \(host).") }
        if addresses.contains(where: { !IPRange.isPublic($0) }) {
            throw FetchRefused(description: "Máy \(host) ở một địa chỉ nội bộ hoặc dành riêng; hoctap chỉ thu thập từ máy chủ công khai trên Internet.")
        }
    }

    /// Every address the name resolves to (4 or 16 bytes each).
    static func resolve(_ host: String) -> [[UInt8]] {
        if let literal = IPRange.bytes(of: host) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        var raw = v4.pointee.sin_addr
                        addresses.append(withUnsafeBytes(of: &raw) { Array($0) })
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        var raw = v6.pointee.sin6_addr
                        addresses.append(IPRange.unmapped(withUnsafeBytes(of: &raw) { Array($0) }))
                    }
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}

/// One GET whose redirects are handed back instead of followed and whose body is cut off past
/// a size, through URLSession's delegate (the async `data(for:)` offers neither).
final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Answer {
        var status: Int
        var retryAfter: Double?
        var location: String?
        var body: Data
    }

    let timeout: TimeInterval
    let maximumBytes: Int
    // Touched only on the session's serial delegate queue.
    private var body = Data()
    private var response: HTTPURLResponse?
    private var tooLarge = false
    private var continuation: CheckedContinuation<Answer, any Error>?

    init(timeout: TimeInterval, maximumBytes: Int) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    func run(_ url: URL) async throws -> Answer {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        configuration.httpAdditionalHeaders = ["User-Agent": "hoctap-harvester/1.0 (OAI-PMH 2.0)"]
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        var prepared = URLRequest(url: url)
        prepared.timeoutInterval = timeout
        let request = prepared
        return try await withCheckedThrowingContinuation { continuation in
            queue.addOperation {
                self.continuation = continuation
                session.dataTask(with: request).resume()
            }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // Not followed here: the fetcher checks the new address first.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        self.response = response as? HTTPURLResponse
        if response.expectedContentLength > Int64(maximumBytes) {
            tooLarge = true
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard !tooLarge else { return }
        if body.count + data.count > maximumBytes {
            tooLarge = true
            dataTask.cancel()
            return
        }
        body.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let continuation else { return }
        self.continuation = nil
        if tooLarge {
            continuation.resume(throwing: FetchRefused(
                description: "Câu trả lời của thư viện lớn quá \(maximumBytes / (1 << 20)) MB; dừng đọc."))
            return
        }
        let http = response ?? task.response as? HTTPURLResponse
        if let error, http == nil || !(300...399).contains(http?.statusCode ?? 0) {
            continuation.resume(throwing: error)
            return
        }
        continuation.resume(returning: Answer(
            status: http?.statusCode ?? 0,
            retryAfter: (http?.value(forHTTPHeaderField: "Retry-After")).flatMap(Double.init),
            location: http?.value(forHTTPHeaderField: "Location"),
            body: body))
    }
}
