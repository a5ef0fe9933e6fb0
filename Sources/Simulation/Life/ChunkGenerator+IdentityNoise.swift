import FundWatchCore

/// Identity noise at render time: another department keys a record's ID number wrongly or
/// leaves it out, and the record is labelled in `person_links.csv` with its true person.
extension ChunkGenerator {
    /// Stream key of the identity noise: its own stream per person, so turning it on or off
    /// leaves every other row of the population as it was.
    static let identityStream: UInt64 = 0x4944_454E  // "IDEN"

    /// The identity-noise generator of a person, or nil when the noise is off.
    func identityRandom(person g: Int) -> SimulationRandom? {
        configuration.identityNoiseRate > 0
            ? SimulationRandom(seed: configuration.seed, ChunkGenerator.identityStream, UInt64(g)) : nil
    }

    /// The ID number a department writes on one record of the person, and the error in it if any.
    /// `named` records (death registrations) may lose the ID entirely; others only get a mistyped
    /// one. 15-digit numbers are left alone: with no check character a typo in one would be
    /// another valid number, which no resolver can tell from the real one.
    func keyedID(_ rows: inout PersonRows, named: Bool) -> (id: [UInt8], noise: IdentityNoise?) {
        let id = rows.life.departmentID
        guard rows.life.id15 == nil, var rng = rows.identity else { return (id, nil) }
        defer { rows.identity = rng }
        guard rng.chance(configuration.identityNoiseRate) else { return (id, nil) }
        let r = rng.unit()
        let noise: IdentityNoise = r < 0.45 ? .idTypo : r < 0.8 || !named ? .idTransposed : .idMissing
        return (noise.apply(to: id, rng: &rng), noise)
    }

    /// Labels the row that starts at byte `start` of `bytes` in `person_links.csv`: its kind, its
    /// key (the row's fields joined by `|`, as `fundwatch resolve --truth` rebuilds it from the
    /// stored row) and the person's true 18-digit ID.
    mutating func labelIdentity(_ kind: RecordKind, _ noise: IdentityNoise, _ rows: PersonRows, row: ArraySlice<UInt8>) {
        var reader = CSVReader(bytes: Array(row)).makeIterator()
        guard let fields = reader.next()?.fields else { return }
        out.personLinks.plain(Array(kind.rawValue.utf8))
        out.personLinks.text(fields.joined(separator: "|"))
        out.personLinks.plain(rows.life.id)
        out.personLinks.plain(Array(noise.rawValue.utf8))
        out.personLinks.endRow()
    }
}
