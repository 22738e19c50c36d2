/// Who fills in the assessment of a set (người đánh giá), which decides what the form asks for
/// before it can be handed in: a self-assessment names the person who assessed on the subject's
/// behalf, a team assessment names its members, an officer's assessment is signed by the account.
public enum AssessorKind: String, CaseIterable, Codable, Sendable {
    /// Tự đánh giá: the household, clan or citizen assesses itself (often on paper or by QR form);
    /// the village officer enters it and records who assessed.
    case `self`
    /// Chi hội khuyến học thôn đánh giá: the village's officer assesses.
    case village
    /// Tổ đánh giá: a team set up by the head of the unit or the commune (TT 24/2023, TT 25/2023).
    case team

    public var label: String {
        switch self {
        case .self: "Tự đánh giá"
        case .village: "Chi hội thôn, tổ dân phố đánh giá"
        case .team: "Tổ đánh giá của đơn vị"
        }
    }

    /// The label of the "who assessed" field on the form.
    public var assessedByLabel: String {
        switch self {
        case .self: "Người tự đánh giá (đại diện hộ, dòng họ hoặc công dân)"
        case .village: "Người đánh giá của chi hội"
        case .team: "Thành viên Tổ đánh giá"
        }
    }

    /// Whether the form must name who assessed before it is handed in (an officer's own
    /// assessment is signed by the account that submits it).
    public var requiresNames: Bool { self != .village }
}

extension LearningModel {
    /// Who assesses when a set does not say: subjects assess themselves, villages are assessed by
    /// their association branch, units and communes by their assessment team.
    public var defaultAssessor: AssessorKind {
        switch self {
        case .family, .clan, .citizen: .self
        case .communityVillage: .village
        case .communityCommune, .unit: .team
        }
    }
}
