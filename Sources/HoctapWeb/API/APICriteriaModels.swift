import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// The JSON shapes of `/api/v1/criteria-sets`.
extension APIModels {
    struct CriteriaSetSummary: Codable, Sendable {
        var id: String
        var name: String
        var model: String?
        var status: String?
        var latestVersion: Int?
        var provinceId: Int64?
        var hasDraft: Bool

        init(_ summary: HoctapServices.CriteriaSetSummary) {
            id = summary.setID
            name = summary.name
            model = summary.model?.rawValue
            status = summary.latest?.status.rawValue
            latestVersion = summary.latest?.version
            provinceId = summary.provinceID
            hasDraft = summary.draft != nil
        }
    }

    struct CriteriaVersion: Codable, Sendable {
        var id: String
        var version: Int
        var model: String
        var name: String
        var status: String
        var targetGroup: String?
        var provinceId: Int64?
        var variantOf: String?
        var variantOfVersion: Int?
        var effectiveFrom: String?
        var effectiveTo: String?
        var contentHash: String
        var publishedAt: Date
        var publishedBy: String
        var officialUse: ScoreResult.OfficialUse

        init(_ published: PublishedCriteriaSet) {
            let record = published.record
            id = record.setID
            version = record.version
            model = record.model.rawValue
            name = record.name
            status = record.status.rawValue
            targetGroup = record.targetGroup
            provinceId = record.provinceID
            variantOf = record.parentSetID
            variantOfVersion = record.parentVersion
            effectiveFrom = record.effectiveFrom?.iso
            effectiveTo = record.effectiveTo?.iso
            contentHash = record.contentHash
            publishedAt = record.publishedAt
            publishedBy = record.publishedBy
            let blockers = published.officialUseBlockers
            officialUse = ScoreResult.OfficialUse(allowed: blockers.isEmpty, reasons: blockers)
        }
    }

    /// A published version with its whole tree, for clients that build assessment forms.
    struct CriteriaSetDocument: Codable, Sendable {
        var version: CriteriaVersion
        var issuer: String
        var document: Document
        var style: String
        var outcomes: [Outcome]
        var criteria: [Criterion]
        var versions: [Int]
        var hasDraft: Bool

        struct Document: Codable, Sendable {
            var number: String
            var dates: [String]
            var title: String?
        }

        struct Criterion: Codable, Sendable {
            var id: String
            var name: String
            var points: Double?
            var minPoints: Double?
            var items: [Item]
        }

        struct Item: Codable, Sendable {
            var id: String
            var text: String?
            var sourceStatus: String
            /// points, check, number or measure
            var answer: String
            var maxPoints: Double?
            var measure: String?
            var unit: String?
            var mandatory: Bool
            var evidence: [String]
            var appliesTo: [String]
            var exceptFor: [String]
        }

        init(_ published: PublishedCriteriaSet, versions: [Int], hasDraft: Bool) {
            let set = published.set
            version = CriteriaVersion(published)
            issuer = set.issuer
            document = Document(number: set.document.number, dates: set.document.dates.map(\.iso), title: set.document.title)
            style = set.scoring.styleName
            switch set.scoring {
            case .points(let rules): outcomes = [rules.fail] + rules.grades.reversed().map(\.outcome)
            case .levels(let rules): outcomes = [rules.fail] + rules.levels
            }
            criteria = set.criteria.map { criterion in
                Criterion(id: criterion.id, name: criterion.name, points: criterion.points, minPoints: criterion.minPoints,
                          items: criterion.items.map(Self.item))
            }
            self.versions = versions
            self.hasDraft = hasDraft
        }

        static func item(_ item: HoctapDomain.Item) -> Item {
            var answer = "points", measure: String?, unit: String?
            switch item.answer {
            case .points: answer = "points"
            case .check: answer = "check"
            case .number(let rule): answer = "number"; unit = rule.unit.rawValue
            case .measure(let name, let rule): answer = "measure"; measure = name; unit = rule.unit.rawValue
            }
            return Item(id: item.id, text: item.text, sourceStatus: item.status.rawValue, answer: answer, maxPoints: item.maxPoints,
                        measure: measure, unit: unit, mandatory: item.mandatory, evidence: item.evidence,
                        appliesTo: item.appliesTo, exceptFor: item.exceptFor)
        }
    }

    struct CriteriaDraft: Codable, Sendable {
        var id: String
        var version: Int
        var provinceId: Int64?
        var updatedAt: Date
        var updatedBy: String
        var yaml: String
        var valid: Bool
        var issues: [CriteriaIssue]
        var officialUseBlockers: [String]

        init(_ state: CriteriaDraftState) {
            id = state.record.setID
            version = state.record.version
            provinceId = state.record.provinceID
            updatedAt = state.record.updatedAt
            updatedBy = state.record.updatedBy
            yaml = state.record.yaml
            valid = state.issues.isEmpty
            issues = state.issues
            officialUseBlockers = state.set.map(CriteriaSetValidator.officialUseBlockers) ?? []
        }
    }

    struct CriteriaValidation: Codable, Sendable {
        var valid: Bool
        var issues: [CriteriaIssue]
        var officialUseBlockers: [String]
        var completenessGaps: [String]
    }

    struct YAMLBody: Codable, Sendable {
        var yaml: String
    }

    struct DraftSave: Codable, Sendable {
        var yaml: String
        var version: Int
    }

    struct DraftVersion: Codable, Sendable {
        var version: Int
    }

    struct DeriveRequest: Codable, Sendable {
        var id: String
        var province: String
        var effectiveFrom: String?
    }
}
