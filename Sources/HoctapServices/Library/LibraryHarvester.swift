import Foundation
import HoctapDomain
import HoctapStorage
import Logging

/// What one harvest of one library did.
public struct HarvestReport: Sendable {
    public var sourceID: LibrarySource.ID
    public var name: String
    public var succeeded: Bool
    public var stored: Int
    public var deleted: Int
    public var pages: Int
    public var message: String
}

/// Why a harvest stopped, in words for the administrator.
struct HarvestFailure: Error, CustomStringConvertible {
    var description: String
}

/// Harvests libraries over OAI-PMH 2.0: `Identify` (for the granularity of `from`), `ListSets`
/// (`noSetHierarchy` is a normal answer), then `ListRecords` in `oai_dc` from the end of the
/// last complete harvest, following resumption tokens. Each page is written in its own
/// transaction, whole records only; the next harvest's `from` moves only when the list was read
/// to the end, so a failed harvest is simply repeated. Transient failures (timeouts, 5xx, 429)
/// are retried with growing pauses, honouring `Retry-After`; a token seen twice or too many
/// pages ends the harvest as a loop.
public struct LibraryHarvester: Sendable {
    let environment: ServiceEnvironment
    let fetcher: any OAIFetching
    let retries: Int
    let firstPause: Double
    let maximumPages: Int

    public init(_ environment: ServiceEnvironment, fetcher: any OAIFetching = URLSessionFetcher(), retries: Int = 3, firstPause: Double = 2,
                maximumPages: Int = 100_000) {
        self.environment = environment
        self.fetcher = fetcher
        self.retries = retries
        self.firstPause = firstPause
        self.maximumPages = maximumPages
    }

    /// Harvests every registered library, one after another.
    public func harvestAll() async throws -> [HarvestReport] {
        var reports: [HarvestReport] = []
        for source in try await environment.database.read({ try await LibraryRepository($0).sources() }) {
            reports.append(try await harvest(source.id))
        }
        return reports
    }

    public func harvest(_ id: LibrarySource.ID) async throws -> HarvestReport {
        guard let source = try await environment.database.read({ try await LibraryRepository($0).source(id) }) else {
            throw ServiceError.notFound("Không có thư viện mã \(id).")
        }
        var report = HarvestReport(sourceID: id, name: source.name, succeeded: false, stored: 0, deleted: 0, pages: 0, message: "")
        do {
            let until = try await run(source, report: &report)
            report.succeeded = true
            report.message = "Đã thu thập \(VietnameseFormat.integer(report.stored)) biểu ghi mới hoặc sửa, \(VietnameseFormat.integer(report.deleted)) biểu ghi bị xóa, "
                + "trong \(VietnameseFormat.integer(report.pages)) trang."
            try await environment.database.transaction { db in
                try await LibraryRepository(db).finish(id, status: .ok, message: report.message, harvestedUntil: until, at: environment.clock.now())
            }
        } catch {
            report.message = Self.explain(error) + (report.pages > 0 ? " Đã lưu \(VietnameseFormat.integer(report.pages)) trang trước khi dừng; lần sau thu thập lại từ mốc cũ." : "")
            environment.logger.warning("harvest failed", metadata: ["source": "\(id)", "error": "\(report.message)"])
            try await environment.database.transaction { db in
                try await LibraryRepository(db).finish(id, status: .failed, message: report.message, harvestedUntil: nil, at: environment.clock.now())
            }
        }
        return report
    }

    /// The harvest itself; returns the `from` of the next one.
    private func run(_ source: LibrarySource, report: inout HarvestReport) async throws -> String? {
        guard let base = URL(string: source.baseURL) else { throw HarvestFailure(description: "Địa chỉ \(source.baseURL) không hợp lệ.") }
        let identify = try await request(base, ["verb": "Identify"])
        if let error = identify.errors.first { throw error }
        guard let about = identify.identify else { throw HarvestFailure(description: "Thư viện không trả lời lệnh Identify.") }
        var sets: [(spec: String, name: String)] = []
        var setQuery = ["verb": "ListSets"]
        for _ in 0..<100 {
            let page = try await request(base, setQuery)
            if page.isNoSetHierarchy { break }
            if let error = page.errors.first { throw error }
            sets += page.sets
            guard let token = page.resumptionToken else { break }
            setQuery = ["verb": "ListSets", "resumptionToken": token]
        }
        try await environment.database.transaction { db in
            try await LibraryRepository(db).describe(source.id, repositoryName: about.repositoryName, granularity: about.granularity, sets: sets)
        }

        var query = ["verb": "ListRecords", "metadataPrefix": "oai_dc"]
        if let set = source.setSpec { query["set"] = set }
        if let from = source.harvestedUntil { query["from"] = about.secondsGranularity ? from : String(from.prefix(10)) }
        var tokens: Set<String> = []
        var next: String?
        while true {
            let page = try await request(base, query)
            if next == nil { next = page.responseDate.isEmpty ? nil : page.responseDate }
            if page.isNoRecordsMatch { break }
            if let error = page.errors.first { throw error }
            let records = page.records
            try await environment.database.transaction { db in
                try await LibraryRepository(db).store(records, source: source.id, at: environment.clock.now())
            }
            report.pages += 1
            report.deleted += records.filter(\.deleted).count
            report.stored += records.filter { !$0.deleted }.count
            guard let token = page.resumptionToken else { break }
            guard tokens.insert(token).inserted, report.pages < maximumPages else {
                throw HarvestFailure(description: "Thư viện trả về mã trang tiếp theo lặp lại (\(token.prefix(40))) hoặc quá \(VietnameseFormat.integer(maximumPages)) trang: dừng để tránh vòng lặp vô tận.")
            }
            query = ["verb": "ListRecords", "resumptionToken": token]
        }
        return next
    }

    /// One request, retried on transient failures; the answer parsed.
    private func request(_ base: URL, _ query: [String: String]) async throws -> OAIResponse {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        // `+` and other reserved characters inside tokens and dates must travel encoded.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let url = components.url!
        var attempt = 0
        while true {
            do {
                let page = try await fetcher.get(url)
                if page.status == 503 || page.status == 429 || page.status >= 500 {
                    throw Transient(status: page.status, retryAfter: page.retryAfter)
                }
                guard page.status == 200 else { throw HarvestFailure(description: "Thư viện trả mã HTTP \(page.status) cho \(url.absoluteString).") }
                do {
                    return try OAIParser.parse(page.body)
                } catch {
                    throw HarvestFailure(description: error.description)
                }
            } catch let error as Transient where attempt < retries {
                attempt += 1
                try await pause(error.retryAfter ?? firstPause * pow(2, Double(attempt - 1)))
            } catch let error as Transient {
                throw HarvestFailure(description: "Thư viện báo bận (HTTP \(error.status)) sau \(retries + 1) lần thử.")
            } catch let error as URLError where attempt < retries {
                _ = error
                attempt += 1
                try await pause(firstPause * pow(2, Double(attempt - 1)))
            } catch let error as URLError {
                throw HarvestFailure(description: error.code == .timedOut
                    ? "Thư viện không trả lời trong thời hạn (\(retries + 1) lần thử)."
                    : "Không kết nối được tới thư viện (\(error.code.rawValue)) sau \(retries + 1) lần thử.")
            }
        }
    }

    private func pause(_ seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(min(60, max(0, seconds)) * 1_000_000_000))
    }

    struct Transient: Error { var status: Int; var retryAfter: Double? }

    static func explain(_ error: any Error) -> String {
        switch error {
        case let error as OAIError: error.explanation
        case let error as HarvestFailure: error.description
        case let error as FetchRefused: error.description
        default: "Lỗi khi thu thập: \(error)"
        }
    }
}
