public import FundWatchCore

/// The files a simulation writes: one per canonical record kind, plus `truth.csv`.
public enum SimulationFile: Hashable, Sendable, Comparable {
    case record(RecordKind)
    case truth
    /// `person_links.csv`: the true person of each record written with identity noise.
    case personLinks

    /// Every file, in the order they are written.
    public static let all: [SimulationFile] = RecordKind.allCases.map { .record($0) } + [.truth, .personLinks]

    /// The file name (`person.csv`, …, `truth.csv`).
    public var fileName: String {
        switch self {
        case .record(let kind): kind.fileName
        case .truth: "truth.csv"
        case .personLinks: "person_links.csv"
        }
    }

    /// The header fields.
    public var header: [String] {
        switch self {
        case .record(let kind): kind.recordType.fields.map(\.name)
        case .truth: ["id_number", "scheme", "rule_ids", "first_period"]
        case .personLinks: ["record_kind", "record_key", "id_number", "noise"]
        }
    }
}

/// The rows of one chunk, file by file, before they are appended to the output in chunk order.
struct ChunkOutput: Sendable {
    var person = RowBuffer()
    var enrollment = RowBuffer()
    var contribution = RowBuffer()
    var payment = RowBuffer()
    var settlement = RowBuffer()
    var injury = RowBuffer()
    var death = RowBuffer()
    var custody = RowBuffer()
    var employment = RowBuffer()
    var account = RowBuffer()
    var institution = RowBuffer()
    var staff = RowBuffer()
    var check = RowBuffer()
    var truth = RowBuffer()
    var personLinks = RowBuffer()
    /// Truth rows written, by scheme.
    var schemeCounts: [String: Int] = [:]

    init() {}

    /// Buffers sized for a chunk of `persons` over `months` months, from the row counts and
    /// widths of a typical population, so they rarely need to grow.
    init(persons n: Int, months: Int) {
        let perMonth = n * months
        person = RowBuffer(capacity: n * 120)
        enrollment = RowBuffer(capacity: n * 200)
        contribution = RowBuffer(capacity: perMonth * 24)
        payment = RowBuffer(capacity: perMonth * 24)
        settlement = RowBuffer(capacity: perMonth * 10)
        employment = RowBuffer(capacity: perMonth * 15)
        account = RowBuffer(capacity: n * 60)
        check = RowBuffer(capacity: n * 24)
    }

    /// The buffer of one file.
    func buffer(_ file: SimulationFile) -> RowBuffer {
        switch file {
        case .truth: truth
        case .personLinks: personLinks
        case .record(let kind):
            switch kind {
            case .person: person
            case .enrollment: enrollment
            case .contribution: contribution
            case .benefitPayment: payment
            case .medicalSettlement: settlement
            case .injuryClaim: injury
            case .deathRecord: death
            case .custodyRecord: custody
            case .employmentRecord: employment
            case .bankAccount: account
            case .institution: institution
            case .staff: staff
            case .qualificationCheck: check
            }
        }
    }
}
