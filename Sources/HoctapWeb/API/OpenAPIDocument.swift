import Foundation
import HoctapDomain
import HoctapStorage

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
///
/// A test compares its paths and methods with the router's, so an endpoint cannot be added
/// without being documented here.
enum OpenAPIDocument {
    static var json: JSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "hoctap API",
                "version": "1.0.0",
                "description": "API của nền tảng Học tập suốt đời: địa bàn hành chính, tài khoản, bộ tiêu chí và đợt đánh giá (đăng ký, chấm, minh chứng, hội đồng, quyết định). Lỗi luôn có dạng {code, message, issues?}; message bằng tiếng Việt.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearerAuth": []], ["cookieAuth": []]],
            "paths": paths.merging(criteriaPaths).merging(registryPaths).merging(evaluationPaths).merging(progressPaths),
            "components": [
                "securitySchemes": [
                    "bearerAuth": ["type": "http", "scheme": "bearer", "description": "Mã nhận từ POST /api/v1/session."],
                    "cookieAuth": ["type": "apiKey", "in": "cookie", "name": "hoctap_session",
                                   "description": "Phiên trình duyệt; yêu cầu thay đổi dữ liệu cần thêm tiêu đề X-CSRF-Token."],
                ],
                "schemas": schemas.merging(progressSchemas),
                "responses": errorResponses,
            ],
        ]
    }

    // MARK: Paths

    static var paths: JSONValue {
        [
            "/api/v1/openapi.json": [
                "get": operation("openapi", "Tài liệu OpenAPI này", public: true,
                                 responses: ["200": ["description": "Tài liệu OpenAPI 3.1", "content": ["application/json": ["schema": ["type": "object"]]]]]),
            ],
            "/api/v1/session": [
                "post": operation("login", "Đăng nhập, nhận mã truy cập (Bearer)", public: true,
                                  body: ref("LoginRequest"), responses: ["201": json("Đã đăng nhập", ref("LoginResponse"))],
                                  errors: ["400", "401", "413", "415", "429"]),
                "delete": operation("logout", "Đăng xuất (hủy mã đang dùng)", responses: ["204": ["description": "Đã đăng xuất"]],
                                    errors: ["401", "403"]),
            ],
            "/api/v1/me": [
                "get": operation("me", "Tài khoản đang đăng nhập", responses: ["200": json("Tài khoản", ref("Me"))], errors: ["401"]),
            ],
            "/api/v1/me/sessions": [
                "delete": operation("logoutEverywhere", "Đăng xuất mọi thiết bị khác (mã đang dùng vẫn hiệu lực)",
                                    responses: ["204": ["description": "Các phiên khác đã kết thúc"]], errors: ["401", "403"]),
            ],
            "/api/v1/me/password": [
                "post": operation("changePassword", "Đổi mật khẩu của chính mình; các phiên khác kết thúc",
                                  body: ref("PasswordChange"), responses: ["204": ["description": "Đã đổi"]],
                                  errors: ["400", "401", "403", "413", "415", "422"]),
            ],
            "/api/v1/areas": [
                "get": operation("listAreas", "Tìm địa bàn theo tên (q, không phân biệt dấu), liệt kê đơn vị con (parentId), hoặc địa bàn của mình",
                                 parameters: [
                                    query("q", "Từ khóa tên, không phân biệt dấu và hoa thường", ["type": "string", "maxLength": 100]),
                                    query("level", "Chỉ lấy một cấp", ["type": "string", "enum": ["nation", "province", "district", "commune", "village"]]),
                                    query("parentId", "Liệt kê đơn vị con của địa bàn này", ["type": "integer", "format": "int64"]),
                                    query("limit", "Số kết quả tối đa", ["type": "integer", "minimum": 1, "maximum": 500, "default": 50]),
                                 ],
                                 responses: ["200": json("Danh sách địa bàn", ref("AreaList"))], errors: ["401", "404", "422"]),
            ],
            "/api/v1/areas/{id}": [
                "get": operation("getArea", "Một địa bàn với cấp trên, số đơn vị trực thuộc và lịch sử sáp nhập",
                                 parameters: [idParameter], responses: ["200": json("Địa bàn", ref("AreaDetail"))],
                                 errors: ["401", "404"]),
                "patch": operation("updateVillage", "Sửa tên, loại một thôn, tổ dân phố (kèm version để tránh ghi đè)",
                                   parameters: [idParameter], body: ref("VillageUpdate"),
                                   responses: ["200": json("Thôn đã sửa", ref("Area"))],
                                   errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/children": [
                "get": operation("listChildren", "Các đơn vị trực thuộc hiện hành", parameters: [idParameter],
                                 responses: ["200": json("Danh sách", ref("AreaList"))], errors: ["401", "404"]),
            ],
            "/api/v1/areas/{id}/villages": [
                "post": operation("createVillage", "Tạo thôn, tổ dân phố trong một xã", parameters: [idParameter],
                                  body: ref("NewVillage"), responses: ["201": json("Thôn mới", ref("Area"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/villages/import": [
                "post": operation("importVillages", "Nhập thôn từ tệp CSV (cột name, kind, code); tất cả hoặc không gì cả",
                                  parameters: [idParameter, query("fileName", "Tên tệp để ghi trong thông báo lỗi", ["type": "string"])],
                                  rawBody: ["text/csv": ["schema": ["type": "string"]]],
                                  responses: ["200": json("Kết quả nhập", ref("ImportReport"))],
                                  errors: ["401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/accounts": [
                "get": operation("listAccounts", "Tài khoản trong địa bàn của mình",
                                 parameters: [query("q", "Tên đăng nhập hoặc tên địa bàn", ["type": "string", "maxLength": 100])] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("AccountList"))], errors: ["400", "401", "403", "422"]),
                "post": operation("createAccount", "Tạo tài khoản tại một địa bàn trong phạm vi của mình",
                                  body: ref("NewAccount"), responses: ["201": json("Tài khoản mới", ref("Account"))],
                                  errors: ["400", "401", "403", "413", "415", "422"]),
            ],
            "/api/v1/accounts/{id}": [
                "get": operation("getAccount", "Một tài khoản", parameters: [idParameter],
                                 responses: ["200": json("Tài khoản", ref("Account"))], errors: ["401", "403", "404"]),
            ],
            "/api/v1/accounts/{id}/disable": [
                "post": operation("disableAccount", "Khóa tài khoản; mọi phiên của tài khoản đó kết thúc", parameters: [idParameter],
                                  optionalBody: ref("VersionBody"), responses: ["200": json("Tài khoản", ref("Account"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415"]),
            ],
            "/api/v1/accounts/{id}/role": [
                "post": operation("changeAccountRole", "Đổi vai trò hoặc địa bàn của tài khoản; mọi phiên của tài khoản đó kết thúc", parameters: [idParameter],
                                  body: ref("RoleChange"), responses: ["200": json("Tài khoản", ref("Account"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/accounts/{id}/enable": [
                "post": operation("enableAccount", "Mở khóa tài khoản", parameters: [idParameter],
                                  optionalBody: ref("VersionBody"), responses: ["200": json("Tài khoản", ref("Account"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415"]),
            ],
        ]
    }

    static var errorResponses: JSONValue {
        let descriptions: [(String, String)] = [
            ("400", "Yêu cầu không đọc được (JSON hỏng, thiếu trường)"), ("401", "Chưa đăng nhập hoặc sai thông tin đăng nhập"),
            ("403", "Không có quyền, hoặc thiếu mã CSRF"), ("404", "Không có, hoặc nằm ngoài địa bàn của bạn"),
            ("409", "Bản ghi đã bị người khác sửa"), ("413", "Dữ liệu quá lớn"), ("415", "Sai Content-Type"),
            ("422", "Dữ liệu không hợp lệ; issues chỉ ra trường hoặc dòng, cột"), ("429", "Đăng nhập sai quá nhiều lần"),
        ]
        return .object(Dictionary(uniqueKeysWithValues: descriptions.map { code, text in
            (code, JSONValue.object(["description": .string(text), "content": ["application/json": ["schema": ref("Error")]]]))
        }))
    }

    // MARK: Helpers

    static let int64: JSONValue = ["type": "integer", "format": "int64"]
    static var roleSchema: JSONValue {
        ["type": "string", "enum": .array(["national_admin", "province_officer", "commune_officer", "commune_authority",
                                           "council_member", "village_officer", "viewer"].map(JSONValue.string))]
    }
    static var villageKindSchema: JSONValue {
        ["type": "string", "description": "thon, ban, ap, buon, lang, soc, phum, khom, khu_pho, to_dan_pho (hoặc tên tiếng Việt)"]
    }
    static var idParameter: JSONValue {
        ["name": "id", "in": "path", "required": true, "schema": int64]
    }

    static let stringArray: JSONValue = ["type": "array", "items": ["type": "string"]]
    static var modelSchema: JSONValue {
        ["type": "string", "enum": .array(LearningModel.allCases.map { JSONValue.string($0.rawValue) })]
    }
    static var statusSchema: JSONValue {
        ["type": "string", "enum": .array(CriteriaSetStatus.allCases.map { JSONValue.string($0.rawValue) })]
    }
    static var unitKindSchema: JSONValue {
        ["type": "string", "enum": .array(UnitKind.allCases.map { JSONValue.string($0.rawValue) })]
    }
    /// The cursor parameters of a list read by key (one of them at a time).
    static var pageParameters: [JSONValue] {
        [query("after", "Trang sau: giá trị \"after\" của trang trước đó", ["type": "integer", "format": "int64", "minimum": 1]),
         query("before", "Trang trước: giá trị \"before\" của trang đang xem", ["type": "integer", "format": "int64", "minimum": 1])]
    }

    /// A page of `item`s: the rows, how many match in all, and the cursors of the neighbouring pages.
    static func page(of item: String) -> JSONValue {
        object(required: ["items", "total", "totalCapped"], [
            "items": ["type": "array", "items": ref(item)], "total": ["type": "integer"],
            "totalCapped": ["type": "boolean", "description": .string("true: có hơn \(PagedRows<Int>.countLimit) dòng khớp, total dừng ở giới hạn đếm")],
            "after": ["type": "integer", "format": "int64", "description": "Có trang sau: gửi lại làm tham số after"],
            "before": ["type": "integer", "format": "int64", "description": "Có trang trước: gửi lại làm tham số before"],
        ])
    }
    static var evaluationStateSchema: JSONValue {
        ["type": "string", "enum": .array(EvaluationState.allCases.map { JSONValue.string($0.rawValue) })]
    }
    static var setIDParameter: JSONValue {
        ["name": "id", "in": "path", "required": true, "description": "Mã bộ tiêu chí", "schema": ["type": "string", "pattern": "^[a-z0-9-]{3,64}$"]]
    }
    static var versionParameter: JSONValue {
        query("version", "Phiên bản đã công bố (mặc định mới nhất)", ["type": "integer", "minimum": 1])
    }

    static func requiredQuery(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": true, "description": .string(description), "schema": schema]
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func object(required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    static func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static func operation(
        _ id: String, _ summary: String, public isPublic: Bool = false, parameters: [JSONValue] = [],
        body: JSONValue? = nil, optionalBody: JSONValue? = nil, rawBody: JSONValue? = nil,
        responses: [String: JSONValue], errors: [String] = []
    ) -> JSONValue {
        var operation: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary)]
        if isPublic { operation["security"] = [] }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body { operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]] }
        if let optionalBody { operation["requestBody"] = ["required": false, "content": ["application/json": ["schema": optionalBody]]] }
        if let rawBody { operation["requestBody"] = ["required": true, "content": rawBody] }
        var allResponses = responses
        for code in errors { allResponses[code] = ["$ref": .string("#/components/responses/\(code)")] }
        operation["responses"] = .object(allResponses)
        return .object(operation)
    }
}
