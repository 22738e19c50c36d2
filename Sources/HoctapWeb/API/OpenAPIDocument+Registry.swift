import HoctapDomain

/// The registries part of the OpenAPI document.
extension OpenAPIDocument {
    static var registryPaths: JSONValue {
        [
            "/api/v1/areas/{id}/households": [
                "get": operation("listHouseholds", "Hộ gia đình trong một thôn hoặc xã (tìm không dấu, 50 mỗi trang)",
                                 parameters: [idParameter, query("q", "Tên chủ hộ, mã hộ, địa chỉ", ["type": "string", "maxLength": 100])] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("HouseholdPage"))], errors: ["400", "401", "404"]),
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
                "get": operation("listCitizens", "Công dân học tập trong một thôn hoặc xã", parameters: [idParameter, query("q", "Họ tên", ["type": "string", "maxLength": 100])] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("PersonPage"))], errors: ["400", "401", "404"]),
                "post": operation("createCitizen", "Đăng ký công dân học tập (không thuộc hộ)", parameters: [idParameter], body: ref("PersonBody"),
                                  responses: ["201": json("Người", ref("Person"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/units": [
                "get": operation("listUnits", "Đơn vị trong một xã hoặc thôn", parameters: [idParameter, query("q", "Tên đơn vị", ["type": "string", "maxLength": 100])] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("UnitPage"))], errors: ["400", "401", "404"]),
                "post": operation("createUnit", "Đăng ký đơn vị", parameters: [idParameter], body: ref("UnitBody"),
                                  responses: ["201": json("Đơn vị", ref("Unit"))], errors: ["400", "401", "403", "404", "413", "415", "422"]),
            ],
            "/api/v1/units/{id}": [
                "patch": operation("updateUnit", "Sửa đơn vị (kèm version)", parameters: [idParameter], body: ref("UnitBody"),
                                   responses: ["200": json("Đơn vị", ref("Unit"))], errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/areas/{id}/clans": [
                "get": operation("listClans", "Dòng họ đăng ký ở một xã", parameters: [idParameter, query("q", "Tên dòng họ", ["type": "string", "maxLength": 100])] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("ClanPage"))], errors: ["400", "401", "404"]),
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
        ]
    }
}
