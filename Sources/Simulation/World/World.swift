import Foundation
import FundWatchCore

/// Everything shared by all chunks of a run: the counties with their places, institutions and
/// staff. Built once from the configuration and the seed, before any person is generated.
struct World: Sendable {
    let configuration: SimulationConfiguration
    let counties: [County]
    let countyTable: WeightedTable
    /// County codes elsewhere in China, for ID numbers first issued outside the simulated region.
    let elsewhere: [String]
    /// Hospitals at least 600 km from the simulated region's centre.
    let distantHospitals: [DistantHospital]
    let institutions: [Institution]
    let staff: [Staff]

    init(configuration: SimulationConfiguration, catalog: RegionCatalog = .shared) {
        self.configuration = configuration
        var rng = SimulationRandom(seed: configuration.seed, 0x574F_524C_44)  // "WORLD"
        let regions = catalog.counties(under: configuration.regionCode).sorted { $0.code < $1.code }
        let rawWeights = World.weights(of: regions)
        let totalWeight = rawWeights.reduce(0, +)
        let meanWeight = totalWeight / Double(regions.count)
        var counties = [County]()
        var institutions = [Institution]()
        var staff = [Staff]()
        for (region, weight) in zip(regions, rawWeights) {
            let expectedPersons = Double(configuration.persons) * weight / totalWeight
            let county = World.makeCounty(
                region, weight: weight / meanWeight, expectedPersons: expectedPersons, catalog: catalog, rng: &rng,
                institutions: &institutions, staff: &staff)
            counties.append(county)
        }
        // Audit staff also sit at city and province level, so every dashboard level has people.
        var upper = Set<String>()
        for region in regions {
            for ancestor in catalog.ancestors(of: region.code).dropFirst() { upper.insert(ancestor.code) }
        }
        for code in upper.sorted() {
            let level = catalog.region(code)!.level
            let n = level == .province ? 8 : 4
            for i in 1...n {
                staff.append(World.auditor(id: "JH\(code)\(pad(i, 3))", region: code, rng: &rng))
            }
        }
        self.counties = counties
        self.countyTable = WeightedTable(rawWeights)
        let province = String(configuration.regionCode.prefix(2))
        let all = catalog.regionsByCode.values.filter { $0.level == .county }.sorted { $0.code < $1.code }
        let outside = all.filter { !$0.code.hasPrefix(province) }
        self.elsewhere = stride(from: 0, to: outside.count, by: max(1, outside.count / 200)).map { outside[$0].code }
        let centreLon = regions.map(\.longitude).reduce(0, +) / Double(regions.count)
        let centreLat = regions.map(\.latitude).reduce(0, +) / Double(regions.count)
        let far = all.filter { World.kilometres(centreLon, centreLat, $0.longitude, $0.latitude) >= 600 }
        let chosen = stride(from: 0, to: far.count, by: max(1, far.count / 24)).map { far[$0] }
        var distant = [DistantHospital]()
        for region in chosen {
            let id = "H\(region.code)901"
            distant.append(DistantHospital(institutionID: id, regionCode: region.code))
            institutions.append(
                Institution(institutionID: id, name: region.name + "人民医院", kind: .hospital, regionCode: region.code))
        }
        self.distantHospitals = distant
        self.institutions = institutions
        self.staff = staff
    }

    /// Population weights of counties: within a city, by `weight(of:)`; where the city's
    /// population is known (`Places.cityPopulation`), scaled so each city gets its real share.
    static func weights(of regions: [Region]) -> [Double] {
        var weights = regions.map(World.weight(of:))
        let byCity = Dictionary(grouping: regions.indices, by: { regions[$0].parent ?? "" })
        for (city, indices) in byCity {
            guard let population = Places.cityPopulation[city] else { continue }
            let sum = indices.map { weights[$0] }.reduce(0, +)
            for i in indices { weights[i] = weights[i] / sum * population }
        }
        return weights
    }

    /// A deterministic population weight: city districts are larger than county-level cities,
    /// which are larger than counties, with a stable per-code spread of ±25 %.
    static func weight(of region: Region) -> Double {
        let base = region.name.hasSuffix("区") ? 2.6 : region.name.hasSuffix("市") ? 1.8 : 1.2
        var sm = SplitMix64(state: UInt64(Int(region.code) ?? 0))
        let jitter = 0.75 + 0.5 * Double(sm.next() >> 11) * 0x1.0p-53
        return base * jitter
    }

    /// Great-circle distance in kilometres.
    static func kilometres(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let r = 6371.0
        let p1 = lat1 * .pi / 180
        let p2 = lat2 * .pi / 180
        let dp = (lat2 - lat1) * .pi / 180
        let dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(a.squareRoot())
    }

    private static func makeCounty(
        _ region: Region, weight: Double, expectedPersons: Double, catalog: RegionCatalog, rng: inout SimulationRandom,
        institutions: inout [Institution], staff: inout [Staff]
    ) -> County {
        let ancestors = catalog.ancestors(of: region.code)
        // Province, then the city if there is one: 山东省 德州市 禹城市.
        let prefix = ancestors.reversed().map(\.name).reduce("") { acc, name in acc.hasSuffix(name) ? acc : acc + name }
        let isDistrict = region.name.hasSuffix("区")
        var towns = [String]()
        var used = Set<String>()
        let townCount = isDistrict ? rng.int(in: 5...10) : rng.int(in: 8...15)
        while towns.count < townCount {
            let stem = String([rng.pick(Places.stemHeads), rng.pick(Places.stemTails)])
            guard used.insert(stem).inserted else { continue }
            let suffix = isDistrict || towns.count < 2 ? "街道" : (rng.chance(0.15) ? "乡" : "镇")
            towns.append(stem + suffix)
        }
        var roads = [String]()
        var usedRoads = Set<String>()
        while roads.count < 12 {
            let road = rng.pick(Places.roadStems) + rng.pick(Places.roadSuffixes)
            if usedRoads.insert(road).inserted { roads.append(road) }
        }
        let code = region.code
        let short = region.shortName
        var hospitals = [String]()
        let named = [region.name + "人民医院", region.name + "中医医院", region.name + "妇幼保健院"]
        for (i, name) in named.enumerated() {
            let id = "H\(code)\(pad(i + 1, 3))"
            hospitals.append(id)
            institutions.append(Institution(institutionID: id, name: name, kind: .hospital, regionCode: code))
        }
        for (i, town) in towns.prefix(8).enumerated() where !town.hasSuffix("街道") {
            let id = "H\(code)\(pad(i + 11, 3))"
            hospitals.append(id)
            institutions.append(
                Institution(institutionID: id, name: short + town + "卫生院", kind: .hospital, regionCode: code))
        }
        var pharmacies = [String]()
        for i in 0..<max(2, min(400, Int(expectedPersons / 600))) {
            let id = "P\(code)\(pad(i + 1, 3))"
            pharmacies.append(id)
            let name = rng.pick(Places.pharmacyBrands) + "（" + short + rng.pick(towns) + "店）"
            institutions.append(Institution(institutionID: id, name: name, kind: .pharmacy, regionCode: code))
        }
        var employers = [String]()
        let employerCount = max(3, min(9000, Int(expectedPersons / 40)))
        let shellCount = max(1, min(500, Int(expectedPersons / 1500)))
        var names = Set<String>()
        for i in 0..<(employerCount + shellCount) {
            let id = "E\(code)\(pad(i + 1, 4))"
            let shell = i >= employerCount
            var name: String
            repeat {
                let trade = shell ? rng.pick(Places.shellTrades) : rng.pick(Places.companyTrades)
                name = "山东" + short + rng.pick(Places.companyWords) + trade + rng.pick(Places.companySuffixes)
                if names.contains(name) {
                    name = short + rng.pick(Places.companyWords) + rng.pick(Places.companyWords) + trade + "有限公司"
                }
            } while !names.insert(name).inserted && names.count < 100_000
            employers.append(id)
            institutions.append(Institution(institutionID: id, name: name, kind: .employer, regionCode: code))
        }
        let bureau = "E\(code)0000"
        institutions.append(
            Institution(institutionID: bureau, name: region.name + "人力资源和社会保障局", kind: .employer, regionCode: code))
        var operators = [String]()
        for i in 1...rng.int(in: 3...6) {
            let id = "JB\(code)\(pad(i, 3))"
            operators.append(id)
            let surname = ChineseNames.surnames[ChineseNames.surnameTable.draw(&rng)].0
            let born = rng.int(in: 1970...1998)
            staff.append(
                Staff(
                    staffID: id,
                    name: ChineseNames.name(surname: surname, male: rng.chance(0.45), birthYear: born, rng: &rng),
                    regionCode: code, role: "待遇经办",
                    hiredDate: CivilDate(year: born + rng.int(in: 22...26), month: rng.int(in: 1...12), day: 1),
                    education: rng.pick(Places.educations), specialty: "待遇发放"))
        }
        let auditors = max(2, min(12, Int(weight * 4)))
        for i in 1...auditors {
            staff.append(World.auditor(id: "JH\(code)\(pad(i, 3))", region: code, rng: &rng))
        }
        return County(
            code: code, codeBytes: Array(code.utf8), name: region.name, addressPrefix: prefix,
            court: (isDistrict ? (ancestors.dropFirst().first?.name ?? "") : "") + region.name + "人民法院",
            isDistrict: isDistrict,
            weight: weight, longitude: region.longitude, latitude: region.latitude, towns: towns, roads: roads,
            hospitals: hospitals, pharmacies: pharmacies, employers: Array(employers.prefix(employerCount)),
            shellEmployers: Array(employers.suffix(shellCount)), bureau: bureau, operators: operators)
    }

    private static func auditor(id: String, region: String, rng: inout SimulationRandom) -> Staff {
        let surname = ChineseNames.surnames[ChineseNames.surnameTable.draw(&rng)].0
        let born = rng.int(in: 1966...1999)
        let hired = CivilDate(
            year: min(2026, born + rng.int(in: 22...30)), month: rng.int(in: 1...12), day: rng.int(in: 1...28))!
        return Staff(
            staffID: id, name: ChineseNames.name(surname: surname, male: rng.chance(0.5), birthYear: born, rng: &rng),
            regionCode: region, role: rng.pick(Places.staffRoles), hiredDate: hired,
            education: rng.pick(Places.educations),
            specialty: rng.pick(Places.specialties))
    }
}

/// `n` left-padded with zeros to `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
