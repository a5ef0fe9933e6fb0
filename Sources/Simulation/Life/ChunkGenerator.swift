import Foundation
import FundWatchCore

/// Generates one chunk of the population: plans each member's life, plants fraud and noise
/// among them, and writes their rows. Pure: the same world, chunk index and members give the
/// same bytes on any thread.
struct ChunkGenerator {
    let world: World
    let configuration: SimulationConfiguration
    /// Index of the chunk; `base` is the global index of its first member.
    let chunk: Int
    let base: Int
    let members: [Member]
    var lives: [Life] = []
    var rng: SimulationRandom
    var out = ChunkOutput()
    let windowStart: Period
    let windowEnd: Period
    let firstDay: CivilDate
    let lastDay: CivilDate

    init(world: World, chunk: Int, members: [Member]) {
        self.world = world
        self.configuration = world.configuration
        self.chunk = chunk
        self.base = chunk * SimulationConfiguration.chunkSize
        self.members = members
        self.rng = SimulationRandom(seed: world.configuration.seed, ChunkGenerator.plantStream, UInt64(chunk))
        self.windowStart = world.configuration.windowStart
        self.windowEnd = world.configuration.windowEnd
        self.firstDay = windowStart.firstDay
        self.lastDay = windowEnd.lastDay
        self.out = ChunkOutput(persons: members.count, months: world.configuration.windowMonths)
    }

    /// Plans, plants and renders the chunk.
    mutating func run() -> ChunkOutput {
        plan()
        plantFraud()
        plantNoise()
        render()
        return out
    }

    // MARK: - Planning

    mutating func plan() {
        lives.reserveCapacity(members.count)
        var household: Int32 = -1
        var address = ""
        var surname = ""
        for (i, m) in members.enumerated() {
            rng = SimulationRandom(seed: configuration.seed, ChunkGenerator.lifeStream, UInt64(base + i))
            if m.household != household {
                household = m.household
                address = makeAddress(world.counties[Int(m.county)])
                surname = ChineseNames.surnames[ChineseNames.surnameTable.draw(&rng)].0
            }
            let ownSurname =
                m.role == .spouse || (m.role == .parent && !m.male) || (m.role == .head && !m.male && rng.chance(0.5))
                ? ChineseNames.surnames[ChineseNames.surnameTable.draw(&rng)].0 : surname
            lives.append(planLife(index: i, member: m, surname: ownSurname, address: address))
        }
        planMaternity()
        rng = SimulationRandom(seed: configuration.seed, ChunkGenerator.plantStream, UInt64(chunk))
    }

    /// Stream keys: a person's life and rows come from (seed, person index); the households of a
    /// chunk and the fraud and noise planted among them from (seed, chunk index).
    static let lifeStream: UInt64 = 0x4C49_4645  // "LIFE"
    static let rowsStream: UInt64 = 0x524F_5753  // "ROWS"
    static let plantStream: UInt64 = 0x504C_414E_54  // "PLANT"

    /// Maternity allowance (生育津贴, 98 days of wage) for employed mothers of children born in the window.
    private mutating func planMaternity() {
        for i in members.indices where members[i].role == .child && members[i].birth >= firstDay {
            let household = members[i].household
            var j = i - 1
            while j >= 0, members[j].household == household, members[j].male || members[j].role == .child { j -= 1 }
            guard j >= 0, members[j].household == household, members[j].role == .head || members[j].role == .spouse
            else { continue }
            let mother = lives[j]
            guard mother.work == .employee, let job = mother.job, job.end == nil, job.start < members[i].birth,
                mother.death == nil, mother.account != nil, mother.pension == nil
            else { continue }
            let p = members[i].birth.period.adding(months: 1)
            guard p <= windowEnd else { continue }
            lives[j].maternity = (p, mother.wage * 98 / 30)
        }
    }

    private mutating func planLife(index: Int, member m: Member, surname: String, address: String) -> Life {
        let county = world.counties[Int(m.county)]
        let region = String(m.issuingRegion)
        let idNumber = IDNumber(region: region, birthDate: m.birth, sequence: Int(m.sequence))
        let age = m.birth.age(on: lastDay)
        let name = ChineseNames.name(surname: surname, male: m.male, birthYear: m.birth.year, rng: &rng)
        let employeeShare = county.isDistrict ? 0.62 : 0.42
        let isEmployee = age >= 16 && rng.chance(employeeShare)
        let category: RetirementCategory =
            m.male ? .male : (isEmployee && rng.chance(0.4) ? .femaleCadre : .femaleWorker)
        let retirement = RetirementPolicy.retirementPeriod(born: m.birth.period, category: category)
        let sixtieth = m.birth.period.adding(months: 720)
        var life = Life(
            id: Array(idNumber.value.utf8), id15: nil, name: name, county: Int(m.county), address: address,
            phone: age >= 14 ? makePhone() : nil, account: nil, work: .none, category: category, retirement: retirement,
            residentStart: m.birth)
        if age >= 18 || m.special != .none {
            let bank = Places.bankTable.draw(&rng)
            var number = Array(Places.banks[bank].bin.utf8)
            number += Array(pad(base + index, 10).utf8)
            number += Array(pad(rng.int(1000), 3).utf8)
            let earliest = max(m.birth.adding(months: 18 * 12), CivilDate(year: 1998, month: 1, day: 1)!)
            let opened = min(earliest.adding(days: rng.int(0...4000)), lastDay.adding(days: -rng.int(30...200)))
            life.account = Life.PlannedAccount(account: number, bank: bank, opened: max(opened, earliest))
        }
        let residentFloor = CivilDate(year: 2011, month: 7, day: 1)!.adding(days: rng.int(0...900))
        life.residentStart = min(
            lastDay,
            max(
                m.birth.adding(days: rng.int(20...90)),
                age < 16 ? residentFloor : max(residentFloor, m.birth.adding(months: 192))))
        if age < 16 {
            life.work = .child
        } else if age < 18 || (age < 22 && rng.chance(0.6) && m.special == .none) {
            life.work = .student
        } else if isEmployee {
            life.work = .employee
            let startAge = rng.int(in: 18...24)
            var start = m.birth.adding(months: startAge * 12 + rng.int(12)).adding(days: rng.int(28))
            let floor = CivilDate(year: 1992, month: 1, day: 1)!
            if start < floor { start = floor.adding(days: rng.int(0...720)) }
            if start > lastDay.adding(days: -90) { start = lastDay.adding(days: -rng.int(90...400)) }
            if start < m.birth.adding(months: 16 * 12) { start = m.birth.adding(months: 16 * 12) }
            life.job = Life.Job(employer: rng.pick(county.employers), start: start, end: nil, enrolled: true)
            life.wage = Int64(max(2600, min(30000, Int(rng.normal(mean: 6800, deviation: 2600))))) / 10 * 1000
            life.injuryInsured = rng.chance(0.9)
            if retirement <= windowEnd {
                life.job!.end = retirement.firstDay.adding(days: -1)
                let yuan = max(2100, min(12000, Int(rng.normal(mean: 3700, deviation: 1000))))
                life.pension = Life.Pension(
                    kind: .employee, start: retirement, amount: Int64(yuan * 100 + rng.int(100)),
                    account: life.account?.account ?? [])
            }
        } else {
            life.work = .resident
            let start = m.male ? retirement : sixtieth
            if start <= windowEnd && age >= 60 {
                life.pension = Life.Pension(
                    kind: .resident, start: start, amount: Int64(rng.int(in: 160...450) * 100 + rng.int(100)),
                    account: life.account?.account ?? [])
            }
        }
        // Deaths in the window, by a Gompertz hazard: about 1 % a year at 60, 7 % at 80, 17 % at 90.
        if m.special != .veryOld {
            let q = exp(-10.3 + 0.095 * Double(age))
            if rng.chance(1 - exp(-q * Double(configuration.windowMonths) / 12)) {
                let span = firstDay.days(to: lastDay) - 50
                if span > 0 { ChunkGenerator.registerDeath(&life, on: firstDay.adding(days: rng.int(span)), rng: &rng) }
            }
        }
        if let job = life.job, job.end == nil, life.death == nil {
            if rng.chance(0.02) {
                let loss = windowStart.adding(months: rng.int(max(1, configuration.windowMonths - 3)))
                if job.start.period < loss {
                    life.job!.end = loss.lastDay
                    life.unemploymentMonths = rng.int(in: 3...12)
                    if rng.chance(0.5) {
                        let restart = loss.adding(months: life.unemploymentMonths + 1 + rng.int(3))
                        if restart <= windowEnd {
                            life.secondJob = Life.Job(
                                employer: rng.pick(county.employers), start: restart.firstDay.adding(days: rng.int(20)),
                                end: nil,
                                enrolled: true)
                        }
                    }
                }
            } else if life.injuryInsured, rng.chance(0.004) {
                let earliest = max(firstDay, job.start.adding(days: 30))
                let span = earliest.days(to: lastDay) - 45
                if span > 0 {
                    let date = earliest.adding(days: rng.int(span))
                    life.injury = Life.Injury(
                        employer: job.employer, date: date, claimDate: date.adding(days: rng.int(in: 5...30)),
                        amount: Int64(rng.int(in: 5_000...150_000)) * 100)
                }
            }
        }
        if age >= 18, age < 60, life.pension == nil, life.work != .employee, life.death == nil, rng.chance(0.003) {
            let detention = rng.chance(0.6)
            let start =
                detention
                ? firstDay.adding(days: rng.int(max(1, firstDay.days(to: lastDay) - 20)))
                : firstDay.adding(days: -rng.int(0...1000))
            let end = start.adding(days: detention ? rng.int(in: 15...180) : rng.int(in: 365...2400))
            life.custody = Life.Custody(
                start: start, end: end <= lastDay ? end : nil, kind: detention ? .detention : .imprisonment)
        }
        return life
    }

    /// Registers a death with one to three departments, each within 45 days.
    static func registerDeath(_ life: inout Life, on date: CivilDate, rng: inout SimulationRandom) {
        life.death = date
        var registrations = [(source: DeathSource, delay: Int)]()
        if rng.chance(0.85) { registrations.append((.civilAffairs, rng.int(in: 1...30))) }
        if rng.chance(0.9) { registrations.append((.publicSecurity, rng.int(in: 3...45))) }
        if rng.chance(0.7) || registrations.isEmpty { registrations.append((.health, rng.int(in: 0...5))) }
        life.deathRegistrations = registrations
    }

    private mutating func makeAddress(_ county: County) -> String {
        let number = String(rng.int(in: 1...399)) + "号"
        if county.isDistrict || rng.chance(0.35) {
            var s =
                county.addressPrefix + (county.isDistrict ? "" : rng.pick(county.towns)) + rng.pick(county.roads)
                + number
            if rng.chance(0.7) {
                s +=
                    String(rng.int(in: 1...30)) + "号楼" + String(rng.int(in: 1...4)) + "单元" + String(rng.int(in: 1...18))
                    + pad(rng.int(in: 1...4), 2) + "室"
            }
            return s
        }
        let village = String([rng.pick(Places.stemHeads), rng.pick(Places.stemTails)]) + "村"
        return county.addressPrefix + rng.pick(county.towns) + village + number
    }

    private mutating func makePhone() -> String {
        let prefixes = [
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158",
            "159", "166", "176", "177", "180", "181", "185", "186", "187", "188", "189", "199",
        ]
        return rng.pick(prefixes) + pad(rng.int(100_000_000), 8)
    }
}
