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

    /// The cursor of the page after `page` (its last row), when there is one.
    static func nextID<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64) -> Int64? {
        page.hasNext ? page.rows.last.map(id) : nil
    }

    /// The cursor of the page before `page` (its first row), when there is one.
    static func previousID<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64) -> Int64? {
        page.hasPrevious ? page.rows.first.map(id) : nil
    }
}
