import Foundation
import HoctapDomain

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
            "paths": paths.merging(progressPaths),
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
                                 parameters: [query("q", "Tên đăng nhập hoặc tên địa bàn", ["type": "string", "maxLength": 100])],
                                 responses: ["200": json("Danh sách", ref("AccountList"))], errors: ["401", "403", "422"]),
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
            "/api/v1/accounts/{id}/enable": [
                "post": operation("enableAccount", "Mở khóa tài khoản", parameters: [idParameter],
                                  optionalBody: ref("VersionBody"), responses: ["200": json("Tài khoản", ref("Account"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415"]),
            ],
            "/api/v1/areas/{id}/households": [
                "get": operation("listHouseholds", "Hộ gia đình trong một thôn hoặc xã (tìm không dấu, 50 mỗi trang)",
                                 parameters: [idParameter, query("q", "Tên chủ hộ, mã hộ, địa chỉ", ["type": "string", "maxLength": 100]), pageParameter],
                                 responses: ["200": json("Danh sách", ref("HouseholdPage"))], errors: ["401", "404"]),
                "post": operation("createHousehold", "Thêm hộ vào một thôn", parameters: [idParameter], body: ref("HouseholdBody"),
                                  responses: ["201": json("Hộ mới", ref("Household"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/households/import": [
                "post": operation("importHouseholds", "Nhập hộ gia đình của một xã từ CSV (mỗi dòng một thành viên); tất cả hoặc không gì cả",
                                  parameters: [idParameter, query("fileName", "Tên tệp để ghi trong thông báo lỗi", ["type": "string"])],
                                  rawBody: ["text/csv": ["schema": ["type": "string"]]],
                                  responses: ["200": json("Kết quả", ref("HouseholdImportReport"))], errors: ["401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/units/import": [
                "post": operation("importUnits", "Nhập đơn vị của một xã từ CSV (mỗi dòng một đơn vị); tất cả hoặc không gì cả",
                                  parameters: [idParameter, query("fileName", "Tên tệp để ghi trong thông báo lỗi", ["type": "string"])],
                                  rawBody: ["text/csv": ["schema": ["type": "string"]]],
                                  responses: ["200": json("Kết quả", ref("RegistryImportReport"))], errors: ["401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/citizens/import": [
                "post": operation("importCitizens", "Nhập công dân học tập của một xã từ CSV (số định danh duy nhất toàn quốc); tất cả hoặc không gì cả",
                                  parameters: [idParameter, query("fileName", "Tên tệp để ghi trong thông báo lỗi", ["type": "string"])],
                                  rawBody: ["text/csv": ["schema": ["type": "string"]]],
                                  responses: ["200": json("Kết quả", ref("RegistryImportReport"))], errors: ["401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/clans/import": [
                "post": operation("importClans", "Nhập dòng họ của một xã từ CSV (mỗi dòng một hộ thành viên); tất cả hoặc không gì cả",
                                  parameters: [idParameter, query("fileName", "Tên tệp để ghi trong thông báo lỗi", ["type": "string"])],
                                  rawBody: ["text/csv": ["schema": ["type": "string"]]],
                                  responses: ["200": json("Kết quả", ref("ClanImportReport"))], errors: ["401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/households/{id}": [
                "get": operation("getHousehold", "Một hộ và các thành viên", parameters: [idParameter],
                                 responses: ["200": json("Hộ", ref("Household"))], errors: ["401", "404"]),
                "patch": operation("updateHousehold", "Sửa chủ hộ, địa chỉ (kèm version)", parameters: [idParameter], body: ref("HouseholdBody"),
                                   responses: ["200": json("Hộ", ref("Household"))], errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/households/{id}/members": [
                "post": operation("addMember", "Thêm thành viên (số định danh duy nhất toàn quốc)", parameters: [idParameter], body: ref("PersonBody"),
                                  responses: ["201": json("Thành viên", ref("Person"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/persons/{id}": [
                "get": operation("getPerson", "Một người (số định danh che trừ bốn số cuối nếu không được xem)", parameters: [idParameter],
                                 responses: ["200": json("Người", ref("Person"))], errors: ["401", "404"]),
                "patch": operation("updatePerson", "Sửa thông tin một người (kèm version)", parameters: [idParameter], body: ref("PersonBody"),
                                   responses: ["200": json("Người", ref("Person"))], errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
                "delete": operation("deletePerson", "Xóa khỏi sổ theo dõi", parameters: [idParameter, requiredQuery("version", "Phiên bản của bản ghi", ["type": "integer"])],
                                    responses: ["204": ["description": "Đã xóa"]], errors: ["401", "403", "404", "409", "422"]),
            ],
            "/api/v1/areas/{id}/citizens": [
                "get": operation("listCitizens", "Công dân học tập trong một thôn hoặc xã", parameters: [idParameter, query("q", "Họ tên", ["type": "string", "maxLength": 100]), pageParameter],
                                 responses: ["200": json("Danh sách", ref("PersonPage"))], errors: ["401", "404"]),
                "post": operation("createCitizen", "Đăng ký công dân học tập (không thuộc hộ)", parameters: [idParameter], body: ref("PersonBody"),
                                  responses: ["201": json("Người", ref("Person"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/units": [
                "get": operation("listUnits", "Đơn vị trong một xã hoặc thôn", parameters: [idParameter, query("q", "Tên đơn vị", ["type": "string", "maxLength": 100]), pageParameter],
                                 responses: ["200": json("Danh sách", ref("UnitPage"))], errors: ["401", "404"]),
                "post": operation("createUnit", "Đăng ký đơn vị", parameters: [idParameter], body: ref("UnitBody"),
                                  responses: ["201": json("Đơn vị", ref("Unit"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/units/{id}": [
                "patch": operation("updateUnit", "Sửa đơn vị (kèm version)", parameters: [idParameter], body: ref("UnitBody"),
                                   responses: ["200": json("Đơn vị", ref("Unit"))], errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/clans": [
                "get": operation("listClans", "Dòng họ đăng ký ở một xã", parameters: [idParameter, query("q", "Tên dòng họ", ["type": "string", "maxLength": 100]), pageParameter],
                                 responses: ["200": json("Danh sách", ref("ClanPage"))], errors: ["401", "404"]),
                "post": operation("createClan", "Đăng ký dòng họ", parameters: [idParameter], body: ref("ClanBody"),
                                  responses: ["201": json("Dòng họ", ref("Clan"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/clans/{id}": [
                "get": operation("getClan", "Một dòng họ và các hộ (trong phạm vi của mình)", parameters: [idParameter],
                                 responses: ["200": json("Dòng họ", ref("Clan"))], errors: ["401", "404"]),
            ],
            "/api/v1/clans/{id}/households": [
                "post": operation("addClanHousehold", "Thêm một hộ (theo mã hộ) vào dòng họ", parameters: [idParameter], body: ref("CodeBody"),
                                  responses: ["201": json("Hộ", ref("Household"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/cycles": [
                "get": operation("listCycles", "Các đợt đánh giá của một xã (hoặc của xã chứa thôn này)", parameters: [idParameter],
                                 responses: ["200": json("Danh sách", ref("CycleList"))], errors: ["401", "404"]),
                "post": operation("openCycle", "Mở đợt đánh giá một năm cho một mô hình, theo bộ tiêu chí có hiệu lực (hoặc setId)",
                                  parameters: [idParameter], body: ref("NewCycle"), responses: ["201": json("Đợt mới", ref("Cycle"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/cycles/{id}": [
                "get": operation("getCycle", "Một đợt đánh giá và số hồ sơ theo trạng thái (trong phạm vi của mình)", parameters: [idParameter],
                                 responses: ["200": json("Đợt", ref("Cycle"))], errors: ["401", "404"]),
            ],
            "/api/v1/cycles/{id}/registrations": [
                "post": operation("registerSubjects", "Đăng ký mọi đối tượng chưa đăng ký của một địa bàn (areaId), hoặc một hộ (householdCode)",
                                  parameters: [idParameter], body: ref("Registration"), responses: ["201": json("Kết quả", ref("RegistrationResult"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/cycles/{id}/evaluations": [
                "get": operation("listEvaluations", "Hồ sơ đánh giá của đợt, 100 mỗi trang",
                                 parameters: [idParameter, query("state", "Lọc theo trạng thái", evaluationStateSchema),
                                              query("page", "Trang", ["type": "integer", "minimum": 1])],
                                 responses: ["200": json("Danh sách", ref("EvaluationList"))], errors: ["401", "404", "422"]),
            ],
            "/api/v1/cycles/{id}/council": [
                "post": operation("recordCouncil", "Biên bản họp hội đồng: thông qua hoặc không (kèm lý do) các hồ sơ đã thẩm định",
                                  parameters: [idParameter], body: ref("CouncilBody"), responses: ["201": json("Biên bản", ref("CouncilResult"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/cycles/{id}/decisions": [
                "post": operation("issueDecision", "Quyết định công nhận (hoặc sửa đổi quyết định trước) cho các hồ sơ hội đồng đã thông qua",
                                  parameters: [idParameter], body: ref("DecisionBody"), responses: ["201": json("Quyết định", ref("Decision"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/evaluations/{id}": [
                "get": operation("getEvaluation", "Một hồ sơ: câu trả lời, kết quả tạm tính, còn thiếu gì, các bước được làm, lịch sử",
                                 parameters: [idParameter], responses: ["200": json("Hồ sơ", ref("EvaluationDetail"))], errors: ["401", "404"]),
            ],
            "/api/v1/evaluations/{id}/answers": [
                "put": operation("saveAnswers", "Lưu câu trả lời (được thiếu khi đang đánh giá); 409 nếu người khác đã lưu sau version",
                                 parameters: [idParameter], body: ref("AnswersBody"), responses: ["200": json("Hồ sơ", ref("EvaluationDetail"))],
                                 errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/evaluations/{id}/transitions": [
                "post": operation("transitionEvaluation", "Nộp (submit), trả lại kèm lý do (return), thẩm định (review)",
                                  parameters: [idParameter], body: ref("TransitionBody"), responses: ["200": json("Hồ sơ", ref("Evaluation"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/evaluations/{id}/evidence": [
                "get": operation("listEvidence", "Minh chứng của hồ sơ", parameters: [idParameter],
                                 responses: ["200": json("Danh sách", ref("EvidenceList"))], errors: ["401", "404"]),
                "post": operation("addEvidence", "Thêm minh chứng: tệp JPEG/PNG/PDF (kiểm tra theo nội dung), ghi chú, đường dẫn, cho một hoặc nhiều chỉ tiêu",
                                  parameters: [idParameter],
                                  rawBody: ["multipart/form-data": ["schema": object(required: ["items"], [
                                      "file": ["type": "string", "format": "binary"], "items": ["type": "array", "items": ["type": "string"]],
                                      "note": ["type": "string"], "link": ["type": "string"], "capturedOn": ["type": "string", "format": "date"],
                                  ])]],
                                  responses: ["201": json("Minh chứng", ref("Evidence"))], errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/decisions/{id}": [
                "get": operation("getDecision", "Một quyết định công nhận và danh sách kèm theo", parameters: [idParameter],
                                 responses: ["200": json("Quyết định", ref("Decision"))], errors: ["401", "404"]),
            ],
            "/api/v1/criteria-sets": [
                "get": operation("listCriteriaSets", "Mọi bộ tiêu chí với phiên bản mới nhất (bản nháp chỉ hiện với người quản lý)",
                                 responses: ["200": json("Danh sách", ref("CriteriaSetList"))], errors: ["401"]),
                "post": operation("importCriteriaSet", "Nhập tệp YAML thành bản nháp của bộ cùng mã (thay bản nháp cũ)",
                                  body: ref("YAMLBody"), responses: ["201": json("Bản nháp", ref("CriteriaDraft"))],
                                  errors: ["400", "401", "403", "413", "415", "422"]),
            ],
            "/api/v1/criteria-sets/validate": [
                "post": operation("validateCriteriaSet", "Kiểm tra một tệp YAML, không lưu; trả từng lỗi với vị trí và dòng",
                                  body: ref("YAMLBody"), responses: ["200": json("Kết quả kiểm tra", ref("CriteriaValidation"))],
                                  errors: ["400", "401", "413", "415"]),
            ],
            "/api/v1/criteria-sets/in-force": [
                "get": operation("criteriaSetInForce", "Bộ tiêu chí có hiệu lực cho một mô hình, địa bàn và ngày (biến thể của tỉnh trước bộ quốc gia)",
                                 parameters: [
                                    requiredQuery("model", "Mô hình học tập", modelSchema),
                                    requiredQuery("areaId", "Địa bàn", int64),
                                    query("date", "Ngày (mặc định hôm nay)", ["type": "string", "format": "date"]),
                                    query("targetGroup", "Nhóm đối tượng (công dân học tập): resident, worker, staff, student", ["type": "string"]),
                                 ],
                                 responses: ["200": json("Phiên bản có hiệu lực", ref("CriteriaVersion"))], errors: ["401", "404", "422"]),
            ],
            "/api/v1/criteria-sets/{id}": [
                "get": operation("getCriteriaSet", "Một phiên bản đã công bố với toàn bộ tiêu chí, chỉ tiêu",
                                 parameters: [setIDParameter, versionParameter],
                                 responses: ["200": json("Bộ tiêu chí", ref("CriteriaSetDocument"))], errors: ["401", "404", "422"]),
            ],
            "/api/v1/criteria-sets/{id}/yaml": [
                "get": operation("getCriteriaSetYAML", "Tệp YAML của một phiên bản đã công bố", parameters: [setIDParameter, versionParameter],
                                 responses: ["200": ["description": "Tệp YAML", "content": ["application/yaml": ["schema": ["description": "Tài liệu YAML hoctap-criteria/1"]]]]],
                                 errors: ["401", "404", "422"]),
            ],
            "/api/v1/criteria-sets/{id}/draft": [
                "get": operation("getCriteriaDraft", "Bản nháp (chỉ người quản lý bộ)", parameters: [setIDParameter],
                                 responses: ["200": json("Bản nháp", ref("CriteriaDraft"))], errors: ["401", "403", "404"]),
                "put": operation("saveCriteriaDraft", "Lưu bản nháp như đã gõ, kể cả khi còn lỗi (lỗi trả về trong issues); 409 nếu người khác đã lưu sau version",
                                 parameters: [setIDParameter], body: ref("DraftSave"),
                                 responses: ["200": json("Bản nháp", ref("CriteriaDraft"))],
                                 errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
                "delete": operation("discardCriteriaDraft", "Bỏ bản nháp; các phiên bản đã công bố giữ nguyên",
                                    parameters: [setIDParameter, requiredQuery("version", "Lần sửa của bản nháp đang xem", ["type": "integer"])],
                                    responses: ["204": ["description": "Đã bỏ"]], errors: ["401", "403", "404", "409", "422"]),
            ],
            "/api/v1/criteria-sets/{id}/draft/open": [
                "post": operation("openCriteriaDraft", "Mở bản nháp từ phiên bản mới nhất (trả bản nháp đang có nếu đã có)",
                                  parameters: [setIDParameter], responses: ["201": json("Bản nháp", ref("CriteriaDraft"))],
                                  errors: ["401", "403", "404"]),
            ],
            "/api/v1/criteria-sets/{id}/publish": [
                "post": operation("publishCriteriaSet", "Công bố bản nháp hợp lệ thành phiên bản mới, không thay đổi được",
                                  parameters: [setIDParameter], body: ref("DraftVersion"),
                                  responses: ["201": json("Phiên bản mới", ref("CriteriaVersion"))],
                                  errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/criteria-sets/{id}/derive": [
                "post": operation("deriveCriteriaSet", "Tạo bản nháp biến thể của một tỉnh từ bộ này",
                                  parameters: [setIDParameter], body: ref("DeriveRequest"),
                                  responses: ["201": json("Bản nháp biến thể", ref("CriteriaDraft"))],
                                  errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/criteria-sets/{id}/score": [
                "post": operation("scoreCriteriaSet", "Chấm một bộ câu trả lời, không cần đối tượng đã lưu; kết quả giống hệt lệnh `hoctap criteria score`",
                                  parameters: [setIDParameter, versionParameter], body: ref("ScoringInput"),
                                  responses: ["200": json("Kết quả chấm", ref("ScoreResult"))],
                                  errors: ["400", "401", "404", "413", "415", "422"]),
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
    static var pageParameter: JSONValue { query("page", "Trang (từ 1)", ["type": "integer", "minimum": 1]) }
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
