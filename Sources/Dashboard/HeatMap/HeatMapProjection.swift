import Foundation

/// Fits longitude/latitude points into a box: equirectangular with longitudes shrunk by the
/// cosine of the middle latitude (so shapes keep their proportions at China's latitudes), north
/// up, scaled uniformly and centred.
struct HeatMapProjection {
    private let scale: Double
    private let offsetX: Double
    private let offsetY: Double
    private let minX: Double
    private let maxY: Double
    private let lonFactor: Double

    init(points: [(lon: Double, lat: Double)], width: Double, height: Double, padding: Double) {
        let lats = points.map(\.lat)
        let midLat = lats.isEmpty ? 0 : (lats.min()! + lats.max()!) / 2
        let factor = cos(midLat * .pi / 180)
        let xs = points.map { $0.lon * factor }
        let left = xs.min() ?? 0
        let top = lats.max() ?? 0
        lonFactor = factor
        minX = left
        maxY = top
        let spanX = (xs.max() ?? 0) - left
        let spanY = top - (lats.min() ?? 0)
        let innerW = max(1, width - 2 * padding)
        let innerH = max(1, height - 2 * padding)
        // One point (or all in one place) sits in the middle.
        let s =
            spanX == 0 && spanY == 0
            ? 0 : min(spanX > 0 ? innerW / spanX : .infinity, spanY > 0 ? innerH / spanY : .infinity)
        scale = s
        offsetX = padding + (innerW - spanX * s) / 2
        offsetY = padding + (innerH - spanY * s) / 2
    }

    func project(_ lon: Double, _ lat: Double) -> (x: Double, y: Double) {
        (offsetX + (lon * lonFactor - minX) * scale, offsetY + (maxY - lat) * scale)
    }
}
