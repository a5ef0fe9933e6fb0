import FundWatchCore

/// Duplicate registrations (一人多号): one human registered a second time under another valid ID
/// number, with a resident enrollment under the second number. Each second person row is labelled
/// in `person_links.csv` (record_kind `person`, noise `duplicate_*`) with the human's true number,
/// so `fundwatch resolve persons --truth` can score the merges it finds.
extension ChunkGenerator {
    /// Stream key of the duplicate registrations: its own stream per person, so turning them on or
    /// off leaves every other row of the population as it was.
    static let duplicateStream: UInt64 = 0x4455_504C  // "DUPL"

    /// How the second number differs from the first (the `noise` column of its label).
    enum DuplicateKind: String, CaseIterable {
        /// Re-registered with another order code (the three digits before the check character).
        case sequence = "duplicate_sequence"
        /// Registered again under the code of another county (a former residence).
        case region = "duplicate_region"
        /// The birth day keyed one off at the second registration.
        case birthDay = "duplicate_birth_day"
    }

    /// Writes the second registration of the person, when the dice say so: a person row under
    /// another valid ID number and a resident enrollment under it (pension for a working
    /// employee, so that the double enrollment shows only once the two persons are merged).
    /// Persons with planted fraud, a death, a 15-digit number in other departments' rows or under
    /// 18 are left alone, so no other label changes meaning.
    mutating func writeDuplicateRegistration(_ rows: PersonRows) {
        let rate = configuration.duplicatePersonRate
        guard rate > 0 else { return }
        var rng = SimulationRandom(seed: configuration.seed, ChunkGenerator.duplicateStream, UInt64(rows.index))
        let life = rows.life
        guard rng.chance(rate), !life.planted, life.schemes.isEmpty, life.death == nil, life.id15 == nil,
            life.id.count == 18, rows.age >= 18
        else { return }
        let kind = DuplicateKind.allCases[rng.int(DuplicateKind.allCases.count)]
        var body = Array(life.id.prefix(17))
        var region = rows.county.codeBytes
        var birth = rows.member.birth
        switch kind {
        case .sequence:
            let old = Int(String(decoding: body[14..<17], as: UTF8.self)) ?? 0
            let new = (old + 2 * (1 + rng.int(498))) % 1000  // same parity: same sex
            body.replaceSubrange(14..<17, with: Self.digits(new, width: 3))
        case .region:
            guard world.counties.count > 1 else { return }
            var other = rng.int(world.counties.count)
            if world.counties[other].code == rows.county.code { other = (other + 1) % world.counties.count }
            region = world.counties[other].codeBytes
            body.replaceSubrange(0..<6, with: region)
        case .birthDay:
            let day = birth.day == 1 ? 2 : birth.day >= 28 ? birth.day - 1 : birth.day + (rng.chance(0.5) ? 1 : -1)
            birth = CivilDate(year: birth.year, month: birth.month, day: day)!
            body.replaceSubrange(12..<14, with: Self.digits(day, width: 2))
        }
        let id = body + [IDNumber.checkCharacter(body)]
        guard id != life.id else { return }
        let r = rng.unit()
        let name =
            r < 0.6
            ? life.name : r < 0.85 ? ChineseNames.typo(of: life.name, rng: &rng) : ChineseNames.traditionalForm(of: life.name)

        let start = out.person.bytes.count
        out.person.plain(id)
        out.person.text(name)
        out.person.plain(rows.member.male ? "male" : "female")
        out.person.date(birth)
        out.person.plain(region)
        out.person.text(life.address)
        if let phone = life.phone, rng.chance(0.7) { out.person.text(phone) } else { out.person.empty() }
        out.person.endRow()
        labelDuplicate(kind, trueID: life.id, row: out.person.bytes[start...])

        let working = life.work == .employee && life.pension == nil && life.job != nil
        let enrolled = windowStart.firstDay.adding(days: rng.int(windowStart.firstDay.days(to: lastDay) / 2))
        out.enrollment.plain(id)
        out.enrollment.plain(ChunkGenerator.insuranceBytes[working ? .pensionResident : .medicalResident]!)
        out.enrollment.plain(region)
        out.enrollment.date(enrolled)
        out.enrollment.empty()
        out.enrollment.empty()
        out.enrollment.endRow()
    }

    /// `value` as `width` ASCII digits, zero-padded.
    static func digits(_ value: Int, width: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0x30, count: width)
        var v = value
        for i in stride(from: width - 1, through: 0, by: -1) {
            out[i] = UInt8(0x30 + v % 10)
            v /= 10
        }
        return out
    }

    /// Labels the second person row in `person_links.csv` with the human's true number.
    private mutating func labelDuplicate(_ kind: DuplicateKind, trueID: [UInt8], row: ArraySlice<UInt8>) {
        var reader = CSVReader(bytes: Array(row)).makeIterator()
        guard let fields = reader.next()?.fields else { return }
        out.personLinks.plain(Array(RecordKind.person.rawValue.utf8))
        out.personLinks.text(fields.joined(separator: "|"))
        out.personLinks.plain(trueID)
        out.personLinks.plain(Array(kind.rawValue.utf8))
        out.personLinks.endRow()
    }
}
