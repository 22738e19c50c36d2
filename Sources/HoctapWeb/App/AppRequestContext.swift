import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird
import NIOCore

/// Per-request state: who is signed in, through which session, and from where.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session the request presented, when it is valid.
    public var session: AuthenticatedSession?
    /// The peer address as seen on the socket.
    public let peerAddress: String?
    /// The address used for throttling and the audit trail (the proxy's client when trusted).
    public var clientAddress: String?
    /// Largest body `request.decode` collects; uploads collect explicitly with their own limit.
    public var maxUploadSize: Int { 1 << 20 }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.clientAddress = peerAddress
    }

    /// The signed-in actor, if any.
    public var actor: Actor? { session?.actor }

    /// The signed-in actor, or an error that sends the visitor to the login page.
    public func requireActor() throws -> Actor {
        guard let actor else { throw ServiceError.unauthenticated("Hãy đăng nhập để tiếp tục.") }
        return actor
    }

    /// The page frame for this request: signed-in account, CSRF token, current section.
    func chrome(_ section: PageChrome.Section?) -> PageChrome {
        PageChrome(actor: actor, csrfToken: session.map { CSRFToken.masked($0.csrfToken) }, section: section)
    }
}
