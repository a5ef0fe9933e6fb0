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
            name and the birth date or the phone; the model weighs the parts of both ID numbers, sex, \
            address and phone. Sure pairs are stored as linked, grey-band pairs as open for a reviewer, \
            each with its waterfall; a pair found before is left as it is. ID numbers are masked.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "Store a pair as the same human at or above this match probability.")
    var accept: Double = 0.95

    @Option(name: .customLong("review-floor"), help: "Pairs from this probability up to --accept go to review.")
    var reviewFloor: Double = 0.5

    func validate() throws {
        guard (0..<1).contains(reviewFloor), reviewFloor < accept, accept <= 1 else {
            throw ValidationError("need 0 <= --review-floor < --accept <= 1, got \(reviewFloor) and \(accept)")
        }
    }

    func run() async throws {
        let database = try options.openExisting()
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await database.findDuplicatePersons(
            now: SystemClock.now, settings: .init(accept: accept, reviewFloor: reviewFloor),
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
    }
}
