/// Identity noise: another department keyed a record's ID number wrongly or left it out, so the
/// record only reaches its person through linkage. Labelled record by record in
/// `person_links.csv` (not `truth.csv`, whose labels are per person): these errors fall on any
/// person, fraud cases included, so an audit that skips linkage misses what they hide.
public enum IdentityNoise: String, CaseIterable, Sendable, Hashable {
    /// One digit of the 17 before the check character replaced by another (the check fails).
    case idTypo = "id_typo"
    /// Two adjacent, different characters swapped (the check fails).
    case idTransposed = "id_transposed"
    /// The ID number left empty; only records that carry a name (death records) get this.
    case idMissing = "id_missing"

    /// The ID as keyed with this error. `rng` picks the position and the wrong digit.
    func apply(to id: [UInt8], rng: inout SimulationRandom) -> [UInt8] {
        var keyed = id
        switch self {
        case .idMissing:
            return []
        case .idTypo:
            let position = rng.int(17)
            let old = Int(id[position]) - 0x30
            keyed[position] = UInt8(0x30 + (old + 1 + rng.int(9)) % 10)
        case .idTransposed:
            let positions = (0..<(id.count - 1)).filter { id[$0] != id[$0 + 1] }
            guard let position = positions.isEmpty ? nil : rng.pick(positions) else {
                return IdentityNoise.idTypo.apply(to: id, rng: &rng)
            }
            keyed.swapAt(position, position + 1)
        }
        return keyed
    }
}
