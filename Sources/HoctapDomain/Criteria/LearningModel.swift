/// The five learning models of the programme, with the community split by level.
public enum LearningModel: String, CaseIterable, Codable, Sendable {
    /// Gia đình học tập: a household.
    case family
    /// Dòng họ học tập: a lineage.
    case clan
    /// Cộng đồng học tập cấp thôn, tổ dân phố: a village or residential group.
    case communityVillage = "community-village"
    /// Cộng đồng học tập cấp xã (TT 25/2023): the commune itself.
    case communityCommune = "community-commune"
    /// Đơn vị học tập: an agency, school, enterprise, production establishment.
    case unit
    /// Công dân học tập: a person.
    case citizen

    public var label: String {
        switch self {
        case .family: "Gia đình học tập"
        case .clan: "Dòng họ học tập"
        case .communityVillage: "Cộng đồng học tập cấp thôn, tổ dân phố"
        case .communityCommune: "Cộng đồng học tập cấp xã"
        case .unit: "Đơn vị học tập"
        case .citizen: "Công dân học tập"
        }
    }
}

/// How far a statement in a criteria set is backed by the legal text.
public enum SourceStatus: String, CaseIterable, Codable, Sendable {
    /// Read in the primary text or two consistent sources.
    case verified
    /// Read in one secondary source only.
    case secondary
    /// Inferred; never to be used as an official rule.
    case reconstructed
    /// Not found: the text or number is missing.
    case unknown
    /// Not official at all: written for a demonstration.
    case demo

    public var label: String {
        switch self {
        case .verified: "đã đối chiếu văn bản"
        case .secondary: "theo một nguồn thứ cấp"
        case .reconstructed: "suy đoán, chưa có văn bản"
        case .unknown: "chưa có văn bản"
        case .demo: "nội dung trình diễn"
        }
    }
}

/// Whether a criteria set may be used for an official recognition.
public enum CriteriaSetStatus: String, CaseIterable, Codable, Sendable {
    /// Complete and traceable to a legal text in force.
    case official
    /// Being prepared or adapted; not for official use.
    case draft
    /// Known to be missing items or thresholds; shown and completed, never used officially.
    case incomplete

    public var label: String {
        switch self {
        case .official: "Chính thức"
        case .draft: "Bản nháp"
        case .incomplete: "Chưa đầy đủ"
        }
    }
}
