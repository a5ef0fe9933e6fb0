import FundWatchCore

extension BoundMapping {
    /// How one canonical field's cleaned value is checked, resolved once per binding from the
    /// record type's `FieldSpec`s: by position, with no field name compared per row.
    struct FieldCheck: Sendable {
        enum Rule: Sendable {
            case text
            case idNumber
            case date
            case period
            case money
            case bool
            case region
            /// A code field: the codes its canonical type accepts (a handful: compared in turn,
            /// cheaper than hashing the value).
            case codes([String])
            /// A field this check cannot judge alone: the record type is built to judge it.
            case unchecked
        }

        let required: Bool
        let rule: Rule
    }

    /// Record types whose `init(row:)` checks fields against each other (an end before its
    /// start, a death in the future, a fund share above the total): for them the record is
    /// still built after the field checks pass. The other types only read each field with its
    /// type's accessor (`RecordGateTests` checks that they accept what the field checks accept).
    static let kindsCheckingAcrossFields: Set<RecordKind> = [.custodyRecord, .deathRecord, .enrollment, .medicalSettlement]

    /// The checks of `kind`'s fields, in `fields` order.
    static func fieldChecks(kind: RecordKind, fields: [FieldSpec]) -> [FieldCheck] {
        fields.map { field in
            let rule: FieldCheck.Rule
            switch field.type {
            case .text: rule = .text
            case .idNumber: rule = .idNumber
            case .date: rule = .date
            case .period: rule = .period
            case .money: rule = .money
            case .bool: rule = .bool
            case .region: rule = .region
            case .code: rule = CodeVocabulary.of(kind: kind, field: field.name).map { .codes($0.codes) } ?? .unchecked
            }
            return FieldCheck(required: field.required, rule: rule)
        }
    }

    /// Whether cleaned `values` pass every field check, so that building the record would
    /// accept them (for the kinds not in `kindsCheckingAcrossFields`). `checkedIDs` holds, per
    /// field, the last ID number that passed: a person's rows follow each other, so most rows
    /// repeat it and the checksum and birth date are not checked again. False sends the row to
    /// the record type, which names the field and the reason exactly as before.
    /// Fields marked in `knownValid` (bit i: field i; a value that passed before) are not checked again.
    func passesFieldChecks(_ values: [String], checkedIDs: inout [String], knownValid: UInt64 = 0) -> Bool {
        for i in 0..<fieldChecks.count {
            if i < 64, knownValid & (1 << UInt64(i)) != 0 { continue }
            let value = values[i]
            let check = fieldChecks[i]
            if value.isEmpty {
                if check.required { return false }
                continue
            }
            switch check.rule {
            case .text: continue
            case .idNumber:
                if value == checkedIDs[i] { continue }
                guard (try? IDNumber(value, today: today)) != nil else { return false }
                checkedIDs[i] = value
            case .date:
                if CivilDate(value) == nil { return false }
            case .period:
                if Period(value) == nil { return false }
            case .money:
                if Int64(value) == nil { return false }
            case .bool:
                if value != "true" && value != "false" { return false }
            case .region:
                if value.utf8.count != 6 || !value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return false }
            case .codes(let codes):
                if !codes.contains(value) { return false }
            case .unchecked:
                return false
            }
        }
        return true
    }
}
