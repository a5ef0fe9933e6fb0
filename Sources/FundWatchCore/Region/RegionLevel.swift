/// The levels of the administrative hierarchy, and the nation above them.
public enum RegionLevel: String, CanonicalCode, Comparable {
    case nation, province, city, county

    public var chinese: String {
        switch self {
        case .nation: "全国"
        case .province: "省级"
        case .city: "市级"
        case .county: "县级"
        }
    }

    private var depth: Int {
        switch self {
        case .nation: 0
        case .province: 1
        case .city: 2
        case .county: 3
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.depth < rhs.depth }
}
