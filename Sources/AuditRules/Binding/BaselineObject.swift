import CEL

/// What `baseline(kind, region, period)` returns: the group's count, mean, sigma, median and mad
/// (fen, as doubles) and the level that answered.
struct BaselineObject: CELObject {
    static let celTypeName = "fundwatch.Baseline"
    static let fields: [String: CELType] = [
        "count": .int, "mean": .double, "sigma": .double, "median": .double, "mad": .double, "level": .string,
    ]
    let baseline: Baseline

    func field(named name: String) -> CELValue? {
        switch name {
        case "count": return .int(Int64(baseline.count))
        case "mean": return .double(baseline.mean)
        case "sigma": return .double(baseline.sigma)
        case "median": return .double(baseline.median)
        case "mad": return .double(baseline.mad)
        case "level": return .string(baseline.level)
        default: return nil
        }
    }
}
