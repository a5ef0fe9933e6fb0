import FundWatchCore

/// The finding as a flat JSON object: `{"kind": "death_status", "status": "dead", "date": "2026-05-03"}`.
/// Departments' systems post it, so its shape is the API's contract.
extension VerificationFinding: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, status, date, from, until, nameMatches, text
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(VerificationKind.self, forKey: .kind)
        func status(_ allowed: [String]) throws -> String {
            let value = try c.decode(String.self, forKey: .status)
            guard allowed.contains(value) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .status, in: c,
                    debugDescription: "status of \(kind.rawValue) must be one of \(allowed.joined(separator: ", ")), not \(value)")
            }
            return value
        }
        switch kind {
        case .deathStatus:
            switch try status(["dead", "alive", "unknown"]) {
            case "dead": self = .death(.dead(on: try c.decode(CivilDate.self, forKey: .date)))
            case "alive": self = .death(.alive)
            default: self = .death(.unknown)
            }
        case .identityCheck:
            switch try status(["valid", "cancelled", "not_found", "unknown"]) {
            case "valid": self = .identity(.valid(nameMatches: try c.decodeIfPresent(Bool.self, forKey: .nameMatches) ?? true))
            case "cancelled": self = .identity(.cancelled(on: try c.decodeIfPresent(CivilDate.self, forKey: .date)))
            case "not_found": self = .identity(.notFound)
            default: self = .identity(.unknown)
            }
        case .custodyStatus:
            switch try status(["in_custody", "not_in_custody", "unknown"]) {
            case "in_custody":
                self = .custody(
                    .inCustody(
                        from: try c.decode(CivilDate.self, forKey: .from),
                        until: try c.decodeIfPresent(CivilDate.self, forKey: .until)))
            case "not_in_custody": self = .custody(.notInCustody)
            default: self = .custody(.unknown)
            }
        case .generic:
            self = .text(try c.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .death(.dead(let date)):
            try c.encode("dead", forKey: .status)
            try c.encode(date, forKey: .date)
        case .death(.alive): try c.encode("alive", forKey: .status)
        case .death(.unknown): try c.encode("unknown", forKey: .status)
        case .identity(.valid(let matches)):
            try c.encode("valid", forKey: .status)
            try c.encode(matches, forKey: .nameMatches)
        case .identity(.cancelled(let date)):
            try c.encode("cancelled", forKey: .status)
            try c.encodeIfPresent(date, forKey: .date)
        case .identity(.notFound): try c.encode("not_found", forKey: .status)
        case .identity(.unknown): try c.encode("unknown", forKey: .status)
        case .custody(.inCustody(let from, let until)):
            try c.encode("in_custody", forKey: .status)
            try c.encode(from, forKey: .from)
            try c.encodeIfPresent(until, forKey: .until)
        case .custody(.notInCustody): try c.encode("not_in_custody", forKey: .status)
        case .custody(.unknown): try c.encode("unknown", forKey: .status)
        case .text(let text): try c.encode(text, forKey: .text)
        }
    }
}
