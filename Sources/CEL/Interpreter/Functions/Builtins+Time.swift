/// Timestamp and duration accessors (`getFullYear`, `getHours`, …), with optional time zones.
enum TimeAccessors {
    static let names: Set<String> = [
        "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getHours",
        "getMinutes", "getSeconds", "getMilliseconds",
    ]

    static func call(_ name: String, _ arguments: [CELValue]) -> CELValue {
        guard let first = arguments.first else { return noOverload(name, arguments) }
        switch first {
        case .timestamp(let timestamp):
            var offset: Int64 = 0
            if arguments.count == 2 {
                guard case .string(let zone) = arguments[1] else { return noOverload(name, arguments) }
                guard let found = TimeParsing.offset(zone: zone, at: timestamp) else {
                    return .error(.invalidArgument("unknown time zone: '\(zone)'"))
                }
                offset = found
            } else if arguments.count != 1 {
                return noOverload(name, arguments)
            }
            let civil = CivilTime(secondsSinceEpoch: timestamp.seconds + offset)
            switch name {
            case "getFullYear": return .int(civil.year)
            case "getMonth": return .int(civil.month - 1)
            case "getDate": return .int(civil.day)
            case "getDayOfMonth": return .int(civil.day - 1)
            case "getDayOfWeek": return .int(civil.weekday)
            case "getDayOfYear": return .int(civil.dayOfYear)
            case "getHours": return .int(civil.hour)
            case "getMinutes": return .int(civil.minute)
            case "getSeconds": return .int(civil.second)
            case "getMilliseconds": return .int(Int64(timestamp.nanos) / 1_000_000)
            default: return noOverload(name, arguments)
            }
        case .duration(let duration):
            guard arguments.count == 1 else { return noOverload(name, arguments) }
            let seconds = duration.truncatedSeconds
            switch name {
            case "getHours": return .int(seconds / 3600)
            case "getMinutes": return .int(seconds / 60)
            case "getSeconds": return .int(seconds)
            case "getMilliseconds": return .int(duration.signedNanos / 1_000_000)
            default: return noOverload(name, arguments)
            }
        default:
            return noOverload(name, arguments)
        }
    }
}
