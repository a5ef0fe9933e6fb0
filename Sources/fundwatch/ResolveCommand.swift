import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch resolve`: one person per real human across every department.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Link every person-bearing record in a data folder to a person (人员身份关联).",
        discussion: """
            A valid ID number names its person (15-digit numbers are upgraded at import). Records whose \
            ID number was mistyped or left out, which import keeps aside as rejected rows, are linked by a \
            Fellegi–Sunter model over the parts of the ID number, the name and the death date against the \
            person registry. Sure links join the person's timeline (every rule and page reads it); unsure \
            pairs go to a review list (`resolve review`, `resolve decide`). Re-running links what is new.
            """,
        subcommands: [
            Run.self, ResolveReviewCommand.self, ResolveDecideCommand.self, ResolveExportCommand.self,
            ResolvePersonsCommand.self,
        ],
        defaultSubcommand: Run.self)
}

extension ResolveCommand {
    /// The resolution run itself (the default subcommand).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Link the records of a data folder to persons (the default).")

        @OptionGroup var options: DataOptions

        @OptionGroup var thresholds: ResolveThresholdOptions

        @Option(help: "The simulator's person_links.csv: score the links against it (precision, recall, F1).")
        var truth: String?

        func run() async throws {
            let database = try options.openExisting()
            let clock = ContinuousClock()
            let start = clock.now
            let report = try await database.resolve(
                now: SystemClock.now,
                settings: .init(accept: thresholds.accept, reviewFloor: thresholds.reviewFloor),
                progress: { printError("resolve: \($0)") })
            let seconds = (clock.now - start).seconds
            print("resolution run \(report.runID)")
            print("  records named by a valid ID number   \(report.linkedByID)")
            print(
                "  records set aside for their ID       \(report.considered + report.alreadyLinked + report.awaitingReview + report.unreadable)")
            print("    linked before                       \(report.alreadyLinked)")
            print("    awaiting a reviewer before          \(report.awaitingReview)")
            print("    linked now by the model             \(report.linked)")
            print("    sent to review                      \(report.toReview)")
            print("    no candidate                        \(report.unresolved)")
            if report.unreadable > 0 {
                print("    not readable (other faults)         \(report.unreadable)")
            }
            print(String(format: "took %.2f s", seconds))
            if let truth { try await score(database, truth: truth) }
        }

        /// Precision, recall and F1 of the links against the simulator's person_links.csv.
        private func score(_ database: FundWatchDatabase, truth: String) async throws {
            let expected = try ResolveTruth.read(URL(fileURLWithPath: truth))
            let states = try await database.identityRecordStates()
            // Precision over the stored records linked; recall over the labelled records (rows
            // exported twice share a label and count once).
            var linked = 0
            var correct = 0
            var review = 0
            var inTruth = 0
            var found = Set<String>()
            for state in states {
                let label = "\(state.kind.rawValue)\t\(state.key)"
                let want = expected[label]
                if want != nil { inTruth += 1 }
                if let got = state.personKey {
                    linked += 1
                    if got == want {
                        correct += 1
                        found.insert(label)
                    }
                } else if state.inReview {
                    review += 1
                }
            }
            let precision = linked == 0 ? 1 : Double(correct) / Double(linked)
            let recall = expected.isEmpty ? 1 : Double(found.count) / Double(expected.count)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            print("against \(truth): \(expected.count) labelled records, \(inTruth) stored rows carry their labels")
            print(String(format: "  linked %d, correct %d, in review %d", linked, correct, review))
            print(String(format: "  precision %.4f  recall %.4f  F1 %.4f", precision, recall, f1))
        }
    }
}

/// The simulator's person_links.csv: record kind and key → true ID number.
enum ResolveTruth {
    /// The planted second registrations: pairs of person keys (the smaller first) that are one
    /// human, from the rows whose record_kind is person (their key's first field is the second number).
    static func duplicatePairs(_ url: URL) throws -> Set<[String]> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIError("cannot read \(url.path); pass the person_links.csv that `fundwatch simulate` wrote")
        }
        var reader = CSVReader(bytes: Array(data)).makeIterator()
        guard let header = reader.next()?.fields, let kind = header.firstIndex(of: "record_kind"),
            let key = header.firstIndex(of: "record_key"), let id = header.firstIndex(of: "id_number")
        else {
            throw CLIError("\(url.path): expected a header with record_kind, record_key and id_number")
        }
        var pairs = Set<[String]>()
        while let row = reader.next() {
            guard row.fields.count == header.count else {
                throw CLIError("\(url.path):\(row.line): \(row.fields.count) fields where the header has \(header.count)")
            }
            guard row.fields[kind] == RecordKind.person.rawValue,
                let second = row.fields[key].split(separator: "|", omittingEmptySubsequences: false).first
            else { continue }
            pairs.insert([String(second), row.fields[id]].sorted())
        }
        return pairs
    }

    static func read(_ url: URL) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIError("cannot read \(url.path); pass the person_links.csv that `fundwatch simulate` wrote")
        }
        var reader = CSVReader(bytes: Array(data)).makeIterator()
        guard let header = reader.next()?.fields, let kind = header.firstIndex(of: "record_kind"),
            let key = header.firstIndex(of: "record_key"), let id = header.firstIndex(of: "id_number")
        else {
            throw CLIError("\(url.path): expected a header with record_kind, record_key and id_number")
        }
        var truth = [String: String]()
        while let row = reader.next() {
            guard row.fields.count == header.count else {
                throw CLIError("\(url.path):\(row.line): \(row.fields.count) fields where the header has \(header.count)")
            }
            // Second registrations (record_kind person) are scored by `resolve persons --truth`.
            guard row.fields[kind] != RecordKind.person.rawValue else { continue }
            truth["\(row.fields[kind])\t\(row.fields[key])"] = row.fields[id]
        }
        return truth
    }
}

extension Duration {
    /// Seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
