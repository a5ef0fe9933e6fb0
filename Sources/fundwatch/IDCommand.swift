import ArgumentParser
import Foundation
import FundWatchCore

/// `fundwatch id …`: identity-number tools.
struct IDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Identity-number tools (身份证号码).",
        subcommands: [Check.self]
    )

    /// `fundwatch id check`: validates ID numbers.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate ID numbers (GB 11643 check digit, birth date, region); 15-digit numbers are upgraded.",
            discussion: """
                Prints one line per ID: ID<TAB>valid|invalid<TAB>reason-or-normalised-18-digit<TAB>birth<TAB>sex<TAB>region. \
                Reads the IDs from the arguments, or one per line from standard input when none are given. \
                Exit status 1 when any ID is invalid.
                """
        )

        @Argument(help: "ID numbers to check; read from standard input when none are given.")
        var ids: [String] = []

        func run() async throws {
            let today = SystemClock.today
            var anyInvalid = false
            func check(_ input: String) {
                let trimmed = input.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { return }
                do {
                    let id = try IDNumber(trimmed, today: today)
                    let names = RegionCatalog.shared.ancestors(of: id.issuingRegion).reversed().map(\.name)
                    let region = names.enumerated().filter { $0.offset == 0 || names[$0.offset - 1] != $0.element }.map(\.element).joined()
                    print([trimmed, "valid", id.value, id.birthDate.description, id.sex.rawValue, id.issuingRegion + (region.isEmpty ? "" : " " + region)].joined(separator: "\t"))
                } catch {
                    anyInvalid = true
                    print([trimmed, "invalid", error.reason.code, "", "", ""].joined(separator: "\t"))
                }
            }
            if ids.isEmpty {
                while let line = readLine() { check(line) }
            } else {
                ids.forEach(check)
            }
            if anyInvalid { throw ExitCode(1) }
        }
    }
}
