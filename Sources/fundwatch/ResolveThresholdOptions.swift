import ArgumentParser

/// The two match-probability thresholds every resolution command takes: sure matches at or above
/// `--accept` are stored, the grey band from `--review-floor` up goes to a reviewer.
struct ResolveThresholdOptions: ParsableArguments {
    @Option(help: "Store a match (record to person, or two registry entries as one human) at or above this probability.")
    var accept: Double = 0.95

    @Option(name: .customLong("review-floor"), help: "Matches from this probability up to --accept go to review.")
    var reviewFloor: Double = 0.5

    func validate() throws {
        guard (0..<1).contains(reviewFloor), reviewFloor < accept, accept <= 1 else {
            throw ValidationError("need 0 <= --review-floor < --accept <= 1, got \(reviewFloor) and \(accept)")
        }
    }
}
