import FundWatchCore

/// Turns a region as departments write it (禹城市, 禹城, 山东省德州市禹城市) into its code.
struct RegionResolver: Sendable {
    let catalog: RegionCatalog
    /// Only regions inside this code count (nil: anywhere).
    let within: String?

    /// Why a name gives no single code.
    enum Failure: Error {
        case unknown
        case ambiguous([Region])
    }

    func resolve(_ name: String) -> Result<String, Failure> {
        let direct = candidates(catalog.lookup(name: name))
        if direct.count == 1 { return .success(direct[0].code) }
        if direct.count > 1 { return .failure(.ambiguous(direct)) }
        // A full path: the longest tail that names a region whose ancestors appear before it.
        let chars = Array(name)
        for start in 1..<max(1, chars.count - 1) {
            let tail = String(chars[start...])
            let head = String(chars[..<start])
            let matches = candidates(catalog.lookup(name: tail)).filter { region in
                catalog.ancestors(of: region.code).dropFirst().contains { head.contains($0.shortName) }
            }
            if matches.count == 1 { return .success(matches[0].code) }
            if matches.count > 1 { return .failure(.ambiguous(matches)) }
        }
        return .failure(.unknown)
    }

    private func candidates(_ regions: [Region]) -> [Region] {
        guard let within else { return regions }
        return regions.filter { catalog.contains(within, $0.code) }
    }
}
