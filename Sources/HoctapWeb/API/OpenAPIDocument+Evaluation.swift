import HoctapDomain

/// The yearly cycle part of the OpenAPI document.
extension OpenAPIDocument {
    static var evaluationPaths: JSONValue {
        [
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
                                 parameters: [idParameter, query("state", "Lọc theo trạng thái", evaluationStateSchema)] + pageParameters,
                                 responses: ["200": json("Danh sách", ref("EvaluationList"))], errors: ["400", "401", "404", "422"]),
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
        ]
    }
}
