/// The one place that decides who may do what. Every route asks it; no handler checks roles itself.
///
/// Decisions distinguish "outside your area" from "inside but not allowed": the first is answered
/// as not found, exactly like a record that does not exist, so that identifiers cannot be probed
/// across areas; the second is a plain refusal.
public enum AccessPolicy {
    /// Something an actor wants to do, with the position of what it touches.
    public enum Action: Hashable, Sendable {
        case viewArea(AreaPosition)
        case createVillage(inCommune: AreaPosition)
        case editVillage(AreaPosition)
        /// Import or replace the official lists of provinces, communes and pre-2025 units.
        case importOfficialAreas
        /// Set how long personal data is kept, and apply the periods (one policy for the country).
        case manageRetention
        case viewAccounts(in: AreaPosition)
        case manageAccount(role: Role, at: AreaPosition)
        /// Draft, import, derive or publish a criteria set: a national one (`nil`) or a
        /// province variant (the province's position).
        case manageCriteriaSet(province: AreaPosition?)
        /// Read a registered subject (household, person, unit, clan) at a position.
        case viewSubject(AreaPosition)
        /// Register or change a subject at a position (a village, or a commune for units and clans).
        case manageSubject(AreaPosition)
        /// Read the digits of a citizen ID number (others see only the last four).
        case readPersonalID(AreaPosition)
        /// Open a commune's yearly evaluation cycle and register its subjects in bulk.
        case manageCycle(commune: AreaPosition)
        /// Enter the totals progress percentages divide by, for an area (or the country).
        case manageDenominators(AreaPosition)
        /// Write a programme plan and its targets: a national one (`nil`) or a province's.
        case managePlan(province: AreaPosition?)
        /// Say which classes (disadvantaged, mountainous…) a commune belongs to.
        case manageAreaClasses(AreaPosition)
        /// Register, harvest or remove a library's OAI-PMH endpoint: a national library (`nil`)
        /// or a province's.
        case manageLibrary(province: AreaPosition?)
        /// See the registered libraries and how their harvests went (the administration page).
        case viewLibrarySources
        /// Write, publish and withdraw the portal's articles and documents of an area: a
        /// province's (nil: the nation's).
        case editPortal(province: AreaPosition?)
        /// Open the portal's editing pages at all.
        case viewPortalEditor
        /// Nominate a recognised subject (at its position) as an exemplary model.
        case nominateExemplary(subject: AreaPosition)
        /// Approve or reject, at province level, the nomination of a subject at this position.
        case approveExemplary(subject: AreaPosition)
        /// Describe a commune's learning centre, its managers, activities and attendance.
        case manageCentre(commune: AreaPosition)
        /// Record a commune's association network: its bodies, their yearly figures and officers.
        case manageNetwork(commune: AreaPosition)
        /// Record a training course organised by this area (the nation, a province, a commune) and who attended.
        case organiseTraining(area: AreaPosition)
    }

    public enum Decision: Hashable, Sendable {
        case allow
        /// Inside the actor's subtree, but the role does not permit it.
        case forbidden(String)
        /// Outside the actor's subtree: answer as if it did not exist.
        case hidden
    }

    public static func decide(_ actor: Actor, _ action: Action) -> Decision {
        switch action {
        case .viewArea(let target):
            return actor.sees(target) ? .allow : .hidden

        case .createVillage(let commune):
            guard actor.sees(commune) else { return .hidden }
            guard commune.level == .commune else {
                return .forbidden("Chỉ tạo được thôn, tổ dân phố trong một xã, phường hoặc đặc khu.")
            }
            return villageEditors.contains(actor.role)
                ? .allow : .forbidden("Vai trò \(actor.role.label) không được tạo thôn, tổ dân phố.")

        case .editVillage(let village):
            guard actor.sees(village) else { return .hidden }
            guard village.level == .village else {
                return .forbidden("Chỉ sửa được thôn, tổ dân phố; danh mục tỉnh và xã theo quyết định của Nhà nước.")
            }
            return villageEditors.contains(actor.role)
                ? .allow : .forbidden("Vai trò \(actor.role.label) không được sửa thôn, tổ dân phố.")

        case .importOfficialAreas:
            return actor.role == .nationalAdmin
                ? .allow : .forbidden("Chỉ quản trị toàn quốc được nhập danh mục đơn vị hành chính.")

        case .manageRetention:
            return actor.role == .nationalAdmin
                ? .allow : .forbidden("Chỉ quản trị toàn quốc đặt thời hạn lưu giữ dữ liệu cá nhân.")

        case .viewAccounts(let area):
            guard actor.sees(area) else { return .hidden }
            return actor.role.manageableRoles.isEmpty
                ? .forbidden("Vai trò \(actor.role.label) không quản lý tài khoản.") : .allow

        case .manageAccount(let role, let area):
            guard actor.sees(area) else { return .hidden }
            guard actor.role.manageableRoles.contains(role) else {
                return .forbidden("Vai trò \(actor.role.label) không được quản lý tài khoản \(role.label).")
            }
            guard role.allowedLevels.contains(area.level) else {
                return .forbidden("Tài khoản \(role.label) phải gắn với cấp \(role.allowedLevels.sorted().map(\.label).joined(separator: " hoặc ")).")
            }
            return .allow

        case .viewSubject(let target):
            return actor.sees(target) ? .allow : .hidden

        case .manageSubject(let target):
            guard actor.sees(target) else { return .hidden }
            return registryEditors.contains(actor.role)
                ? .allow : .forbidden("Vai trò \(actor.role.label) chỉ được xem sổ theo dõi; việc đăng ký, sửa do cán bộ thôn, Hội Khuyến học xã thực hiện.")

        case .readPersonalID(let target):
            guard actor.sees(target) else { return .hidden }
            return registryEditors.contains(actor.role) && actor.role != .nationalAdmin
                ? .allow : .forbidden("Vai trò \(actor.role.label) chỉ xem bốn số cuối của số định danh.")

        case .manageCycle(let commune):
            guard actor.sees(commune) else { return .hidden }
            return [.nationalAdmin, .provinceOfficer, .communeOfficer].contains(actor.role)
                ? .allow : .forbidden("Đợt đánh giá do Hội Khuyến học xã mở; vai trò \(actor.role.label) không mở được.")

        case .manageCriteriaSet(let province):
            if actor.role == .nationalAdmin { return .allow }
            guard actor.role == .provinceOfficer else {
                return .forbidden("Chỉ quản trị toàn quốc và cán bộ cấp tỉnh quản lý bộ tiêu chí; vai trò \(actor.role.label) chỉ được xem.")
            }
            guard let province else {
                return .forbidden("Bộ tiêu chí quốc gia chỉ do quản trị toàn quốc soạn và công bố; tỉnh có thể tạo biến thể của tỉnh mình.")
            }
            return actor.sees(province)
                ? .allow : .forbidden("Chỉ cán bộ của tỉnh đó được sửa biến thể bộ tiêu chí của tỉnh.")

        case .manageDenominators, .managePlan, .manageAreaClasses:
            return decideProgress(actor, action)!

        case .viewLibrarySources:
            return provinceEditors.contains(actor.role)
                ? .allow : .forbidden("Thư viện liên kết do quản trị toàn quốc và cán bộ cấp tỉnh quản lý.")

        case .manageLibrary(let province):
            return decideProvinceContent(actor, province, national: "Thư viện cấp quốc gia chỉ do quản trị toàn quốc đăng ký.",
                                         provincial: "Thư viện của tỉnh do cán bộ cấp tỉnh đăng ký.")

        case .viewPortalEditor:
            return provinceEditors.contains(actor.role)
                ? .allow : .forbidden("Tin bài, văn bản trên cổng thông tin do quản trị toàn quốc và cán bộ cấp tỉnh đăng.")

        case .editPortal(let province):
            return decideProvinceContent(actor, province, national: "Tin bài, văn bản toàn quốc chỉ do quản trị toàn quốc đăng.",
                                         provincial: "Tin bài, văn bản của tỉnh do cán bộ cấp tỉnh đăng.")

        case .nominateExemplary(let subject):
            guard actor.sees(subject) else { return .hidden }
            return progressEditors.contains(actor.role)
                ? .allow : .forbidden("Hội Khuyến học xã (hoặc cấp tỉnh) đề cử mô hình tiêu biểu; vai trò \(actor.role.label) không đề cử.")

        case .approveExemplary(let subject):
            guard actor.sees(subject) else { return .hidden }
            return provinceEditors.contains(actor.role)
                ? .allow : .forbidden("Mô hình tiêu biểu do cán bộ cấp tỉnh duyệt.")

        case .manageCentre(let commune):
            guard actor.sees(commune) else { return .hidden }
            guard commune.level == .commune else { return .forbidden("Trung tâm học tập cộng đồng thuộc xã, phường, đặc khu.") }
            return progressEditors.contains(actor.role)
                ? .allow : .forbidden("Trung tâm học tập cộng đồng do Hội Khuyến học xã (và cấp trên) ghi chép; vai trò \(actor.role.label) chỉ được xem.")

        case .manageNetwork(let commune):
            guard actor.sees(commune) else { return .hidden }
            guard commune.level == .commune else { return .forbidden("Mạng lưới chi hội, ban khuyến học được ghi theo từng xã, phường, đặc khu.") }
            return progressEditors.contains(actor.role)
                ? .allow : .forbidden("Mạng lưới của hội do Hội Khuyến học xã (và cấp trên) ghi chép; vai trò \(actor.role.label) chỉ được xem.")

        case .organiseTraining(let area):
            guard actor.sees(area) else { return .hidden }
            guard [.nation, .province, .commune].contains(area.level) else { return .forbidden("Lớp tập huấn do cấp xã, tỉnh hoặc trung ương tổ chức.") }
            return progressEditors.contains(actor.role)
                ? .allow : .forbidden("Lớp tập huấn cán bộ hội do Hội Khuyến học các cấp ghi; vai trò \(actor.role.label) chỉ được xem.")
        }
    }

    /// What the national administrator and a province's officers manage for the public: the
    /// nation's only by the former, a province's by either (another province's is hidden).
    static func decideProvinceContent(_ actor: Actor, _ province: AreaPosition?, national: String, provincial: String) -> Decision {
        guard let province else { return actor.role == .nationalAdmin ? .allow : .forbidden(national) }
        guard actor.sees(province) else { return .hidden }
        return provinceEditors.contains(actor.role) ? .allow : .forbidden(provincial)
    }

    /// Who manages what the portal shows (libraries, articles, documents).
    static let provinceEditors: Set<Role> = [.nationalAdmin, .provinceOfficer]

    static func decideProgress(_ actor: Actor, _ action: Action) -> Decision? {
        switch action {
        case .manageDenominators(let area):
            guard actor.sees(area) else { return .hidden }
            return progressEditors.contains(actor.role)
                ? .allow : .forbidden("Vai trò \(actor.role.label) không nhập số liệu tổng (mẫu số); việc này của Hội Khuyến học xã và cấp trên.")
        case .managePlan(let province):
            guard let province else {
                return actor.role == .nationalAdmin
                    ? .allow : .forbidden("Kế hoạch, chỉ tiêu quốc gia chỉ do quản trị toàn quốc nhập.")
            }
            guard actor.sees(province) else { return .hidden }
            return [.nationalAdmin, .provinceOfficer].contains(actor.role)
                ? .allow : .forbidden("Kế hoạch, chỉ tiêu của tỉnh do cán bộ cấp tỉnh nhập.")
        case .manageAreaClasses(let area):
            guard actor.sees(area) else { return .hidden }
            guard area.level == .commune else { return .forbidden("Nhóm địa bàn (vùng khó khăn, miền núi…) được gán cho xã, phường, đặc khu.") }
            return [.nationalAdmin, .provinceOfficer].contains(actor.role)
                ? .allow : .forbidden("Nhóm địa bàn do cán bộ cấp tỉnh hoặc quản trị toàn quốc gán.")
        default:
            return nil
        }
    }

    /// Who enters denominators: the commune association and those above it.
    static let progressEditors: Set<Role> = [.nationalAdmin, .provinceOfficer, .communeOfficer]

    /// Roles that create and edit villages: the commune association and those above it.
    static let villageEditors: Set<Role> = [.nationalAdmin, .provinceOfficer, .communeOfficer]
    /// Who registers and corrects households, citizens, units and clans (a village officer only in their village).
    static let registryEditors: Set<Role> = [.nationalAdmin, .provinceOfficer, .communeOfficer, .villageOfficer]
}
