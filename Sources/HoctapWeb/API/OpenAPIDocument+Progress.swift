import HoctapDomain

/// The progress part of the OpenAPI document.
extension OpenAPIDocument {
    static var yearParameter: JSONValue { query("year", "Năm (mặc định năm nay)", ["type": "integer", "minimum": .number(Double(PlanDraft.years.lowerBound)), "maximum": .number(Double(PlanDraft.years.upperBound))]) }

    static var progressPaths: JSONValue {
        [
            "/api/v1/areas/{id}/progress": [
                "get": operation("getProgress", "Tiến độ của một địa bàn trong một năm: từng mô hình so với chỉ tiêu, xu hướng, các đơn vị cấp dưới (đọc từ số liệu tổng hợp)",
                                 parameters: [idParameter, yearParameter], responses: ["200": json("Tiến độ", ref("Progress"))], errors: ["401", "404", "422"]),
            ],
            "/api/v1/areas/{id}/denominators": [
                "get": operation("listDenominators", "Số liệu tổng (mẫu số) của một địa bàn trong một năm", parameters: [idParameter, yearParameter],
                                 responses: ["200": json("Số liệu tổng", ref("DenominatorPage"))], errors: ["401", "404", "422"]),
                "put": operation("saveDenominators", "Nhập, sửa số liệu tổng (kèm nguồn; không nhỏ hơn số đã công nhận; version để phát hiện sửa đồng thời)",
                                 parameters: [idParameter], body: ref("DenominatorBody"), responses: ["200": json("Số liệu tổng", ref("DenominatorPage"))],
                                 errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
            "/api/v1/plans": [
                "get": operation("listPlans", "Kế hoạch, chỉ tiêu (quốc gia và của tỉnh mình)", responses: ["200": json("Kế hoạch", ["type": "array", "items": ref("Plan")])],
                                 errors: ["401"]),
            ],
            "/api/v1/plans/{id}": [
                "get": operation("getPlan", "Một kế hoạch và các chỉ tiêu", parameters: [idParameter], responses: ["200": json("Kế hoạch", ref("Plan"))],
                                 errors: ["401", "404"]),
            ],
            "/api/v1/plans/{id}/targets": [
                "put": operation("savePlanTargets", "Thay toàn bộ chỉ tiêu của kế hoạch (0–100 %, không trùng với kế hoạch khác cùng địa bàn)",
                                 parameters: [idParameter], body: ref("PlanTargetsBody"), responses: ["200": json("Kế hoạch", ref("Plan"))],
                                 errors: ["400", "401", "403", "404", "409", "413", "415", "422"]),
            ],
        ]
    }

    static var progressSchemas: JSONValue {
        let number: JSONValue = ["type": "number"]
        let integer: JSONValue = ["type": "integer"]
        let string: JSONValue = ["type": "string"]
        let indicator: JSONValue = ["type": "string", "enum": .array(ProgressIndicator.allCases.map { JSONValue.string($0.rawValue) })]
        let targetIndicator: JSONValue = ["type": "string", "enum": .array(TargetIndicator.allCases.map { JSONValue.string($0.rawValue) })]
        let target: JSONValue = object(required: ["indicator", "year", "status"], [
            "indicator": targetIndicator, "year": integer, "areaClass": ["type": "string", "enum": .array(AreaClass.allCases.map { JSONValue.string($0.rawValue) })],
            "percent": ["type": "number", "minimum": 0, "maximum": 100], "status": ["type": "string", "enum": .array(SourceStatus.allCases.map { JSONValue.string($0.rawValue) })],
            "note": string,
        ])
        let figure: JSONValue = object(required: ["indicator", "label", "registered", "assessed", "approved", "recognised", "denominatorNote"], [
            "indicator": indicator, "label": string, "registered": integer, "assessed": integer, "approved": integer, "recognised": integer,
            "denominator": integer, "denominatorNote": string, "percent": number, "target": number, "targetYear": integer, "targetPlan": string, "gap": number,
        ])
        return [
            "Figure": figure,
            "Progress": object(required: ["area", "year", "figures", "trends", "children"], [
                "area": ref("Area"), "year": integer, "figures": ["type": "array", "items": ref("Figure")],
                "trends": ["type": "array", "items": object(required: ["indicator", "years"], [
                    "indicator": indicator, "projection2025": number, "projection2030": number,
                    "years": ["type": "array", "items": object(required: ["year", "recognised"], ["year": integer, "recognised": integer, "percent": number])],
                ])],
                "children": ["type": "array", "items": object(required: ["area", "figures"], ["area": ref("Area"), "figures": ["type": "array", "items": ref("Figure")]])],
            ]),
            "DenominatorPage": object(required: ["year", "items"], [
                "year": integer,
                "items": ["type": "array", "items": object(required: ["kind", "label", "note", "recognised"], [
                    "kind": string, "label": string, "value": integer, "note": string, "entered": integer, "source": string, "version": integer, "recognised": integer,
                ])],
            ]),
            "DenominatorBody": object(required: ["year", "items"], [
                "year": integer,
                "items": ["type": "array", "items": object(required: ["kind", "value", "source"], [
                    "kind": ["type": "string", "enum": .array(DenominatorKind.allCases.filter { !$0.isCountedFromAreas }.map { JSONValue.string($0.rawValue) })],
                    "value": ["type": "integer", "minimum": 0], "source": ["type": "string", "minLength": 1, "maxLength": 300], "version": integer,
                ])],
            ]),
            "Plan": object(required: ["id", "code", "name", "documentNumber", "issuer", "fromYear", "toYear", "provenance", "version", "targets"], [
                "id": int64, "code": string, "name": string, "documentNumber": string, "documentDate": ["type": "string", "format": "date"], "issuer": string,
                "provinceId": int64, "fromYear": integer, "toYear": integer, "provenance": string, "version": integer, "targets": ["type": "array", "items": target],
            ]),
            "PlanTargetsBody": object(required: ["version", "targets"], ["version": integer, "targets": ["type": "array", "items": target]]),
        ]
    }
}
