import HoctapDomain
import HoctapServices
import Hummingbird

extension FormData {
    /// Reads the form of a change to the area in the URL only once the change is allowed: another
    /// subtree's area answers "not found" and a role that may not act "forbidden", before a byte
    /// of the body is read (so the answer never depends on what was sent).
    static func read(_ request: inout Request, limit: Int, area areaID: Area.ID, allowing action: (AreaPosition) -> AccessPolicy.Action,
                     services: AppServices, context: AppRequestContext) async throws -> FormData {
        let actor = try context.requireActor()
        let area = try await services.areas.find(areaID, by: actor)
        try Authorization.require(actor, action(area.position))
        return try await read(&request, limit: limit)
    }
}
