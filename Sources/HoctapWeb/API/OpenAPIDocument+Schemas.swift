import Foundation
import HoctapDomain

/// The component schemas of the OpenAPI document.
extension OpenAPIDocument {

    static var schemas: JSONValue {
        [
            "Error": object(required: ["code", "message"], [
                "code": ["type": "string", "description": "Mã lỗi ổn định cho máy đọc (not_found, invalid_input…)"],
                "message": ["type": "string", "description": "Thông báo tiếng Việt cho người dùng"],
                "issues": ["type": "array", "items": ref("Issue")],
            ]),
            "Issue": object(required: ["message"], [
                "field": ["type": "string"], "file": ["type": "string"], "line": ["type": "integer"],
                "column": ["type": "integer"], "columnName": ["type": "string"], "message": ["type": "string"],
            ]),
            "AreaRef": object(required: ["id", "code", "fullName"], [
                "id": int64, "code": ["type": "string"], "fullName": ["type": "string"],
            ]),
            "Area": object(required: ["id", "code", "level", "kind", "kindLabel", "name", "fullName", "version"], [
                "id": int64, "code": ["type": "string"],
                "level": ["type": "string", "enum": ["nation", "province", "district", "commune", "village"]],
                "kind": ["type": "string"], "kindLabel": ["type": "string"], "name": ["type": "string"],
                "fullName": ["type": "string"], "parentId": int64,
                "validFrom": ["type": "string", "format": "date"], "validTo": ["type": "string", "format": "date"],
                "version": ["type": "integer"], "childCount": ["type": "integer"],
            ]),
            "AreaList": object(required: ["items"], ["items": ["type": "array", "items": ref("Area")]]),
            "AreaDetail": object(required: ["area", "ancestors", "counts", "predecessors", "successors"], [
                "area": ref("Area"),
                "ancestors": ["type": "array", "items": ref("AreaRef")],
                "counts": ["type": "object", "additionalProperties": ["type": "integer"]],
                "predecessors": ["type": "array", "items": ref("AreaLink")],
                "successors": ["type": "array", "items": ref("AreaLink")],
            ]),
            "AreaLink": object(required: ["area", "part"], [
                "area": ref("AreaRef"), "part": ["type": "string", "enum": ["full", "partial"]],
            ]),
            "Account": object(required: ["id", "username", "displayName", "role", "roleLabel", "area", "disabled", "version"], [
                "id": int64, "username": ["type": "string"], "displayName": ["type": "string"], "role": roleSchema,
                "roleLabel": ["type": "string"], "area": ref("AreaRef"), "disabled": ["type": "boolean"], "version": ["type": "integer"],
            ]),
            "AccountList": page(of: "Account"),
            "Me": object(required: ["accountId", "username", "displayName", "role", "roleLabel", "sessionExpiresAt"], [
                "accountId": int64, "username": ["type": "string"], "displayName": ["type": "string"], "role": roleSchema,
                "roleLabel": ["type": "string"], "areaId": int64, "sessionExpiresAt": ["type": "string", "format": "date-time"],
            ]),
            "LoginRequest": object(required: ["username", "password"], [
                "username": ["type": "string"], "password": ["type": "string"],
                "code": ["type": "string", "description": "Mã 6 số khi tài khoản bật xác thực hai bước"],
            ]),
            "LoginResponse": object(required: ["token", "expiresAt", "account"], [
                "token": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"], "account": ref("Me"),
            ]),
            "NewVillage": object(required: ["name", "kind"], [
                "name": ["type": "string"], "kind": villageKindSchema, "code": ["type": "string"],
            ]),
            "VillageUpdate": object(required: ["name", "kind", "version"], [
                "name": ["type": "string"], "kind": villageKindSchema, "version": ["type": "integer"],
            ]),
            "NewAccount": object(required: ["username", "displayName", "password", "role", "areaId"], [
                "username": ["type": "string"], "displayName": ["type": "string"], "password": ["type": "string"],
                "role": roleSchema, "areaId": int64,
            ]),
            "VersionBody": object(required: [], ["version": ["type": "integer"]]),
            "RoleChange": object(required: ["role", "areaCode", "version"], [
                "role": roleSchema, "areaCode": ["type": "string", "description": "VN hoặc để trống (toàn quốc), mã tỉnh, mã xã hoặc mã thôn"],
                "version": ["type": "integer"],
            ]),
            "PasswordChange": object(required: ["currentPassword", "newPassword"], [
                "currentPassword": ["type": "string"], "newPassword": ["type": "string"],
            ]),
            "ImportReport": object(required: ["created", "updated", "unchanged"], [
                "created": ["type": "integer"], "updated": ["type": "integer"], "unchanged": ["type": "integer"],
            ]),
            "Person": object(required: ["id", "fullName", "version"], [
                "id": int64, "householdId": int64, "fullName": ["type": "string"], "birthYear": ["type": "integer"],
                "sex": ["type": "string", "enum": ["male", "female"]], "relation": ["type": "string"], "schooling": ["type": "string"],
                "literate": ["type": "boolean"], "studying": ["type": "boolean"],
                "targetGroup": ["type": "string", "enum": ["resident", "worker", "staff", "student"]],
                "personalId": ["type": "string", "description": "Bốn số cuối (••••••••1234) trừ khi được xem đầy đủ"], "version": ["type": "integer"],
            ]),
            "PersonBody": object(required: ["fullName"], [
                "fullName": ["type": "string"], "birthYear": ["type": "integer"], "sex": ["type": "string", "enum": ["male", "female"]],
                "relation": ["type": "string", "enum": .array(HouseholdRelation.allCases.map { JSONValue.string($0.rawValue) })],
                "schooling": ["type": "string", "enum": .array(Schooling.allCases.map { JSONValue.string($0.rawValue) })],
                "literate": ["type": "boolean"], "studying": ["type": "boolean"],
                "targetGroup": ["type": "string", "enum": ["resident", "worker", "staff", "student"]],
                "personalId": ["type": "string", "description": "12 chữ số"], "clearPersonalId": ["type": "boolean"], "version": ["type": "integer"],
            ]),
            "PersonPage": page(of: "Person"),
            "Household": object(required: ["id", "code", "villageName", "headName", "address", "memberCount", "version"], [
                "id": int64, "code": ["type": "string"], "villageId": int64, "villageName": ["type": "string"], "headName": ["type": "string"],
                "address": ["type": "string"], "memberCount": ["type": "integer"], "version": ["type": "integer"],
                "members": ["type": "array", "items": ref("Person")],
            ]),
            "HouseholdBody": object(required: ["headName"], ["headName": ["type": "string"], "address": ["type": "string"], "version": ["type": "integer"]]),
            "HouseholdPage": page(of: "Household"),
            "HouseholdImportReport": object(required: ["households", "members"], ["households": ["type": "integer"], "members": ["type": "integer"]]),
            "RegistryImportReport": object(required: ["created"], ["created": ["type": "integer"]]),
            "ClanImportReport": object(required: ["clans", "households"], ["clans": ["type": "integer"], "households": ["type": "integer"]]),
            "Unit": object(required: ["id", "name", "kind", "version"], [
                "id": int64, "name": ["type": "string"], "kind": unitKindSchema, "staffCount": ["type": "integer"], "villageId": int64, "version": ["type": "integer"],
            ]),
            "UnitBody": object(required: ["name", "kind"], ["name": ["type": "string"], "kind": unitKindSchema, "staffCount": ["type": "integer"], "version": ["type": "integer"]]),
            "UnitPage": page(of: "Unit"),
            "Clan": object(required: ["id", "name", "headName", "householdCount"], [
                "id": int64, "name": ["type": "string"], "headName": ["type": "string"], "householdCount": ["type": "integer"],
                "households": ["type": "array", "items": ref("Household")],
            ]),
            "ClanBody": object(required: ["name"], ["name": ["type": "string"], "headName": ["type": "string"]]),
            "ClanPage": page(of: "Clan"),
            "CodeBody": object(required: ["code"], ["code": ["type": "string"]]),
            "Cycle": object(required: ["id", "communeId", "year", "model", "setId", "setVersion"], [
                "id": int64, "communeId": int64, "year": ["type": "integer"], "model": modelSchema, "setId": ["type": "string"],
                "setVersion": ["type": "integer"], "counts": ["type": "object", "additionalProperties": ["type": "integer"]],
            ]),
            "CycleList": object(required: ["items"], ["items": ["type": "array", "items": ref("Cycle")]]),
            "NewCycle": object(required: ["year", "model"], [
                "year": ["type": "integer"], "model": modelSchema,
                "targetGroup": ["type": "string", "enum": ["resident", "worker", "staff", "student"]], "setId": ["type": "string"],
            ]),
            "Registration": object(required: [], ["areaId": int64, "householdCode": ["type": "string"]]),
            "RegistrationResult": object(required: ["added"], ["added": ["type": "integer"], "evaluationId": int64]),
            "Evaluation": object(required: ["id", "cycleId", "subjectKind", "subjectId", "subjectName", "state", "version"], [
                "id": int64, "cycleId": int64, "subjectKind": ["type": "string", "enum": ["household", "clan", "village", "commune", "unit", "person"]],
                "subjectId": int64, "subjectName": ["type": "string"], "state": evaluationStateSchema, "verdict": ["type": "string"],
                "total": ["type": "number"], "version": ["type": "integer"],
            ]),
            "EvaluationList": page(of: "Evaluation"),
            "EvaluationDetail": object(required: ["evaluation", "answers", "assessor", "missing", "actions", "changedSinceApproval", "events"], [
                "evaluation": ref("Evaluation"), "answers": ref("ScoringInput"), "result": ref("ScoreResult"),
                "assessor": ["type": "string", "enum": .array(AssessorKind.allCases.map { JSONValue.string($0.rawValue) })], "assessedBy": ["type": "string"],
                "missing": ["type": "array", "items": ref("CriteriaIssue")], "actions": stringArray, "changedSinceApproval": stringArray,
                "events": ["type": "array", "items": object(required: ["action", "from", "to", "actor", "at"], [
                    "action": ["type": "string"], "from": evaluationStateSchema, "to": evaluationStateSchema, "reason": ["type": "string"],
                    "actor": ["type": "string"], "at": ["type": "string", "format": "date-time"],
                ])],
            ]),
            "AnswersBody": object(required: ["answers", "version"], ["answers": ref("ScoringInput"), "version": ["type": "integer"],
                                                                     "assessedBy": ["type": "string", "maxLength": 500]]),
            "TransitionBody": object(required: ["action", "version"], [
                "action": ["type": "string", "enum": ["submit", "return", "review"]], "reason": ["type": "string"], "version": ["type": "integer"],
            ]),
            "Evidence": object(required: ["id", "code", "items", "note", "capturedAt"], [
                "id": int64, "code": ["type": "string"], "items": stringArray, "mediaType": ["type": "string", "enum": ["image/jpeg", "image/png", "application/pdf"]],
                "size": ["type": "integer"], "note": ["type": "string"], "link": ["type": "string"], "capturedAt": ["type": "string", "format": "date-time"],
                "fileUrl": ["type": "string"],
            ]),
            "EvidenceList": object(required: ["items"], ["items": ["type": "array", "items": ref("Evidence")]]),
            "CouncilBody": object(required: ["heldOn", "members", "outcomes"], [
                "heldOn": ["type": "string", "format": "date"], "members": ["type": "string"], "minutes": ["type": "string"],
                "outcomes": ["type": "array", "items": object(required: ["evaluationId", "approved"], [
                    "evaluationId": int64, "approved": ["type": "boolean"], "reason": ["type": "string"],
                ])],
            ]),
            "CouncilResult": object(required: ["meetingId"], ["meetingId": int64]),
            "DecisionBody": object(required: ["number", "signedOn", "signerName", "signerTitle", "legalBasis", "evaluationIds"], [
                "number": ["type": "string"], "signedOn": ["type": "string", "format": "date"], "signerName": ["type": "string"],
                "signerTitle": ["type": "string"], "legalBasis": ["type": "string"], "validUntil": ["type": "string", "format": "date"],
                "evaluationIds": ["type": "array", "items": int64], "amends": int64,
            ]),
            "Decision": object(required: ["id", "cycleId", "number", "signedOn", "signerName", "signerTitle", "legalBasis", "subjects"], [
                "id": int64, "cycleId": int64, "number": ["type": "string"], "signedOn": ["type": "string", "format": "date"],
                "signerName": ["type": "string"], "signerTitle": ["type": "string"], "legalBasis": ["type": "string"],
                "validUntil": ["type": "string", "format": "date"], "amends": int64,
                "subjects": ["type": "array", "items": object(required: ["evaluationId", "name", "verdict"], [
                    "evaluationId": int64, "name": ["type": "string"], "verdict": ["type": "string"],
                ])],
            ]),
            "CriteriaSetSummary": object(required: ["id", "name", "hasDraft"], [
                "id": ["type": "string"], "name": ["type": "string"], "model": modelSchema, "status": statusSchema,
                "latestVersion": ["type": "integer"], "provinceId": int64, "hasDraft": ["type": "boolean"],
            ]),
            "CriteriaSetList": object(required: ["items"], ["items": ["type": "array", "items": ref("CriteriaSetSummary")]]),
            "OfficialUse": object(required: ["allowed", "reasons"], [
                "allowed": ["type": "boolean"], "reasons": ["type": "array", "items": ["type": "string"]],
            ]),
            "CriteriaVersion": object(required: ["id", "version", "model", "name", "status", "contentHash", "publishedAt", "publishedBy", "officialUse"], [
                "id": ["type": "string"], "version": ["type": "integer"], "model": modelSchema, "name": ["type": "string"],
                "status": statusSchema, "targetGroup": ["type": "string"], "provinceId": int64, "variantOf": ["type": "string"],
                "variantOfVersion": ["type": "integer"], "effectiveFrom": ["type": "string", "format": "date"],
                "effectiveTo": ["type": "string", "format": "date"], "contentHash": ["type": "string"],
                "publishedAt": ["type": "string", "format": "date-time"], "publishedBy": ["type": "string"], "officialUse": ref("OfficialUse"),
            ]),
            "CriteriaSetDocument": object(required: ["version", "issuer", "document", "style", "outcomes", "criteria", "versions", "hasDraft"], [
                "version": ref("CriteriaVersion"), "issuer": ["type": "string"],
                "document": object(required: ["number", "dates"], [
                    "number": ["type": "string"], "dates": ["type": "array", "items": ["type": "string", "format": "date"]], "title": ["type": "string"],
                ]),
                "style": ["type": "string", "enum": ["points", "levels"]],
                "outcomes": ["type": "array", "items": ref("Outcome")],
                "criteria": ["type": "array", "items": object(required: ["id", "name", "items"], [
                    "id": ["type": "string"], "name": ["type": "string"], "points": ["type": "number"], "minPoints": ["type": "number"],
                    "items": ["type": "array", "items": object(required: ["id", "sourceStatus", "answer", "mandatory", "evidence", "appliesTo", "exceptFor"], [
                        "id": ["type": "string"], "text": ["type": "string"], "sourceStatus": ["type": "string"],
                        "answer": ["type": "string", "enum": ["points", "check", "number", "measure"]], "maxPoints": ["type": "number"],
                        "measure": ["type": "string"], "unit": ["type": "string", "enum": ["share", "level", "count"]],
                        "mandatory": ["type": "boolean"], "evidence": stringArray, "appliesTo": stringArray, "exceptFor": stringArray,
                    ])],
                ])],
                "versions": ["type": "array", "items": ["type": "integer"]], "hasDraft": ["type": "boolean"],
            ]),
            "Outcome": object(required: ["code", "label"], ["code": ["type": "string"], "label": ["type": "string"]]),
            "CriteriaIssue": object(required: ["path", "message"], [
                "path": ["type": "string", "description": "Vị trí trong tệp, ví dụ criteria[2].items[1].points"],
                "line": ["type": "integer"], "message": ["type": "string"],
            ]),
            "CriteriaDraft": object(required: ["id", "version", "updatedAt", "updatedBy", "yaml", "valid", "issues", "officialUseBlockers"], [
                "id": ["type": "string"], "version": ["type": "integer"], "provinceId": int64,
                "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": ["type": "string"], "yaml": ["type": "string"],
                "valid": ["type": "boolean"], "issues": ["type": "array", "items": ref("CriteriaIssue")], "officialUseBlockers": stringArray,
            ]),
            "CriteriaValidation": object(required: ["valid", "issues", "officialUseBlockers", "completenessGaps"], [
                "valid": ["type": "boolean"], "issues": ["type": "array", "items": ref("CriteriaIssue")],
                "officialUseBlockers": stringArray, "completenessGaps": stringArray,
            ]),
            "YAMLBody": object(required: ["yaml"], ["yaml": ["type": "string"]]),
            "DraftSave": object(required: ["yaml", "version"], ["yaml": ["type": "string"], "version": ["type": "integer"]]),
            "DraftVersion": object(required: ["version"], ["version": ["type": "integer"]]),
            "DeriveRequest": object(required: ["id", "province"], [
                "id": ["type": "string", "pattern": "^[a-z0-9-]{3,64}$"], "province": ["type": "string", "description": "Mã tỉnh (01, 40…)"],
                "effectiveFrom": ["type": "string", "format": "date"],
            ]),
            "ScoringInput": object(required: [], [
                "items": ["type": "object", "description": "Câu trả lời theo mã chỉ tiêu: số điểm, số, hoặc true/false",
                          "additionalProperties": ["oneOf": [["type": "number"], ["type": "boolean"]]]],
                "measures": ["type": "object", "description": "Số liệu tính từ hồ sơ khác: một số, hoặc {numerator, denominator}",
                             "additionalProperties": ["oneOf": [["type": "number"], object(required: [], [
                                "numerator": ["type": "number"], "denominator": ["type": "number"], "value": ["type": "number"]])]]],
                "areaClasses": stringArray,
                "subjectKind": ["type": "string"],
            ]),
            "ScoreResult": object(required: ["set", "style", "verdict", "criteria", "failures", "officialUse"], [
                "set": object(required: ["id", "name", "status"], [
                    "id": ["type": "string"], "version": ["type": "integer"], "name": ["type": "string"], "status": ["type": "string"],
                ]),
                "style": ["type": "string", "enum": ["points", "levels"]],
                "verdict": object(required: ["code", "label", "rank", "determined"], [
                    "code": ["type": "string"], "label": ["type": "string"], "rank": ["type": "integer"], "determined": ["type": "boolean"],
                ]),
                "total": ["type": "number"], "maxTotal": ["type": "number"],
                "criteria": ["type": "array", "items": object(required: ["id", "name", "items"], [
                    "id": ["type": "string"], "name": ["type": "string"], "points": ["type": "number"], "maxPoints": ["type": "number"],
                    "metLevels": stringArray,
                    "items": ["type": "array", "items": object(required: ["id", "applicable", "source"], [
                        "id": ["type": "string"], "applicable": ["type": "boolean"], "value": ["type": "number"],
                        "maxPoints": ["type": "number"], "metLevels": stringArray,
                        "source": ["type": "string", "enum": ["answer", "measure", "missing", "not-applicable"]],
                    ])],
                ])],
                "failures": ["type": "array", "items": object(required: ["rule", "message"], [
                    "rule": ["type": "string"], "ref": ["type": "string"], "target": ["type": "string"], "message": ["type": "string"],
                ])],
                "next": object(required: ["target", "changes", "message"], [
                    "target": ref("Outcome"), "message": ["type": "string"],
                    "changes": ["type": "array", "items": object(required: ["item", "to", "message"], [
                        "item": ["type": "string"], "from": ["type": "number"], "to": ["type": "number"], "message": ["type": "string"],
                    ])],
                ]),
                "officialUse": ref("OfficialUse"),
            ]),
        ]
    }
}
