/// One county-level division being simulated, with its places and institutions.
struct County: Sendable {
    /// The six-digit code.
    let code: String
    /// The code as bytes, for the hot writers.
    let codeBytes: [UInt8]
    let name: String
    /// Province, city and county names run together, as an address begins (山东省德州市禹城市).
    let addressPrefix: String
    /// The basic people's court (禹城市人民法院, 济南市市中区人民法院).
    let court: String
    /// An urban district (区): more employees, street addresses.
    let isDistrict: Bool
    /// The relative population weight.
    let weight: Double
    let longitude: Double
    let latitude: Double
    /// Towns and sub-districts (镇, 乡, 街道).
    let towns: [String]
    /// Road names (路, 街, 大道).
    let roads: [String]
    /// Hospital ids, the county's main hospital first.
    let hospitals: [String]
    let pharmacies: [String]
    /// Ordinary employers.
    let employers: [String]
    /// Tiny shell employers used only by planted fake enrollments.
    let shellEmployers: [String]
    /// The county human-resources and social-security bureau (an employer for its operators).
    let bureau: String
    /// Staff ids of the payment operators (待遇经办) who key in ordinary payments.
    let operators: [String]
}

/// A hospital far from the simulated region, for off-site care and same-day distant visits.
struct DistantHospital: Sendable {
    let institutionID: String
    let regionCode: String
}
