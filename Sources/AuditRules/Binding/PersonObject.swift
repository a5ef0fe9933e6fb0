import CEL
import FundWatchCore

/// The `person` variable: the registered person and the derived facts rules ask about.
/// Functions such as `in_custody(person, date)` receive it and reach the whole timeline.
struct PersonObject: CELObject {
    static let celTypeName = "fundwatch.Person"
    static let fields: [String: CELType] = [
        "id_number": .string, "name": .string, "sex": .string, "birth_date": .string, "region_code": .string,
        "address": .string, "household": .string, "death_date": .dyn,
    ]
    let bound: BoundTimeline

    func field(named name: String) -> CELValue? {
        let t = bound.timeline
        switch name {
        case "id_number": return .string(t.idNumber.value)
        case "name": return .string(t.person?.name ?? "")
        case "sex": return .string(t.sex.rawValue)
        case "birth_date": return .string(t.birthDate.celText)
        case "region_code": return .string(t.person?.regionCode ?? "")
        case "address": return .string(t.person?.address ?? "")
        case "household": return .string(bound.household)
        case "death_date": return t.deathDate.map { .string($0.celText) } ?? .null
        default: return nil
        }
    }
}
