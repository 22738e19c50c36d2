#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HoctapTestSupport
import Testing

/// A client that opens a connection and then stalls (half a request, or nothing) is cut off
/// after the idle timeout, while a normal request on another connection is served.
@Suite("Slow and stalled clients")
struct SlowClientTests {
    /// A raw TCP connection to the test server.
    final class Connection {
        let socket: Int32

        init(port: Int) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        deinit { close(socket) }

        func send(_ text: String) {
            _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(socket, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        }

        /// Whether the server closed the connection within `limit`, polling without blocking a thread.
        func closedByServer(within limit: Duration) async throws -> Bool {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, 0) > 0 {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                    if count == 0 || (count < 0 && errno != EAGAIN) { return true }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        }
    }

    @Test("a stalled half-request and a silent connection are closed after the idle timeout; others are served")
    func idleTimeout() async throws {
        try await TestApp.run(.sqlite, configure: { $0.idleTimeoutSeconds = 1 }) { browser, _ in
            let port = browser.client.port
            let half = try Connection(port: port)
            half.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            let silent = try Connection(port: port)
            let before = ContinuousClock.now
            #expect(try await browser.get("/healthz").status == .ok, "another client is served meanwhile")
            #expect(try await half.closedByServer(within: .seconds(10)), "the half-sent request is cut off")
            #expect(try await silent.closedByServer(within: .seconds(10)), "the silent connection is cut off")
            #expect(ContinuousClock.now - before >= .milliseconds(900), "not before the timeout")
        }
    }
}
