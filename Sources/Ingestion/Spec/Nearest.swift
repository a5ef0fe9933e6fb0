/// Finds the name closest to a misspelt one, for "did you mean" hints.
enum Nearest {
    /// The candidate with the smallest edit distance to `name`, when it is close enough to be a
    /// plausible misspelling (at most a third of the longer name's characters differ, min 2).
    static func name(to name: String, among candidates: [String]) -> String? {
        guard let (best, distance) = closest(to: name, among: candidates) else { return nil }
        return distance <= max(2, max(name.count, best.count) / 3) ? best : nil
    }

    /// The candidate with the smallest edit distance, however far, and that distance.
    static func closest(to name: String, among candidates: [String]) -> (String, Int)? {
        let a = Array(name)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(a, Array(candidate))
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
