import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The live test client with a read timeout long enough for a loaded CI machine.
///
/// `app.test(.live)` gives each request 20 seconds; with the whole suite running in parallel on two
/// cores a slow request (a 9 MB upload, opening a cycle for a commune) has taken longer than that,
/// and a timeout says nothing about the application. This client talks to the same live server over
/// its own connection and waits up to two minutes, which still ends a test that truly hangs.
struct PatientClient: Sendable {
    static let timeout: Duration = .seconds(120)

    let client: TestClient
    /// The server's port, for programs the test runs against it.
    let port: Int

    /// Connects to the server behind `live`, runs `body` with the patient client and closes it.
    static func around<Value>(_ live: any TestClientProtocol, _ body: (PatientClient) async throws -> Value) async throws -> Value {
        let port = try #require(live.port, "the live test framework knows its port")
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: timeout))
        client.connect()
        do {
            let value = try await body(PatientClient(client: client, port: port))
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestClient.Response {
        var headers = headers
        headers[.connection] = "keep-alive"
        return try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
    }
}
