import HoctapStorage
import Hummingbird

/// The `after` / `before` query parameters of a list page: the id of the last (first) row of
/// the page the reader comes from.
enum PageCursor {
    static func start(_ request: Request) throws -> PageStart {
        let after = request.uri.queryParameters["after"].map(String.init)
        let before = request.uri.queryParameters["before"].map(String.init)
        switch (after, before) {
        case (nil, nil):
            return .first
        case (let after?, nil):
            return .after(try id(after, "after"))
        case (nil, let before?):
            return .before(try id(before, "before"))
        case (_?, _?):
            throw WebError.badRequest("Chỉ dùng một trong hai tham số after và before.")
        }
    }

    private static func id(_ text: String, _ name: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw WebError.badRequest("Tham số \(name) phải là một số nguyên dương (mã của dòng cuối trang trước).") }
        return id
    }

    /// The query of the next and previous pages of `page`, for links and API responses.
    static func next<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64) -> [String: String]? {
        guard page.hasNext, let last = page.rows.last else { return nil }
        return ["after": String(id(last))]
    }

    static func previous<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64) -> [String: String]? {
        guard page.hasPrevious, let first = page.rows.first else { return nil }
        return ["before": String(id(first))]
    }
}
