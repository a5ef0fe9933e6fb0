import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch resolve persons`: registry entries that are one human under two ID numbers.
struct ResolvePersonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persons",
        abstract: "Find registry entries that are one human under two ID numbers (一人多号).",
        discussion: """
            Deduplicates the person registry with the Linkage engine: candidates share the sound of the \
            name and the birth date, the phone, or the birth month and the region code, or they share the \
            order code and the birth month; the model weighs the parts of both ID numbers, sex, \
            address and phone. Sure pairs are stored as linked, grey-band pairs as open for a reviewer, \
            each with its waterfall; a pair found before is left as it is. ID numbers are masked.
            """)

    @OptionGroup var options: DataOptions

    @OptionGroup var thresholds: ResolveThresholdOptions

    @Option(help: "The simulator's person_links.csv: score the merges against its planted second registrations (precision, recall, F1).")
    var truth: String?

    func run() async throws {
        let database = try options.openExisting()
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await database.findDuplicatePersons(
            now: SystemClock.now, settings: .init(accept: thresholds.accept, reviewFloor: thresholds.reviewFloor),
            progress: { printError("resolve persons: \($0)") })
        print("duplicate-person run \(report.runID): \(report.persons) registry entries compared")
        print("  same human (model sure)   \(report.merged)")
        print("  sent to review            \(report.toReview)")
        print("  found before              \(report.known)")
        for merge in try await database.personMerges() where merge.status != "different" {
            print(
                String(
                    format: "  %lld  %@ ~ %@  %.4f  %@", merge.id, IDNumber.mask(merge.personKey), IDNumber.mask(merge.otherKey),
                    merge.probability, merge.status))
        }
        print(String(format: "took %.2f s", (clock.now - start).seconds))
        if let truth { try await score(database, truth: truth) }
    }

    /// Precision, recall and F1 of the merges (linked or decided same) against the planted pairs.
    private func score(_ database: FundWatchDatabase, truth: String) async throws {
        let expected = try ResolveTruth.duplicatePairs(URL(fileURLWithPath: truth))
        let merges = try await database.personMerges()
        let merged = Set(merges.filter { $0.status == "linked" || $0.status == "same" }.map { [$0.personKey, $0.otherKey] })
        let open = Set(merges.filter { $0.status == "open" }.map { [$0.personKey, $0.otherKey] })
        let correct = merged.intersection(expected).count
        let precision = merged.isEmpty ? 1 : Double(correct) / Double(merged.count)
        let recall = expected.isEmpty ? 1 : Double(correct) / Double(expected.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        print("against \(truth): \(expected.count) planted second registrations")
        print(
            String(
                format: "  merged %d, correct %d, in review %d (of them planted %d)", merged.count, correct, open.count,
                open.intersection(expected).count))
        print(String(format: "  precision %.4f  recall %.4f  F1 %.4f", precision, recall, f1))
    }
}
