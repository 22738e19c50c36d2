import Foundation
import HoctapDomain

/// The one JSON form of a score result, shared by `POST /api/v1/criteria-sets/{id}/score` and
/// `hoctap criteria score` so that both print byte-identical output for the same input.
public enum ScoreJSON {
    public static func encode(_ result: ScoreResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(result)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads answers the way both the endpoint and the command do, naming the field that is wrong.
    public static func decodeInput(_ data: Data) throws -> ScoringInput {
        do {
            return try JSONDecoder().decode(ScoringInput.self, from: data)
        } catch let error as DecodingError {
            throw ServiceError.invalid([FieldIssue(Self.path(of: error), "Câu trả lời không đọc được: \(Self.reason(of: error)).")])
        }
    }

    static func path(of error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func reason(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "sai kiểu dữ liệu (cần \(type))"
        case .valueNotFound: "thiếu giá trị"
        case .keyNotFound(let key, _): "thiếu trường \(key.stringValue)"
        case .dataCorrupted(let context): context.underlyingError == nil ? context.debugDescription : "JSON hỏng"
        @unknown default: "không rõ"
        }
    }
}
