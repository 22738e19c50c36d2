import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Synchronization
import Testing

/// A hasher that counts how often the slow check ran: the throttle's promise is about that.
final class CountingHasher: PasswordHasher {
    let inner = BcryptPasswordHasher(cost: 4)
    let verifications = Atomic<Int>(0)

    func hash(_ password: String) async throws -> String { try await inner.hash(password) }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        verifications.add(1, ordering: .relaxed)
        return try await inner.verify(password, against: hash)
    }
}

/// Issue 18: the failure counter is one atomic claim, so parallel guesses cannot outrun it, and
/// every place a secret is checked counts its attempts.
@Suite("Attempts at a secret")
struct SecretAttemptsTests {
    static func environment(_ base: ServiceEnvironment, hasher: any PasswordHasher,
                            personalData: PersonalDataProtector? = nil) -> ServiceEnvironment {
        ServiceEnvironment(database: base.database, clock: base.clock, passwordHasher: hasher, logger: base.logger,
                           personalData: personalData ?? base.personalData)
    }

    @Test("200 parallel wrong passwords: at most five are checked, the rest are refused as throttled, the right one too",
          arguments: TestDatabases.engines)
    func parallelGuesses(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { base in
            let hasher = CountingHasher()
            let auth = AuthService(Self.environment(base, hasher: hasher))
            let outcomes = await withTaskGroup(of: String.self, returning: [String].self) { group in
                for guess in 0..<200 {
                    // Each from its own address, so only the account's counter can stop them.
                    group.addTask {
                        do {
                            _ = try await auth.login(username: "socson.thon", password: "guess-\(guess)", kind: .api,
                                                     clientAddress: "198.51.100.\(guess % 250)", userAgent: nil)
                            return "in"
                        } catch ServiceError.throttled {
                            return "throttled"
                        } catch ServiceError.unauthenticated {
                            return "wrong"
                        } catch {
                            return "error: \(error)"
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(!outcomes.contains { $0.hasPrefix("error") || $0 == "in" }, "\(Set(outcomes))")
            #expect(outcomes.filter { $0 == "wrong" }.count <= 5, "at most the allowed attempts get an answer on the password")
            #expect(hasher.verifications.load(ordering: .relaxed) <= 5, "bcrypt ran \(hasher.verifications.load(ordering: .relaxed)) times")
            await #expect(throws: ServiceError.self, "locked: even the right password waits") {
                try await auth.login(username: "socson.thon", password: DemoSeeder.password, kind: .api, clientAddress: "198.51.100.1", userAgent: nil)
            }
        }
    }

    @Test("a wrong password and a wrong code get the same words; the address's count is given back on success",
          arguments: TestDatabases.engines)
    func sameAnswer(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let auth = AuthService(environment)
            for _ in 0..<3 {
                _ = try await auth.login(username: "socson.hoi", password: DemoSeeder.password, kind: .api, clientAddress: "192.0.2.7", userAgent: nil)
            }
            do {
                _ = try await auth.login(username: "socson.hoi", password: "sai-mat-khau-roi", kind: .api, clientAddress: "192.0.2.7", userAgent: nil)
                Issue.record("a wrong password signed in")
            } catch ServiceError.unauthenticated(let message) {
                #expect(message == AuthService.wrongCredentials)
            }
            let failures = try await environment.database.read {
                try await $0.raw("SELECT failures FROM login_throttles WHERE throttle_key = 'address:192.0.2.7'").first(decodingColumn: "failures", as: Int.self)
            }
            #expect(failures == 1, "three good sign-ins from one office cost it nothing; the wrong one counts")
        }
    }

    @Test("changing the password and turning two-factor off count their attempts with sign-in", arguments: TestDatabases.engines)
    func otherSecretsCount(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { base in
            let key = try PersonalDataProtector.load(base64Key: Data(repeating: 7, count: 32).base64EncodedString(), dataDirectory: "")
            let environment = Self.environment(base, hasher: BcryptPasswordHasher(cost: 4), personalData: key)
            let village = try await actor("socson.thon", environment)
            let accounts = AccountService(environment)
            for attempt in 1...5 {
                do {
                    try await accounts.changePassword(of: village, current: "khong-dung-\(attempt)", new: "mat-khau-moi-2026", keepingSession: nil)
                    Issue.record("a wrong current password was accepted")
                } catch ServiceError.invalid {
                    #expect(attempt < 5)
                } catch ServiceError.throttled {
                    #expect(attempt == 5, "the fifth wrong password locks")
                }
            }
            await #expect(throws: ServiceError.self) {
                try await accounts.changePassword(of: village, current: DemoSeeder.password, new: "mat-khau-moi-2026", keepingSession: nil)
            }
            // …and the same counter guards sign-in.
            do {
                _ = try await AuthService(environment).login(username: "socson.thon", password: DemoSeeder.password, kind: .api,
                                                             clientAddress: "192.0.2.8", userAgent: nil)
                Issue.record("sign-in went through a lock set by password guesses")
            } catch ServiceError.throttled {}

            // Two-factor off: a session holder guessing codes is counted the same way.
            let officer = try await actor("socson.hoi", environment)
            let twoFactor = TwoFactorService(environment)
            let setup = try await twoFactor.begin(by: officer)
            let secret = try #require(Base32.decode(setup.secret))
            try await twoFactor.confirm(code: TOTP.code(secret: secret, step: TOTP.step(at: environment.clock.now())), by: officer, keepingSession: nil)
            var throttled = false
            for guess in 0..<6 where !throttled {
                do {
                    try await twoFactor.disable(code: String(format: "%06d", guess), by: officer)
                } catch ServiceError.throttled {
                    throttled = true
                } catch ServiceError.invalid {}
            }
            #expect(throttled, "guessing codes to turn two-factor off is locked after five tries")
        }
    }

    @Test("counters whose window and lock have passed are pruned", arguments: TestDatabases.engines)
    func prune(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let moment = environment.clock.now()
            try await environment.database.transaction { db in
                let throttles = LoginThrottleRepository(db)
                _ = try await throttles.claim("address:old", at: moment.addingTimeInterval(-3600), policy: .address)
                _ = try await throttles.claim("address:new", at: moment, policy: .address)
                #expect(try await throttles.prune(before: moment, policy: .address) == 1)
            }
        }
    }
}
