import HoctapDomain
import HoctapStorage
import Logging

/// What every use case needs from the outside world, injected once.
public struct ServiceEnvironment: Sendable {
    public var database: any Database
    public var clock: any WallClock
    public var passwordHasher: any PasswordHasher
    public var logger: Logger
    /// Seals and matches citizen ID numbers; registries refuse ID numbers without it.
    public var personalData: PersonalDataProtector?
    /// Where evidence files go; uploads are refused without it.
    public var evidenceStore: EvidenceStore?
    /// Reuses national and provincial dashboards for a few seconds (none when nil).
    public var dashboardCache: DashboardCache?

    public init(database: any Database, clock: any WallClock = SystemWallClock(),
                passwordHasher: any PasswordHasher = BcryptPasswordHasher(), logger: Logger,
                personalData: PersonalDataProtector? = nil, evidenceStore: EvidenceStore? = nil) {
        self.evidenceStore = evidenceStore
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.logger = logger
        self.personalData = personalData
    }
}
