@testable import Linkage

/// Seeded synthetic people with known truth, and noisy copies of them, for end-to-end tests.
struct SyntheticPeople {
    static let givenNames = [
        "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth",
        "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen",
        "christopher", "nancy", "daniel", "lisa", "matthew", "betty", "anthony", "margaret", "mark", "sandra",
        "donald", "ashley", "steven", "kimberly", "paul", "emily", "andrew", "donna", "joshua", "michelle",
    ]
    static let surnames = [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
        "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin",
        "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson",
        "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores",
    ]
    static let hanziSurnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
    static let hanziGiven = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂")

    struct Person {
        var given: String
        var surname: String
        var dob: String
        var postcode: String
        var name: String
    }

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }

    mutating func person() -> Person {
        let year = 1940 + int(60)
        let month = 1 + int(12)
        let day = 1 + int(28)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var name = String(SyntheticPeople.hanziSurnames[int(SyntheticPeople.hanziSurnames.count)])
        for _ in 0..<(1 + int(2)) { name.append(SyntheticPeople.hanziGiven[int(SyntheticPeople.hanziGiven.count)]) }
        return Person(
            given: SyntheticPeople.givenNames[int(SyntheticPeople.givenNames.count)],
            surname: SyntheticPeople.surnames[int(SyntheticPeople.surnames.count)],
            dob: "\(year)-\(pad(month))-\(pad(day))", postcode: String(10000 + int(900)), name: name)
    }

    /// A copy with the kinds of errors departments make: typos, swapped day and month, missing values.
    mutating func noisy(_ p: Person) -> Person {
        var q = p
        if chance(0.2) { q.given = typo(q.given) }
        if chance(0.15) { q.surname = typo(q.surname) }
        if chance(0.1) {
            let parts = q.dob.split(separator: "-").map(String.init)
            if Int(parts[2])! <= 12 { q.dob = "\(parts[0])-\(parts[2])-\(parts[1])" }
        } else if chance(0.1) {
            var chars = Array(q.dob)
            chars[9] = chars[9] == "1" ? "2" : "1"
            q.dob = String(chars)
        }
        if chance(0.1) { q.postcode = "" }
        if chance(0.1) { q.name = String(q.name.map { $0 == "张" ? "章" : $0 }) }
        return q
    }

    mutating func typo(_ s: String) -> String {
        var chars = Array(s)
        guard chars.count > 3 else { return s }
        let i = 1 + int(chars.count - 2)
        switch int(3) {
        case 0: chars.remove(at: i)
        case 1: chars.swapAt(i, i - 1)
        default: chars[i] = "aeiou".randomElement(using: &random)!
        }
        return String(chars)
    }

    static let header = ["rec_id", "given_name", "surname", "date_of_birth", "postcode", "name"]

    static func row(_ id: String, _ p: Person) -> [String] { [id, p.given, p.surname, p.dob, p.postcode, p.name] }
}
