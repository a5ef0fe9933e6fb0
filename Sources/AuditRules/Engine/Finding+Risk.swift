public import Foundation
import FundWatchCore

extension Finding {
    /// The risk score that orders work queues, 0–100: the severity sets the band (red 60–100,
    /// orange 30–70, yellow 0–40) and the amount at stake moves the finding within it, one
    /// tenth of the band per tenfold amount from ¥100 (so ¥1,000,000 reaches the top).
    public var riskScore: Double {
        let base: Double
        switch severity {
        case .red: base = 60
        case .orange: base = 30
        case .yellow: base = 0
        }
        let yuan = max(0, Double(amountAtRisk.fen) / 100)
        let magnitude = yuan < 100 ? 0 : min(4, log10(yuan / 100))
        return (base + magnitude * 10 * (kind == .dataConflict ? 0.5 : 1)).rounded(toPlaces: 2)
    }

    /// The finding's canonical JSON: sorted keys, no whitespace, full ID number. The findings
    /// store keeps it and the ledger records its SHA-256.
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
