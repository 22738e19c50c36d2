import HoctapDomain

/// The criteria sets part of the OpenAPI document.
extension OpenAPIDocument {
    static var criteriaPaths: JSONValue {
        [
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
}
