import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Portal service")
struct PortalServiceTests {
    @Test("the demo publishes its articles and documents, with files that read back as PDF, searchable without diacritics",
          arguments: TestDatabases.engines)
    func demoContent(engine: DatabaseEngine) async throws {
        let files = try TemporaryFiles()
        try await withDemo(engine) { environment in
            var environment = environment
            environment.evidenceStore = EvidenceStore(root: files.directory.path)
            try await DemoPortal(environment: environment).seed(by: try await actor("admin", environment))
            let portal = PortalService(environment)
            let articles = try await portal.publishedArticles(PortalFilter(publishedOnly: true), start: .first)
            #expect(articles.total == 4 && articles.rows.allSatisfy { $0.state == .published && $0.bodyHTML.contains("<") })
            let documents = try await portal.publishedDocuments(PortalFilter(publishedOnly: true), start: .first)
            #expect(documents.rows.map(\.number).sorted() == ["324/QĐ-KHVN", "387/QĐ-TTg", "677/QĐ-TTg"])
            for document in documents.rows {
                let (_, data) = try await portal.documentFile(document.id, by: nil)
                #expect(PortalMediaType.sniff(Array(data)) == .pdf)
            }
            let hanoi = try await area(.province, "01", environment)
            let readers = try await portal.readerAreas(province: hanoi.id)
            let hanoiNews = try await portal.publishedArticles(PortalFilter(publishedOnly: true, areaIDs: readers), start: .first)
            #expect(hanoiNews.total == 3, "the nation's two and Hà Nội's one")
            let found = try await PortalSearch(environment).search("cong dan hoc tap")
            #expect(found.hits.first.map { $0.kind == .document || $0.kind == .article } == true && (found.counts[.document] ?? 0) >= 2)
        }
        withExtendedLifetime(files) {}
    }
}
