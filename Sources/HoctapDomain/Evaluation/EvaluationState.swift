/// Where one subject's evaluation stands in the year's cycle.
public enum EvaluationState: String, CaseIterable, Codable, Sendable {
    /// Being filled in by the assessor.
    case draft
    /// Handed in for review; answers are locked.
    case submitted
    /// Sent back with a reason; the assessor edits again.
    case returned
    /// Checked by the village (or the commune) and put before the council.
    case reviewed
    /// Approved by the council; awaiting the commune's decision.
    case approved
    /// Named in a recognition decision.
    case recognised
    /// Not approved by the council.
    case notRecognised = "not-recognised"

    public var label: String {
        switch self {
        case .draft: "Đang đánh giá"
        case .submitted: "Đã nộp"
        case .returned: "Trả lại để sửa"
        case .reviewed: "Đã thẩm định"
        case .approved: "Hội đồng đã thông qua"
        case .recognised: "Đã công nhận"
        case .notRecognised: "Không công nhận"
        }
    }

    /// Whether answers and evidence may be changed in this state (approval reopens on change).
    public var isEditable: Bool { self == .draft || self == .returned || self == .approved }

    /// Whether the evaluation is finished for the year.
    public var isFinal: Bool { self == .recognised || self == .notRecognised }
}

/// A step of the workflow.
public enum EvaluationAction: String, CaseIterable, Codable, Sendable {
    case edit, submit, `return`, review, approve, reject, recognise

    public var label: String {
        switch self {
        case .edit: "Sửa kết quả, minh chứng"
        case .submit: "Nộp"
        case .return: "Trả lại"
        case .review: "Thẩm định"
        case .approve: "Hội đồng thông qua"
        case .reject: "Hội đồng không thông qua"
        case .recognise: "Công nhận"
        }
    }

    /// The states the action applies to, and where it leads (`edit` of an approved evaluation
    /// reopens review: it goes back to `submitted`).
    public func target(from state: EvaluationState) -> EvaluationState? {
        switch (self, state) {
        case (.edit, .draft), (.edit, .returned): state
        case (.edit, .approved): .submitted
        case (.submit, .draft), (.submit, .returned): .submitted
        case (.return, .submitted), (.return, .reviewed), (.return, .approved): .returned
        case (.review, .submitted): .reviewed
        case (.approve, .reviewed): .approved
        case (.reject, .reviewed): .notRecognised
        case (.recognise, .approved): .recognised
        default: nil
        }
    }

    /// Whether a reason is required (returns and rejections always say why).
    public var needsReason: Bool { self == .return || self == .reject }
}

/// Who may take each step, for a subject at a position in the hierarchy. Pure, so the whole
/// matrix is tested.
public enum EvaluationWorkflow {
    public enum Decision: Hashable, Sendable {
        case allow(EvaluationState)
        /// Inside the actor's subtree, but the role may not take this step.
        case forbidden(String)
        /// Outside the actor's subtree.
        case hidden
        /// The step does not apply to the current state.
        case wrongState(String)
    }

    /// Roles allowed per action, and whether a village officer may act (only on subjects of their village).
    public static func roles(for action: EvaluationAction) -> Set<Role> {
        switch action {
        case .edit, .submit: [.villageOfficer, .communeOfficer]
        case .return: [.villageOfficer, .communeOfficer]
        case .review: [.villageOfficer, .communeOfficer]
        case .approve, .reject: [.councilMember]
        case .recognise: [.communeAuthority]
        }
    }

    public static func decide(_ actor: Actor, _ action: EvaluationAction, state: EvaluationState, subject: AreaPosition) -> Decision {
        guard actor.sees(subject) else { return .hidden }
        let allowed = roles(for: action)
        guard allowed.contains(actor.role) else {
            return .forbidden("Vai trò \(actor.role.label) không được \(action.label.lowercased()); việc này của: \(allowed.map(\.label).sorted().joined(separator: ", ")).")
        }
        // A village officer returns only what is still at the village, before the commune's review.
        if actor.role == .villageOfficer && action == .return && state != .submitted {
            return .forbidden("Thôn chỉ trả lại hồ sơ vừa nộp; hồ sơ đã thẩm định do xã trả lại.")
        }
        if actor.role == .villageOfficer && action == .edit && state == .approved {
            return .forbidden("Hồ sơ đã được hội đồng thông qua; chỉ cán bộ xã được sửa (và hồ sơ sẽ phải thẩm định lại).")
        }
        guard let target = action.target(from: state) else {
            return .wrongState("Không thể \(action.label.lowercased()) hồ sơ ở trạng thái \"\(state.label)\".")
        }
        return .allow(target)
    }
}
