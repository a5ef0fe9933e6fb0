import CEL

/// The CEL environment rules are compiled in: the person, the record lists, the record under
/// evaluation for record-scoped rules, and the domain functions.
enum RuleEnvironment {
    static let objectTypes: [(String, [String: CELType])] = [
        (PersonObject.celTypeName, PersonObject.fields), (PaymentObject.celTypeName, PaymentObject.fields),
        (SettlementObject.celTypeName, SettlementObject.fields), (EnrollmentObject.celTypeName, EnrollmentObject.fields),
        (ContributionObject.celTypeName, ContributionObject.fields), (InjuryObject.celTypeName, InjuryObject.fields),
        (DeathObject.celTypeName, DeathObject.fields), (CustodyObject.celTypeName, CustodyObject.fields),
        (EmploymentObject.celTypeName, EmploymentObject.fields), (CheckObject.celTypeName, CheckObject.fields),
        (AccountObject.celTypeName, AccountObject.fields), (BaselineObject.celTypeName, BaselineObject.fields),
    ]

    /// The collection variables and their element types.
    static let lists: [(String, String)] = [
        ("enrollments", EnrollmentObject.celTypeName), ("contributions", ContributionObject.celTypeName),
        ("payments", PaymentObject.celTypeName), ("settlements", SettlementObject.celTypeName),
        ("injuries", InjuryObject.celTypeName), ("deaths", DeathObject.celTypeName),
        ("custody", CustodyObject.celTypeName), ("employment", EmploymentObject.celTypeName),
        ("checks", CheckObject.celTypeName), ("accounts", AccountObject.celTypeName),
    ]

    static func recordType(_ scope: RuleScope) -> String? {
        switch scope {
        case .person: nil
        case .benefitPayment: PaymentObject.celTypeName
        case .medicalSettlement: SettlementObject.celTypeName
        case .enrollment: EnrollmentObject.celTypeName
        case .contribution: ContributionObject.celTypeName
        case .injuryClaim: InjuryObject.celTypeName
        }
    }

    /// The environment for rules of one scope.
    static func make(scope: RuleScope, costLimit: Int = 200_000) -> CELEnvironment {
        var env = CELEnvironment()
        env.evaluationOptions.costLimit = costLimit
        for (name, fields) in objectTypes { env.declareObject(name, fields: fields) }
        env.declareVariable("person", type: .object(PersonObject.celTypeName))
        for (name, type) in lists { env.declareVariable(name, type: .list(.object(type))) }
        if let variable = scope.recordVariable, let type = recordType(scope) {
            env.declareVariable(variable, type: .object(type))
            env.declareVariable("record", type: .object(type))
        }
        for function in DomainFunctions.all { env.register(function) }
        return env
    }
}
