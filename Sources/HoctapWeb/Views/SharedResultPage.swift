import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The subject's own read-only view of its result, reached through the link its officer gave it.
enum SharedResultPage {
    static func render(_ shared: SharedResult, chrome: PageChrome) -> HTML {
        let evaluation = shared.evaluation
        return Layout.page(title: "Kết quả \(shared.cycle.model.label) năm \(shared.cycle.year)", chrome: chrome, [
            .p(.element(named: "strong", nodes: [BodyNode.text(evaluation.subjectName)])),
            .p(.text("Trạng thái: "), EvaluationText.stateTag(evaluation.state)),
            .unwrap(shared.decision) { decision in
                .p(.class("notice ok"), .text("Đã được công nhận theo Quyết định số \(decision.number) ngày \(VietnameseFormat.date(decision.signedOn))."))
            },
            .unwrap(shared.result) { CriteriaScorePage.result($0, set: shared.set) },
            .p(.class("hint"), .text("Trang chỉ để xem. Muốn sửa hoặc bổ sung minh chứng, liên hệ chi hội khuyến học thôn hoặc Hội Khuyến học xã.")),
        ])
    }
}
