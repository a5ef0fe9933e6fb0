import ArgumentParser
import AuditRules
import Foundation

/// `fundwatch rules`: work with audit rule files.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Audit rule files (稽核规则): check, list, backtest; suppress a rule for one person or institution.",
        subcommands: [Check.self, List.self, Backtest.self, Suppress.self, Suppressions.self])

    /// `fundwatch rules check DIR`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse and type-check every rule file in a folder; errors give file:line:column.")

        @Argument(help: "A folder of rule YAML files (default: the built-in library).")
        var folder: String?

        func run() throws {
            let (rules, errors): ([CompiledRule], [RuleLoadError])
            if let folder {
                (rules, errors) = try RuleSpecLoader.loadFolder(URL(fileURLWithPath: folder))
            } else {
                (rules, errors) = BuiltinRules.load()
            }
            for rule in rules { print("ok     \(rule.spec.id) v\(rule.spec.version)  \(rule.spec.title)") }
            for error in errors { printError("error  \(error)") }
            print("\(rules.count) rules ok, \(errors.count) refused")
            if !errors.isEmpty { throw ExitCode(1) }
        }
    }

    /// `fundwatch rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in rule library.")
        func run() throws {
            for rule in BuiltinRules.load().rules {
                let s = rule.spec
                print("\(s.id.padding(toLength: 32, withPad: " ", startingAt: 0)) \(s.scope.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(s.category)  \(s.title)")
            }
        }
    }
}
