public import AuditRules
public import Storage

/// The national rule library as administered: the built-in rules, each replaced by its highest
/// version saved on the rules page, with the rules switched off there left out of the engine.
///
/// The library is national (one for the whole country, as the built-in one is): a rule edit
/// changes what every region's audit and payment check run, so only a role trusted with that
/// (see `UserRole.editsRules`) at any level may make it, and it is recorded in the ledger.
/// `fundwatch audit`, `check-payment` and `serve` all load it here.
public enum ManagedRules {
    /// Loads the managed library from the store, with the saved versions that did not compile
    /// (each kept at its built-in version meanwhile; see ``compose(builtIn:sources:settings:)``).
    public static func load(
        database: FundWatchDatabase, builtIn: [CompiledRule]? = nil
    ) async throws -> (library: RuleLibrary, problems: [String]) {
        let base = try builtIn ?? RuleLibrary.builtIn().rules
        return compose(
            builtIn: base, sources: try await database.latestRuleSources(), settings: try await database.ruleSettings())
    }

    /// Loads the managed library, refusing to go on when a saved version does not compile: a
    /// batch audit must not silently run another version than the one saved.
    public static func loadStrict(database: FundWatchDatabase) async throws -> RuleLibrary {
        let (library, problems) = try await load(database: database)
        guard problems.isEmpty else { throw WebSetupError(problems.joined(separator: "\n")) }
        return library
    }

    /// The library from its parts. A saved version that no longer compiles (after an upgrade
    /// changed the rule language) is reported with its rule, version and position, and the
    /// rule stays at its built-in version, so that the server still starts and the rule can be
    /// corrected on the rules page.
    public static func compose(
        builtIn: [CompiledRule], sources: [StoredRuleSource], settings: [String: RuleSetting]
    ) -> (library: RuleLibrary, problems: [String]) {
        var byID = [String: CompiledRule]()
        for rule in builtIn { byID[rule.spec.id] = rule }
        var errors = [String]()
        for source in sources {
            // A built-in rule shipped with a newer version than the saved one wins: the program's
            // authors revised it after the edit.
            if let shipped = byID[source.ruleID], shipped.spec.version > source.version { continue }
            do {
                byID[source.ruleID] = try RuleSpecLoader.load(yaml: source.yaml, file: "rule/\(source.ruleID)/v\(source.version)")
            } catch {
                errors.append(error.description)
            }
        }
        let disabled = Set(settings.values.filter { !$0.enabled }.map(\.ruleID))
        return (
            RuleLibrary(rules: Array(byID.values), disabled: disabled),
            errors.map { "saved rule version does not compile, its built-in version runs instead; save a corrected version on the rules page: \($0)" }
        )
    }
}
