import Foundation
import HoctapDomain
import HoctapServices

/// Every page and form target of the web UI. Routes are registered from `pattern` and links
/// are built from `path`, so a link cannot point at a route that does not exist.
public enum SiteURL: Hashable, Sendable {
    case home
    case login
    case logout
    case areas
    case area(Area.ID)
    case areaSearch
    case newVillage(commune: Area.ID)
    case importVillages(commune: Area.ID)
    case editVillage(Area.ID)
    case accounts
    case newAccount
    case disableAccount(Int64)
    case enableAccount(Int64)
    /// An account's role and area (a change of privilege).
    case accountRole(Int64)
    case password
    case stylesheet
    case script
    case criteria
    case criteriaImport
    case criteriaSet(String)
    case criteriaRubric(String)
    case criteriaYAML(String)
    case criteriaDraft(String)
    case criteriaOpenDraft(String)
    case criteriaPublish(String)
    case criteriaDiscard(String)
    case criteriaDerive(String)
    case criteriaScore(String)
    case households(area: Area.ID)
    /// A registry (or the results) of an area as CSV or XLSX, in the import layout.
    case export(area: Area.ID, ExportKind, ExportFormat)
    case newHousehold(village: Area.ID)
    case importHouseholds(commune: Area.ID)
    case household(Int64)
    case editHousehold(Int64)
    case newMember(household: Int64)
    case editPerson(Int64)
    case deletePerson(Int64)
    /// One person's data as JSON, for their request under the personal-data rules.
    case personExport(Int64)
    /// Erasing a person's data on their request.
    case erasePerson(Int64)
    case citizens(area: Area.ID)
    case newCitizen(area: Area.ID)
    case units(area: Area.ID)
    case newUnit(area: Area.ID)
    case editUnit(Int64)
    case clans(area: Area.ID)
    case newClan(area: Area.ID)
    case clan(Int64)
    case clanHouseholds(Int64)
    case importUnits(commune: Area.ID)
    case importCitizens(commune: Area.ID)
    case importClans(commune: Area.ID)
    case cycles(commune: Area.ID)
    case cycle(Int64)
    case cycleRegister(Int64)
    case evaluation(Int64)
    case evaluationTransition(Int64)
    case evaluationEvidence(Int64)
    case evidenceFile(Int64)
    case cycleCouncil(Int64)
    case cycleDecisions(Int64)
    case decision(Int64)
    case decisionCertificates(Int64)
    case sharedResult(String)
    case progressHome
    case progress(area: Area.ID)
    case progressCSV(area: Area.ID)
    case progressXLSX(area: Area.ID)
    case denominators(area: Area.ID)
    case denominatorImport
    case plans
    case newPlan
    case plan(Int64)
    case areaClasses(area: Area.ID)
    case progressReport(area: Area.ID)
    case audit
    /// Retention periods for personal data (national administrator).
    case retention
    case applyRetention
    case logoutEverywhere
    case publicStats
    /// Public search of the libraries' harvested catalogues.
    case library
    /// The registered libraries, their harvests, and the form to add one.
    case librarySources
    case removeLibrarySource(Int64)
    case publicArea(Area.ID)
    case openDataCSV
    case openDataJSON
    /// The portal for the public: news, an article under its permanent URL, its files,
    /// documents, the search across everything, feeds, the sitemap and the OAI-PMH provider.
    case news
    case article(Int64, slug: String)
    case articleFile(Int64)
    case documents
    case document(Int64, slug: String)
    case documentFile(Int64, slug: String)
    case search
    case newsAtom
    case newsRSS
    case sitemap
    case robots
    case oai
    /// The portal's editing pages.
    case portalEditor
    case newArticle
    case editArticle(Int64)
    case articleState(Int64)
    case articleUpload(Int64)
    case deleteArticle(Int64)
    case newDocument
    case editDocument(Int64)
    case documentState(Int64)
    /// Exemplary models: the public honour board, a model, its photo; the nomination of a
    /// recognised evaluation, the officials' list and the province's decision.
    case honourBoard
    case exemplary(Int64)
    case exemplaryPhoto(Int64)
    case nominate(evaluation: Int64)
    case nominations
    case decideNomination(Int64)
    /// One's own two-factor sign-in.
    case twoFactor
    /// Community learning centres: a commune's centre (a province's or the nation's figures),
    /// its managers, activities and each activity's attendance.
    case centre(area: Area.ID)
    case centreManagers(commune: Area.ID)
    case removeCentreManager(Int64)
    case centreActivities(commune: Area.ID)
    case centreActivity(Int64)
    case centreAttendance(Int64)
    /// A person's lifelong-learning record: digital skills by year, entries, export.
    case learningRecord(person: Int64)
    case digitalSkill(person: Int64)
    case removeLearningEntry(Int64)
    case learningRecordExport(person: Int64)
    /// The movement dashboard of an area (centres, the association's network, training, digital skills) and its exports.
    case movement(area: Area.ID)
    case movementCSV(area: Area.ID)
    case movementXLSX(area: Area.ID)
    /// A commune's association network: bodies, the year's figures, officers.
    case network(commune: Area.ID)
    case networkYear(commune: Area.ID)
    case networkOfficers(commune: Area.ID)
    case removeOfficer(Int64)
    /// Training courses for association officers and their attendance.
    case trainings(area: Area.ID)
    case training(Int64)
    case trainingAttendance(Int64)

    /// The concrete path of this page.
    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .areas: "/areas"
        case .area(let id): "/areas/\(id)"
        case .areaSearch: "/areas/search"
        case .newVillage(let commune): "/areas/\(commune)/villages/new"
        case .importVillages(let commune): "/areas/\(commune)/villages/import"
        case .editVillage(let id): "/areas/\(id)/edit"
        case .accounts: "/accounts"
        case .newAccount: "/accounts/new"
        case .disableAccount(let id): "/accounts/\(id)/disable"
        case .enableAccount(let id): "/accounts/\(id)/enable"
        case .accountRole(let id): "/accounts/\(id)/role"
        case .password: "/account/password"
        case .stylesheet: "/assets/hoctap-\(Stylesheet.version).css"
        case .script: "/assets/hoctap-\(AutosaveScript.version).js"
        case .criteria: "/criteria"
        case .criteriaImport: "/criteria/import"
        case .criteriaSet(let id): "/criteria/\(Self.segment(id))"
        case .criteriaRubric(let id): "/criteria/\(Self.segment(id))/rubric"
        case .criteriaYAML(let id): "/criteria/\(Self.segment(id))/yaml"
        case .criteriaDraft(let id): "/criteria/\(Self.segment(id))/draft"
        case .criteriaOpenDraft(let id): "/criteria/\(Self.segment(id))/draft/open"
        case .criteriaPublish(let id): "/criteria/\(Self.segment(id))/publish"
        case .criteriaDiscard(let id): "/criteria/\(Self.segment(id))/draft/discard"
        case .criteriaDerive(let id): "/criteria/\(Self.segment(id))/derive"
        case .criteriaScore(let id): "/criteria/\(Self.segment(id))/score"
        case .households(let id): "/areas/\(id)/households"
        case .export(let id, let kind, let format): "/areas/\(id)/\(kind.rawValue)/export.\(format.rawValue)"
        case .newHousehold(let id): "/areas/\(id)/households/new"
        case .importHouseholds(let id): "/areas/\(id)/households/import"
        case .household(let id): "/households/\(id)"
        case .editHousehold(let id): "/households/\(id)/edit"
        case .newMember(let id): "/households/\(id)/members/new"
        case .editPerson(let id): "/persons/\(id)/edit"
        case .deletePerson(let id): "/persons/\(id)/delete"
        case .personExport(let id): "/persons/\(id)/export.json"
        case .erasePerson(let id): "/persons/\(id)/xoa-du-lieu"
        case .citizens(let id): "/areas/\(id)/citizens"
        case .newCitizen(let id): "/areas/\(id)/citizens/new"
        case .units(let id): "/areas/\(id)/units"
        case .newUnit(let id): "/areas/\(id)/units/new"
        case .editUnit(let id): "/units/\(id)/edit"
        case .clans(let id): "/areas/\(id)/clans"
        case .newClan(let id): "/areas/\(id)/clans/new"
        case .clan(let id): "/clans/\(id)"
        case .clanHouseholds(let id): "/clans/\(id)/households"
        case .importUnits(let id): "/areas/\(id)/units/import"
        case .importCitizens(let id): "/areas/\(id)/citizens/import"
        case .importClans(let id): "/areas/\(id)/clans/import"
        case .cycles(let id): "/areas/\(id)/cycles"
        case .cycle(let id): "/cycles/\(id)"
        case .cycleRegister(let id): "/cycles/\(id)/register"
        case .evaluation(let id): "/evaluations/\(id)"
        case .evaluationTransition(let id): "/evaluations/\(id)/transition"
        case .evaluationEvidence(let id): "/evaluations/\(id)/evidence"
        case .evidenceFile(let id): "/evidence/\(id)/file"
        case .cycleCouncil(let id): "/cycles/\(id)/council"
        case .cycleDecisions(let id): "/cycles/\(id)/decisions"
        case .decision(let id): "/decisions/\(id)"
        case .decisionCertificates(let id): "/decisions/\(id)/certificates"
        case .sharedResult(let token): "/ket-qua/\(Self.segment(token))"
        case .progressHome: "/progress"
        case .progress(let id): "/areas/\(id)/progress"
        case .progressCSV(let id): "/areas/\(id)/progress.csv"
        case .progressXLSX(let id): "/areas/\(id)/progress.xlsx"
        case .denominators(let id): "/areas/\(id)/denominators"
        case .denominatorImport: "/denominators/import"
        case .plans: "/plans"
        case .newPlan: "/plans/new"
        case .plan(let id): "/plans/\(id)"
        case .areaClasses(let id): "/areas/\(id)/classes"
        case .progressReport(let id): "/areas/\(id)/progress/report"
        case .audit: "/audit"
        case .retention: "/quan-tri/luu-giu"
        case .applyRetention: "/quan-tri/luu-giu/ap-dung"
        case .logoutEverywhere: "/account/sessions/end-others"
        case .publicStats: "/thong-ke"
        case .library: "/thu-vien"
        case .librarySources: "/thu-vien/nguon"
        case .removeLibrarySource(let id): "/thu-vien/nguon/\(id)/xoa"
        case .publicArea(let id): "/thong-ke/\(id)"
        case .openDataCSV: "/thong-ke/du-lieu.csv"
        case .openDataJSON: "/thong-ke/du-lieu.json"
        case .news: "/tin-tuc"
        case .article(let id, let slug): "/bai-viet/\(id)-\(Self.segment(slug))"
        case .articleFile(let id): "/tep/\(id)"
        case .documents: "/van-ban"
        case .document(let id, let slug): "/van-ban/\(id)-\(Self.segment(slug))"
        case .documentFile(let id, let slug): "/van-ban/\(id)-\(Self.segment(slug))/tep"
        case .search: "/tim-kiem"
        case .newsAtom: "/tin-tuc/atom.xml"
        case .newsRSS: "/tin-tuc/rss.xml"
        case .sitemap: "/sitemap.xml"
        case .robots: "/robots.txt"
        case .oai: "/oai"
        case .portalEditor: "/noi-dung"
        case .newArticle: "/noi-dung/bai-viet/moi"
        case .editArticle(let id): "/noi-dung/bai-viet/\(id)"
        case .articleState(let id): "/noi-dung/bai-viet/\(id)/trang-thai"
        case .articleUpload(let id): "/noi-dung/bai-viet/\(id)/tep"
        case .deleteArticle(let id): "/noi-dung/bai-viet/\(id)/xoa"
        case .newDocument: "/noi-dung/van-ban/moi"
        case .editDocument(let id): "/noi-dung/van-ban/\(id)"
        case .documentState(let id): "/noi-dung/van-ban/\(id)/trang-thai"
        case .honourBoard: "/mo-hinh-tieu-bieu"
        case .centre(let id): "/areas/\(id)/tthtcd"
        case .centreManagers(let id): "/areas/\(id)/tthtcd/can-bo"
        case .removeCentreManager(let id): "/tthtcd/can-bo/\(id)/xoa"
        case .centreActivities(let id): "/areas/\(id)/tthtcd/hoat-dong"
        case .centreActivity(let id): "/tthtcd/hoat-dong/\(id)"
        case .centreAttendance(let id): "/tthtcd/hoat-dong/\(id)/diem-danh"
        case .learningRecord(let id): "/persons/\(id)/hoc-tap"
        case .digitalSkill(let id): "/persons/\(id)/ky-nang-so"
        case .removeLearningEntry(let id): "/hoc-tap/\(id)/xoa"
        case .learningRecordExport(let id): "/persons/\(id)/hoc-tap.json"
        case .movement(let id): "/areas/\(id)/phong-trao"
        case .movementCSV(let id): "/areas/\(id)/phong-trao.csv"
        case .movementXLSX(let id): "/areas/\(id)/phong-trao.xlsx"
        case .network(let id): "/areas/\(id)/hoi"
        case .networkYear(let id): "/areas/\(id)/hoi/so-lieu"
        case .networkOfficers(let id): "/areas/\(id)/hoi/can-bo"
        case .removeOfficer(let id): "/hoi/can-bo/\(id)/xoa"
        case .trainings(let id): "/areas/\(id)/tap-huan"
        case .training(let id): "/tap-huan/\(id)"
        case .trainingAttendance(let id): "/tap-huan/\(id)/diem-danh"
        case .exemplary(let id): "/mo-hinh-tieu-bieu/\(id)"
        case .exemplaryPhoto(let id): "/mo-hinh-tieu-bieu/anh/\(id)"
        case .nominate(let id): "/evaluations/\(id)/de-cu"
        case .nominations: "/mo-hinh"
        case .decideNomination(let id): "/mo-hinh/\(id)/duyet"
        case .twoFactor: "/account/two-factor"
        }
    }

    /// The route pattern, with `:id` where the path has an identifier.
    public var pattern: String {
        switch self {
        case .removeLibrarySource: "/thu-vien/nguon/:id/xoa"
        case .article: "/bai-viet/:slug"
        case .articleFile: "/tep/:id"
        case .document: "/van-ban/:slug"
        case .documentFile: "/van-ban/:slug/tep"
        case .editArticle: "/noi-dung/bai-viet/:id"
        case .articleState: "/noi-dung/bai-viet/:id/trang-thai"
        case .articleUpload: "/noi-dung/bai-viet/:id/tep"
        case .deleteArticle: "/noi-dung/bai-viet/:id/xoa"
        case .editDocument: "/noi-dung/van-ban/:id"
        case .documentState: "/noi-dung/van-ban/:id/trang-thai"
        case .exemplary: "/mo-hinh-tieu-bieu/:id"
        case .exemplaryPhoto: "/mo-hinh-tieu-bieu/anh/:id"
        case .nominate: "/evaluations/:id/de-cu"
        case .decideNomination: "/mo-hinh/:id/duyet"
        case .area: "/areas/:id"
        case .newVillage: "/areas/:id/villages/new"
        case .importVillages: "/areas/:id/villages/import"
        case .editVillage: "/areas/:id/edit"
        case .disableAccount: "/accounts/:id/disable"
        case .enableAccount: "/accounts/:id/enable"
        case .accountRole: "/accounts/:id/role"
        case .criteriaSet: "/criteria/:id"
        case .criteriaRubric: "/criteria/:id/rubric"
        case .criteriaYAML: "/criteria/:id/yaml"
        case .criteriaDraft: "/criteria/:id/draft"
        case .criteriaOpenDraft: "/criteria/:id/draft/open"
        case .criteriaPublish: "/criteria/:id/publish"
        case .criteriaDiscard: "/criteria/:id/draft/discard"
        case .criteriaDerive: "/criteria/:id/derive"
        case .criteriaScore: "/criteria/:id/score"
        case .households: "/areas/:id/households"
        case .export(_, let kind, let format): "/areas/:id/\(kind.rawValue)/export.\(format.rawValue)"
        case .newHousehold: "/areas/:id/households/new"
        case .importHouseholds: "/areas/:id/households/import"
        case .household: "/households/:id"
        case .editHousehold: "/households/:id/edit"
        case .newMember: "/households/:id/members/new"
        case .editPerson: "/persons/:id/edit"
        case .deletePerson: "/persons/:id/delete"
        case .personExport: "/persons/:id/export.json"
        case .erasePerson: "/persons/:id/xoa-du-lieu"
        case .citizens: "/areas/:id/citizens"
        case .newCitizen: "/areas/:id/citizens/new"
        case .units: "/areas/:id/units"
        case .newUnit: "/areas/:id/units/new"
        case .editUnit: "/units/:id/edit"
        case .clans: "/areas/:id/clans"
        case .newClan: "/areas/:id/clans/new"
        case .clan: "/clans/:id"
        case .clanHouseholds: "/clans/:id/households"
        case .importUnits: "/areas/:id/units/import"
        case .importCitizens: "/areas/:id/citizens/import"
        case .importClans: "/areas/:id/clans/import"
        case .cycles: "/areas/:id/cycles"
        case .cycle: "/cycles/:id"
        case .cycleRegister: "/cycles/:id/register"
        case .evaluation: "/evaluations/:id"
        case .evaluationTransition: "/evaluations/:id/transition"
        case .evaluationEvidence: "/evaluations/:id/evidence"
        case .evidenceFile: "/evidence/:id/file"
        case .cycleCouncil: "/cycles/:id/council"
        case .cycleDecisions: "/cycles/:id/decisions"
        case .decision: "/decisions/:id"
        case .decisionCertificates: "/decisions/:id/certificates"
        case .sharedResult: "/ket-qua/:token"
        case .progress: "/areas/:id/progress"
        case .progressCSV: "/areas/:id/progress.csv"
        case .progressXLSX: "/areas/:id/progress.xlsx"
        case .denominators: "/areas/:id/denominators"
        case .plan: "/plans/:id"
        case .areaClasses: "/areas/:id/classes"
        case .publicArea: "/thong-ke/:id"
        case .progressReport: "/areas/:id/progress/report"
        case .centre: "/areas/:id/tthtcd"
        case .centreManagers: "/areas/:id/tthtcd/can-bo"
        case .removeCentreManager: "/tthtcd/can-bo/:id/xoa"
        case .centreActivities: "/areas/:id/tthtcd/hoat-dong"
        case .centreActivity: "/tthtcd/hoat-dong/:id"
        case .centreAttendance: "/tthtcd/hoat-dong/:id/diem-danh"
        case .learningRecord: "/persons/:id/hoc-tap"
        case .digitalSkill: "/persons/:id/ky-nang-so"
        case .removeLearningEntry: "/hoc-tap/:id/xoa"
        case .learningRecordExport: "/persons/:id/hoc-tap.json"
        case .movement: "/areas/:id/phong-trao"
        case .movementCSV: "/areas/:id/phong-trao.csv"
        case .movementXLSX: "/areas/:id/phong-trao.xlsx"
        case .network: "/areas/:id/hoi"
        case .networkYear: "/areas/:id/hoi/so-lieu"
        case .networkOfficers: "/areas/:id/hoi/can-bo"
        case .removeOfficer: "/hoi/can-bo/:id/xoa"
        case .trainings: "/areas/:id/tap-huan"
        case .training: "/tap-huan/:id"
        case .trainingAttendance: "/tap-huan/:id/diem-danh"
        default: path
        }
    }

    /// A path segment with anything but unreserved characters percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// `path` with query parameters, percent-encoded.
    public func with(_ query: [String: String]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? path
    }
}
