import Foundation
import FundWatchCore

/// Great-circle distances between the points of regions.
enum GeoDistance {
    /// The haversine distance in kilometres between two regions' points, or nil when either
    /// region is unknown or has no point.
    static func kilometres(_ a: String, _ b: String, catalog: RegionCatalog) -> Double? {
        guard a != b else { return 0 }
        guard let ra = catalog.region(a), let rb = catalog.region(b), ra.hasPoint, rb.hasPoint else { return nil }
        return kilometres(lon1: ra.longitude, lat1: ra.latitude, lon2: rb.longitude, lat2: rb.latitude)
    }

    /// The haversine distance in kilometres between two points (degrees).
    static func kilometres(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, h.squareRoot()))
    }

    /// The largest distance between any two of `codes` (0 for fewer than two known points).
    static func spread(_ codes: Set<String>, catalog: RegionCatalog) -> Double {
        let points = codes.compactMap { catalog.region($0) }.filter(\.hasPoint)
        var best = 0.0
        for i in points.indices {
            for j in points.indices where j > i {
                best = max(
                    best,
                    kilometres(
                        lon1: points[i].longitude, lat1: points[i].latitude, lon2: points[j].longitude,
                        lat2: points[j].latitude))
            }
        }
        return best
    }
}
