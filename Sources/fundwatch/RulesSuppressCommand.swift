import ArgumentParser
import Foundation
import FundWatchCore
import Ledger
import Storage

extension RulesCommand {
    /// `fundwatch rules suppress`: switch a rule off for one person or institution, with a reason,
    /// an end date and an actor, recorded in the ledger.
    struct Suppress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suppress one rule for one person or institution (屏蔽) until an end date; reason and actor required, recorded in the ledger.")

        @OptionGroup var options: DataOptions

        @Option(help: "The rule id.")
        var rule: String

        @Option(help: "The person's ID number.")
        var person: String?

        @Option(help: "The institution id (hospital, pharmacy, employer).")
        var institution: String?

        @Option(help: "Why the findings are not alerts (required).")
        var reason: String

        @Option(help: "The last day the suppression applies, YYYY-MM-DD (required).")
        var until: String

        @Option(help: "Who decides it: a staff id (required).")
        var actor: String

        func validate() throws {
            guard (person == nil) != (institution == nil) else {
                throw ValidationError("give exactly one of --person ID or --institution ID")
            }
            guard CivilDate(until) != nil else { throw ValidationError("--until '\(until)' is not a date YYYY-MM-DD") }
        }

        func run() async throws {
            let subject: String
            let kind: Suppression.SubjectKind
            if let person {
                do {
                    subject = try IDNumber(person, today: SystemClock.today).value
                } catch {
                    throw ValidationError("--person \(IDNumber.mask(person)): \(error)")
                }
                kind = .person
            } else {
                subject = institution!
                kind = .institution
            }
            let suppression = Suppression(
                ruleID: rule, subjectKind: kind, subject: subject, reason: reason, endDate: CivilDate(until)!, actor: actor)
            let database = try options.openExisting()
            let id: Int64
            do {
                id = try await database.addSuppression(suppression, today: SystemClock.today, at: SystemClock.now)
            } catch let error as FindingStoreError {
                throw CLIError(error.description)
            }
            let payload = "\(id)|\(rule)|\(kind.rawValue)|\(subject)|\(reason)|\(until)|\(actor)"
            try AuditTrail.open(data: options.data).record(
                AuditTrail.Record(type: .note, actor: actor, subject: "suppression/\(id)", payload: Array(payload.utf8)))
            let shown = kind == .person ? IDNumber.mask(subject) : subject
            print("suppression \(id): \(rule) for \(kind.rawValue) \(shown) until \(until) (by \(actor)); recorded in the ledger")
        }
    }

    /// `fundwatch rules suppressions`: the suppressions in force.
    struct Suppressions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the suppressions in force today (--all: every one).")

        @OptionGroup var options: DataOptions

        @Flag(help: "Include expired suppressions.")
        var all = false

        func run() async throws {
            let list = try await options.openExisting().suppressions(activeOn: all ? nil : SystemClock.today)
            for s in list {
                let shown = s.subjectKind == .person ? IDNumber.mask(s.subject) : s.subject
                print("\(s.id ?? 0)\t\(s.ruleID)\t\(s.subjectKind.rawValue) \(shown)\tuntil \(s.endDate)\t\(s.actor)\t\(s.reason)")
            }
            print("\(list.count) suppressions")
        }
    }
}
