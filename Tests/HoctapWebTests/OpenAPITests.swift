import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import Logging
import Testing

@Suite("The OpenAPI document")
struct OpenAPITests {
    /// The router's `/api/v1` routes as "METHOD /path/{id}".
    static func routerOperations() async throws -> Set<String> {
        try await TestDatabases.with(.sqlite) { database, url in
            let environment = ServiceEnvironment(database: database, passwordHasher: TestApp.hasher, logger: TestDatabases.logger)
            let router = buildRouter(services: AppServices(environment: environment),
                                     config: AppConfig(databaseURL: url, port: 0), metrics: MetricsRegistry.shared)
            return Set(router.routes.compactMap { route -> String? in
                let path = route.path.description
                guard path.hasPrefix("/api/v1"), route.method != .head else { return nil }
                let templated = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue) /" + templated.joined(separator: "/")
            })
        }
    }

    @Test("every API route is documented and every documented operation exists")
    func matchesRoutes() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            let page = try await browser.get("/api/v1/openapi.json")
            #expect(page.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let routed = try await Self.routerOperations()
            #expect(routed.subtracting(documented).isEmpty, "undocumented routes: \(routed.subtracting(documented).sorted())")
            #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        }
    }

    @Test("every schema reference resolves")
    func referencesResolve() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            let body = try await browser.get("/api/v1/openapi.json").body
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let components = try #require(document["components"] as? [String: Any])
            let schemas = try #require(components["schemas"] as? [String: Any])
            let responses = try #require(components["responses"] as? [String: Any])
            var references: [String] = []
            var scanner = body[...]
            while let range = scanner.range(of: "\"$ref\":\"") {
                let rest = scanner[range.upperBound...]
                references.append(String(rest.prefix { $0 != "\"" }))
                scanner = rest
            }
            #expect(!references.isEmpty)
            for reference in references {
                let parts = reference.split(separator: "/")
                let name = String(parts.last ?? "")
                if reference.hasPrefix("#/components/schemas/") { #expect(schemas[name] != nil, "\(reference)") }
                else if reference.hasPrefix("#/components/responses/") { #expect(responses[name] != nil, "\(reference)") }
                else { Issue.record("unexpected reference \(reference)") }
            }
        }
    }
}
