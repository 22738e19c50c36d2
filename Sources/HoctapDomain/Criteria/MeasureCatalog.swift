/// A named quantity computed from other records (households, members, citizens) and handed to
/// the scoring engine, which never reads records itself.
public struct MeasureDefinition: Hashable, Sendable {
    public var name: String
    public var label: String
    public var unit: NumberUnit

    public init(name: String, label: String, unit: NumberUnit) {
        self.name = name
        self.label = label
        self.unit = unit
    }
}

/// The measures criteria sets may refer to. A set naming any other measure is refused, so a
/// typo cannot silently make an indicator impossible to meet.
public enum MeasureCatalog {
    public static let all: [MeasureDefinition] = [
        .init(name: "commune_citizens_learning_citizen_share",
              label: "Tỉ lệ công dân trong xã đạt danh hiệu \"Công dân học tập\" (QĐ 324/QĐ-KHVN)", unit: .share),
        .init(name: "commune_citizens_trained_share",
              label: "Tỉ lệ công dân trong xã được đào tạo trình độ chuyên môn kỹ thuật", unit: .share),
        .init(name: "commune_citizens_university_share",
              label: "Tỉ lệ công dân trong xã có trình độ đại học trở lên", unit: .share),
        .init(name: "commune_households_learning_family_share",
              label: "Tỉ lệ hộ gia đình trong xã được công nhận \"Gia đình học tập\"", unit: .share),
        .init(name: "village_households_learning_family_share",
              label: "Tỉ lệ hộ gia đình trong thôn được công nhận \"Gia đình học tập\"", unit: .share),
        .init(name: "clan_households_learning_family_share",
              label: "Tỉ lệ hộ trong dòng họ được công nhận \"Gia đình học tập\"", unit: .share),
        .init(name: "unit_members_discipline_share",
              label: "Tỉ lệ thành viên chấp hành kỷ luật lao động, đoàn kết, hợp tác, chia sẻ", unit: .share),
        .init(name: "unit_members_required_training_share",
              label: "Tỉ lệ thành viên hoàn thành các chương trình học tập, bồi dưỡng bắt buộc", unit: .share),
        .init(name: "unit_members_digital_share",
              label: "Tỉ lệ thành viên được bồi dưỡng và tham gia chuyển đổi số của đơn vị", unit: .share),
        .init(name: "unit_members_language_share",
              label: "Tỉ lệ thành viên có khả năng sử dụng ngoại ngữ hoặc tiếng dân tộc đáp ứng vị trí việc làm", unit: .share),
        .init(name: "unit_members_advanced_worker_share",
              label: "Tỉ lệ thành viên đạt danh hiệu \"Lao động tiên tiến\" trở lên", unit: .share),
        .init(name: "unit_members_learning_citizen_share",
              label: "Tỉ lệ thành viên đạt danh hiệu \"Công dân học tập\" (QĐ 324/QĐ-KHVN)", unit: .share),
        .init(name: "unit_learners_learning_citizen_share",
              label: "Tỉ lệ người học đạt danh hiệu \"Công dân học tập\" (QĐ 324/QĐ-KHVN)", unit: .share),
    ]

    public static func measure(named name: String) -> MeasureDefinition? {
        all.first { $0.name == name }
    }
}
