import Foundation
import FundWatchCore

/// A person's skeleton: what is fixed before ID numbers are handed out (place, birth, sex,
/// household). Everything else about the person is planned later from these.
struct Member: Sendable {
    /// Index of the county of residence in `World.counties`.
    var county: Int32
    /// Index of the household within its chunk.
    var household: Int32
    /// Index of the spouse within the chunk, or -1.
    var spouse: Int32
    var birth: CivilDate
    var male: Bool
    /// The household the person heads or belongs to, and how.
    var role: Role
    /// Code of the region that first issued the ID number (usually the county of residence).
    var issuingRegion: Int32
    /// The three-digit order code of the ID number; its parity is the sex. Set by `IDAllocator`.
    var sequence: Int16 = -1
    /// A special case decided with the household: a very old pensioner to plant, a verified centenarian.
    var special: Special = .none

    enum Role: UInt8, Sendable { case head, spouse, child, parent }
    enum Special: UInt8, Sendable { case none, veryOld, centenarian }
}

/// Builds the households of one chunk: families of realistic shapes sharing a county.
enum HouseholdBuilder {
    /// Exactly `count` members for the chunk, household by household (the last one may be cut short).
    static func members(count: Int, world: World, rng: inout SimulationRandom) -> [Member] {
        let configuration = world.configuration
        let reference = configuration.lastDay
        var out = [Member]()
        out.reserveCapacity(count + 8)
        var household: Int32 = 0
        func birth(age: Int, _ rng: inout SimulationRandom) -> CivilDate {
            let day = reference.adding(days: -(age * 365 + age / 4) - rng.int(in: 1...364))
            return day
        }
        func issuing(county: Int32, _ rng: inout SimulationRandom) -> Int32 {
            let r = rng.unit()
            if r < 0.9 || world.counties.count == 1 && r < 0.95 { return Int32(world.counties[Int(county)].code)! }
            if r < 0.96, world.counties.count > 1 { return Int32(world.counties[world.countyTable.draw(&rng)].code)! }
            return Int32(rng.pick(world.elsewhere))!
        }
        func add(
            _ age: Int, male: Bool, role: Member.Role, county: Int32, spouse: Int32 = -1,
            special: Member.Special = .none, _ rng: inout SimulationRandom
        ) {
            guard out.count < count else { return }
            var m = Member(
                county: county, household: household, spouse: spouse, birth: birth(age: age, &rng), male: male,
                role: role,
                issuingRegion: issuing(county: county, &rng))
            m.special = special
            out.append(m)
        }
        // Planted very old pensioners and honest centenarians live alone; their numbers follow the rates.
        let veryOld = rng.count(expected: configuration.rate(.unverifiedVeryOldPensioner) * Double(count))
        let centenarians = rng.count(expected: configuration.rate(.verifiedCentenarian) * Double(count))
        for i in 0..<(veryOld + centenarians) {
            let county = Int32(world.countyTable.draw(&rng))
            let age = i < veryOld ? rng.int(in: 107...121) : rng.int(in: 100...104)
            add(
                age, male: rng.chance(0.3), role: .head, county: county, special: i < veryOld ? .veryOld : .centenarian,
                &rng)
            household += 1
        }
        while out.count < count {
            let county = Int32(world.countyTable.draw(&rng))
            let r = rng.unit()
            let headMale = rng.chance(0.5)
            func couple(_ age: Int, _ rng: inout SimulationRandom) -> (husband: Int, wife: Int) {
                let gap = max(-4, min(8, Int(rng.normal(mean: 2, deviation: 2.5))))
                let husbandAge = age
                return (husbandAge, max(18, husbandAge - gap))
            }
            func addCouple(_ age: Int, _ rng: inout SimulationRandom) -> Int {
                let (h, w) = couple(age, &rng)
                let first = Int32(out.count)
                add(h, male: true, role: .head, county: county, spouse: first + 1, &rng)
                add(w, male: false, role: .spouse, county: county, spouse: first, &rng)
                if out.count == Int(first) + 1 { out[Int(first)].spouse = -1 }
                return w
            }
            func addChildren(motherAge: Int, _ rng: inout SimulationRandom) {
                let n = rng.chance(0.45) ? 2 : 1
                for _ in 0..<n {
                    let age = motherAge - rng.int(in: 22...34)
                    if age >= 0 { add(age, male: rng.chance(0.52), role: .child, county: county, &rng) }
                }
            }
            if r < 0.14 {  // elderly couple
                _ = addCouple(60 + min(32, Int(-9 * log(max(rng.unit(), 1e-9)))), &rng)
            } else if r < 0.21 {  // elderly person living alone
                add(
                    65 + min(34, Int(-10 * log(max(rng.unit(), 1e-9)))), male: rng.chance(0.35), role: .head,
                    county: county, &rng)
            } else if r < 0.50 {  // couple with children
                addChildren(motherAge: addCouple(rng.int(in: 28...52), &rng), &rng)
            } else if r < 0.62 {  // three generations
                let head = rng.int(in: 30...50)
                let wife = addCouple(head, &rng)
                addChildren(motherAge: wife, &rng)
                let parentAge = min(99, head + rng.int(in: 24...32))
                if rng.chance(0.5) {
                    let first = Int32(out.count)
                    add(parentAge, male: true, role: .parent, county: county, spouse: first + 1, &rng)
                    add(
                        max(50, parentAge - rng.int(in: 0...4)), male: false, role: .parent, county: county,
                        spouse: first, &rng)
                    if out.count == Int(first) + 1 { out[Int(first)].spouse = -1 }
                } else {
                    add(parentAge, male: rng.chance(0.3), role: .parent, county: county, &rng)
                }
            } else if r < 0.70 {  // young couple
                _ = addCouple(rng.int(in: 22...35), &rng)
            } else if r < 0.82 {  // single adult
                add(rng.int(in: 18...59), male: headMale, role: .head, county: county, &rng)
            } else {  // middle-aged couple, children moved out
                _ = addCouple(rng.int(in: 45...68), &rng)
            }
            household += 1
        }
        return out
    }
}

/// Hands out ID order codes so that no two persons share an ID number, in a fixed order
/// (chunk by chunk, member by member), whatever order the chunks were built in.
struct IDAllocator {
    private var taken = [Int: [Int16]]()

    /// Sets `sequence` on every member, trying its preferred code first and then the next ones of the right parity.
    mutating func assign(_ members: inout [Member], rng: inout SimulationRandom) {
        for i in members.indices {
            let m = members[i]
            let key = Int(m.issuingRegion) &* 1_000_000 &+ m.birth.daysSinceEpoch &* 2 &+ (m.male ? 1 : 0)
            var seq = Int16(rng.int(500) * 2 + (m.male ? 1 : 0))
            var used = taken[key, default: []]
            var tries = 0
            while used.contains(seq) && tries < 500 {
                seq = (seq + 2) % 1000
                tries += 1
            }
            used.append(seq)
            taken[key] = used
            members[i].sequence = seq
        }
    }
}
