import Foundation
import FundWatchCore

/// Great-circle distance between the points of two regions (GB/T 2260 codes).
enum RegionDistance {
    /// Kilometres between the regions' points, or nil when either is unknown or has no point.
    static func kilometres(_ a: String, _ b: String) -> Double? {
        if a == b { return 0 }
        let catalog = RegionCatalog.shared
        guard let x = catalog.region(a), let y = catalog.region(b), x.hasPoint, y.hasPoint else { return nil }
        let rad = Double.pi / 180
        let dLat = (y.latitude - x.latitude) * rad
        let dLon = (y.longitude - x.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(x.latitude * rad) * cos(y.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, sqrt(h)))
    }
}
