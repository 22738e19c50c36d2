import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
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

/// Plain HTTP GET through Foundation's URLSession, with a timeout per request.
public struct URLSessionFetcher: OAIFetching {
    let session: URLSession
    let timeout: TimeInterval

    public init(timeout: TimeInterval = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        configuration.httpAdditionalHeaders = ["User-Agent": "hoctap-harvester/1.0 (OAI-PMH 2.0)"]
        session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    public func get(_ url: URL) async throws -> FetchedPage {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        return FetchedPage(status: http?.statusCode ?? 0, retryAfter: (http?.value(forHTTPHeaderField: "Retry-After")).flatMap(Double.init), body: data)
    }
}
