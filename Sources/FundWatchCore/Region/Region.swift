/// One administrative division (GB/T 2260) with a representative point.
public struct Region: Hashable, Sendable, Codable {
    /// The six-digit code.
    public let code: String
    /// The full name (禹城市).
    public let name: String
    public let level: RegionLevel
    /// The code one level up; nil for a province.
    public let parent: String?
    /// WGS-84 longitude of a point inside the region.
    public let longitude: Double
    /// WGS-84 latitude of a point inside the region.
    public let latitude: Double

    public init(code: String, name: String, level: RegionLevel, parent: String?, longitude: Double, latitude: Double) {
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Whether the region has a point (its own or an ancestor's); two pseudo-regions of the source
    /// (990000 苏鲁交界, 999900 海域) have none and are left off maps.
    public var hasPoint: Bool { longitude != 0 || latitude != 0 }

    /// The name without its administrative suffix (禹城市 → 禹城, 广西壮族自治区 → 广西), as people
    /// often write it. Names whose stem would be a single character keep their suffix (城区).
    public var shortName: String {
        for suffix in Region.suffixes where name.hasSuffix(suffix) {
            let stem = String(name.dropLast(suffix.count))
            if stem.count >= 2 { return stem }
        }
        return name
    }

    /// Suffixes stripped by `shortName`, longest first so 自治州 wins over 州.
    static let suffixes = [
        "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
        "林区", "新区", "地区", "省", "市", "区", "县", "盟", "旗",
    ]
}
