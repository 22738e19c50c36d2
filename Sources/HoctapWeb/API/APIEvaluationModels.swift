import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// The JSON shapes of the yearly cycle in `/api/v1`.
extension APIModels {
    struct Cycle: Codable, Sendable {
        var id: Int64
        var communeId: Int64
        var year: Int
        var model: String
        var setId: String
        var setVersion: Int
        var counts: [String: Int]?

        init(_ cycle: CycleRecord, counts: [EvaluationState: Int]? = nil) {
            id = cycle.id
            communeId = cycle.communeID
            year = cycle.year
            model = cycle.model.rawValue
            setId = cycle.setID
            setVersion = cycle.setVersion
            self.counts = counts.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) }) }
        }
    }

    struct NewCycle: Codable, Sendable {
        var year: Int
        var model: String
        var targetGroup: String?
        var setId: String?
    }

    struct Registration: Codable, Sendable {
        var areaId: Int64?
        var householdCode: String?
    }

    struct RegistrationResult: Codable, Sendable {
        var added: Int
        var evaluationId: Int64?
    }

    struct Evaluation: Codable, Sendable {
        var id: Int64
        var cycleId: Int64
        var subjectKind: String
        var subjectId: Int64
        var subjectName: String
        var state: String
        var verdict: String?
        var total: Double?
        var version: Int

        init(_ record: EvaluationRecord) {
            id = record.id
            cycleId = record.cycleID
            subjectKind = record.subjectKind.rawValue
            subjectId = record.subjectID
            subjectName = record.subjectName
            state = record.state.rawValue
            verdict = record.verdictLabel
            total = record.total
            version = record.version
        }
    }

    struct EvaluationDetail: Codable, Sendable {
        var evaluation: Evaluation
        var answers: ScoringInput
        /// Who must assess under the set (self, village, team), and who did.
        var assessor: AssessorKind
        var assessedBy: String?
        var result: ScoreResult?
        var missing: [CriteriaIssue]
        var actions: [String]
        var changedSinceApproval: [String]
        var events: [Event]

        struct Event: Codable, Sendable {
            var action: String
            var from: String
            var to: String
            var reason: String?
            var actor: String
            var at: Date
        }

        init(_ detail: HoctapServices.EvaluationDetail) {
            evaluation = Evaluation(detail.evaluation)
            answers = detail.input
            assessor = detail.set.set.assessor
            assessedBy = detail.evaluation.assessedBy
            result = detail.preview
            missing = detail.missing
            actions = detail.actions.map(\.rawValue)
            changedSinceApproval = detail.changedSinceApproval
            events = detail.events.map { Event(action: $0.action, from: $0.from.rawValue, to: $0.to.rawValue, reason: $0.reason, actor: $0.actorLabel, at: $0.at) }
        }
    }

    struct AnswersBody: Codable, Sendable {
        var answers: ScoringInput
        /// Who assessed; left out, what is recorded stays.
        var assessedBy: String?
        var version: Int
    }

    struct TransitionBody: Codable, Sendable {
        var action: String
        var reason: String?
        var version: Int
    }

    struct Evidence: Codable, Sendable {
        var id: Int64
        var code: String
        var items: [String]
        var mediaType: String?
        var size: Int64?
        var note: String
        var link: String?
        var capturedAt: Date
        var fileUrl: String?

        init(_ record: EvidenceRecord) {
            id = record.id
            code = record.code
            items = record.itemIDs
            mediaType = record.mediaType?.rawValue
            size = record.size
            note = record.note
            link = record.link
            capturedAt = record.capturedAt
            fileUrl = record.fileSHA256 == nil ? nil : SiteURL.evidenceFile(record.id).path
        }
    }

    struct CouncilBody: Codable, Sendable {
        var heldOn: String
        var members: String
        var minutes: String?
        var outcomes: [Outcome]

        struct Outcome: Codable, Sendable {
            var evaluationId: Int64
            var approved: Bool
            var reason: String?
        }
    }

    struct CouncilResult: Codable, Sendable {
        var meetingId: Int64
    }

    struct DecisionBody: Codable, Sendable {
        var number: String
        var signedOn: String
        var signerName: String
        var signerTitle: String
        var legalBasis: String
        var validUntil: String?
        var evaluationIds: [Int64]
        var amends: Int64?
    }

    struct Decision: Codable, Sendable {
        var id: Int64
        var cycleId: Int64
        var number: String
        var signedOn: String
        var signerName: String
        var signerTitle: String
        var legalBasis: String
        var validUntil: String?
        var amends: Int64?
        var subjects: [Subject]

        struct Subject: Codable, Sendable {
            var evaluationId: Int64
            var name: String
            var verdict: String
        }

        init(_ record: DecisionRecord) {
            id = record.id
            cycleId = record.cycleID
            number = record.number
            signedOn = record.signedOn.iso
            signerName = record.signerName
            signerTitle = record.signerTitle
            legalBasis = record.legalBasis
            validUntil = record.validUntil?.iso
            amends = record.amendsID
            subjects = record.subjects.map { Subject(evaluationId: $0.evaluationID, name: $0.subjectName, verdict: $0.verdictLabel) }
        }
    }
}
