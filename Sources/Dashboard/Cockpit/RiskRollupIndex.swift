public import FundWatchCore
public import Storage

/// The findings rollups at every level (county, city, province, nation), kept in memory and
/// brought up to date from the store's changed county cells: a changed cell moves its county and
/// every ancestor by the difference, so an update costs the cells that changed, never a rescan.
public struct RiskRollupIndex: Sendable {
    /// The code the index files the nation's rollup under.
    public static let nationCode = "000000"

    struct CellKey: Hashable, Sendable {
        var region: String
        var dimension: RollupCell.Dimension
        var key: String
    }

    /// The county cells as the store last reported them.
    private var countyCells: [CellKey: RollupMeasure] = [:]
    /// Every level's rollup, by region code (the nation under `nationCode`).
    private var regions: [String: RegionRollup] = [:]
    /// Region codes and their ancestors, nation last; cached because every cell walks them.
    private var ancestry: [String: [String]] = [:]
    private let catalog: RegionCatalog
    /// The dashboard version the index is current at.
    public private(set) var version: Int64 = 0

    public init(catalog: RegionCatalog) {
        self.catalog = catalog
    }

    /// Applies the store's changes. Returns whether anything moved.
    @discardableResult
    public mutating func apply(_ changes: RollupChanges) -> Bool {
        if changes.replacesAll {
            countyCells = [:]
            regions = [:]
        }
        for cell in changes.cells {
            let key = CellKey(region: cell.regionCode, dimension: cell.dimension, key: cell.key)
            let delta = cell.measure - (countyCells[key] ?? .zero)
            if cell.measure.isZero { countyCells[key] = nil } else { countyCells[key] = cell.measure }
            guard !delta.isZero else { continue }
            for code in codesAbove(cell.regionCode) {
                regions[code, default: RegionRollup()].add(delta, dimension: cell.dimension, key: cell.key)
            }
        }
        let moved = changes.replacesAll || !changes.cells.isEmpty
        version = changes.version
        return moved
    }

    /// A region's rollup (all zero when nothing was found in it).
    public func rollup(for regionCode: String) -> RegionRollup {
        regions[regionCode] ?? RegionRollup()
    }

    /// The county itself, its city and province as the catalogue knows them, and the nation. A
    /// code the catalogue does not know (or an empty one) counts for the nation only.
    private mutating func codesAbove(_ code: String) -> [String] {
        if let known = ancestry[code] { return known }
        let codes = catalog.ancestors(of: code).map(\.code) + [Self.nationCode]
        ancestry[code] = codes
        return codes
    }
}

/// One region's rollup: a measure per dimension and key.
public struct RegionRollup: Sendable, Hashable {
    public private(set) var cells: [RollupCell.Dimension: [String: RollupMeasure]] = [:]

    public init() {}

    /// The measure of one key of a dimension (zero when absent).
    public func measure(_ dimension: RollupCell.Dimension, _ key: String = "") -> RollupMeasure {
        cells[dimension]?[key] ?? .zero
    }

    /// All keys of a dimension with their measures.
    public func values(_ dimension: RollupCell.Dimension) -> [String: RollupMeasure] { cells[dimension] ?? [:] }

    mutating func add(_ delta: RollupMeasure, dimension: RollupCell.Dimension, key: String) {
        let sum = (cells[dimension]?[key] ?? .zero) + delta
        cells[dimension, default: [:]][key] = sum.isZero ? nil : sum
    }
}
