/// A bank account and its holder.
public struct BankAccount: CanonicalRecord {
    public static let kind = RecordKind.bankAccount
    public static let fields = [
        FieldSpec("account", "账号"), FieldSpec("holder_id_number", "户主身份证号码", .idNumber),
        FieldSpec("bank", "开户行", required: false), FieldSpec("opened_date", "开户日期", .date, required: false),
    ]

    public var account: String
    public var holderIDNumber: IDNumber
    public var bank: String?
    public var openedDate: CivilDate?

    public init(account: String, holderIDNumber: IDNumber, bank: String? = nil, openedDate: CivilDate? = nil) {
        self.account = account
        self.holderIDNumber = holderIDNumber
        self.bank = bank
        self.openedDate = openedDate
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            account: try row.required("account"), holderIDNumber: try row.requiredIDNumber("holder_id_number"),
            bank: row.text("bank"), openedDate: try row.date("opened_date"))
    }

    public var fieldValues: [String] { [account, holderIDNumber.canonicalText, bank.canonicalText, openedDate.canonicalText] }

    public var subjectID: IDNumber? { holderIDNumber }

    /// The account number with all but the last four digits hidden.
    public static func mask(_ account: String) -> String {
        let chars = Array(account)
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        return String(repeating: "*", count: chars.count - 4) + String(chars.suffix(4))
    }
}
