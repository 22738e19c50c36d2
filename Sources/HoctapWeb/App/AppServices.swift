import HoctapDomain
import HoctapServices
import HoctapStorage
import Logging

/// The use cases the controllers call, built once from the service environment.
public struct AppServices: Sendable {
    public let environment: ServiceEnvironment
    public let auth: AuthService
    public let accounts: AccountService
    public let areas: AreaService
    public let villages: VillageService
    public let criteria: CriteriaService
    public let registry: RegistryService
    public let evaluations: EvaluationService
    public let evidence: EvidenceService
    public let decisions: DecisionService

    public init(environment: ServiceEnvironment, sessionPolicy: SessionPolicy = SessionPolicy()) {
        self.environment = environment
        self.auth = AuthService(environment, policy: sessionPolicy)
        self.accounts = AccountService(environment)
        self.areas = AreaService(environment)
        self.villages = VillageService(environment)
        self.criteria = CriteriaService(environment)
        self.registry = RegistryService(environment)
        self.evaluations = EvaluationService(environment)
        self.evidence = EvidenceService(environment)
        self.decisions = DecisionService(environment)
    }

    public var database: any Database { environment.database }
}
