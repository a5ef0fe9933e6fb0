import Foundation
import FundWatchCore

/// Finds the patterns of `ProcessSuggestion.Pattern` in a period's outcomes. Each function is one
/// explainable rule: group, count, compare with a threshold, and write the figures into the text.
struct SuggestionFinder {
    let outcomes: [CaseOutcome]
    let thresholds: CauseAnalysis.Thresholds
    let scopeRegion: String
    let catalog: RegionCatalog

    func suggestions() -> [ProcessSuggestion] {
        lateDeathRegistration() + institutionConcentration() + operatorErrors() + riskyChannels()
            + lowPrecisionRules()
    }

    private func regionName(_ code: String) -> String {
        code == "000000" ? "全国" : catalog.region(code).map { "\($0.name)（\(code)）" } ?? code
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// Confirmed after-death cases (rules about payments after death carry a registration delay)
    /// of a region, most of which began with a death registered late: the region should match
    /// death data monthly instead of waiting for the registrations.
    func lateDeathRegistration() -> [ProcessSuggestion] {
        let afterDeath = outcomes.filter {
            $0.verdict.confirmsFinding && $0.registrationDelayDays != nil && $0.ruleID.contains("death")
        }
        return Dictionary(grouping: afterDeath, by: \.regionCode).sorted { $0.key < $1.key }.compactMap { region, cases in
            guard cases.count >= thresholds.minimumCases else { return nil }
            let delays = cases.compactMap(\.registrationDelayDays).sorted()
            let late = cases.filter { ($0.registrationDelayDays ?? 0) > thresholds.lateRegistrationDays }
            let share = Double(late.count) / Double(cases.count)
            guard share >= thresholds.lateRegistrationShare else { return nil }
            let median = delays[delays.count / 2]
            let amount = Money(fen: late.reduce(0) { $0 + $1.amountFen })
            return ProcessSuggestion(
                key: "\(ProcessSuggestion.Pattern.lateDeathRegistration.rawValue):\(region)",
                pattern: .lateDeathRegistration, regionCode: region,
                observation: "\(regionName(region))查实的 \(cases.count) 宗死亡后领取待遇案件中，\(late.count) 宗（\(Self.percent(share))）"
                    + "死亡登记晚于死亡日期 \(thresholds.lateRegistrationDays) 天以上，延迟中位数 \(median) 天，涉及金额 \(amount)。",
                suggestion: "建议\(regionName(region))按月与民政、公安、卫健的死亡数据比对，不再等待死亡登记录入后才停发待遇；"
                    + "并与民政协商缩短死亡登记时限。",
                figures: [
                    "cases": Double(cases.count), "late_cases": Double(late.count), "late_share": share,
                    "median_delay_days": Double(median), "late_amount_fen": Double(amount.fen),
                ],
                caseIDs: late.map(\.caseID))
        }
    }

    /// One institution holds a large share of a rule's confirmed cases: inspect it.
    func institutionConcentration() -> [ProcessSuggestion] {
        let confirmed = outcomes.filter(\.verdict.confirmsFinding)
        var out = [ProcessSuggestion]()
        for (rule, cases) in Dictionary(grouping: confirmed, by: \.ruleID).sorted(by: { $0.key < $1.key }) {
            guard cases.count >= thresholds.minimumCases else { continue }
            let byInstitution = Dictionary(grouping: cases.filter { $0.institutionID != nil }) { $0.institutionID! }
            for (institution, own) in byInstitution.sorted(by: { $0.key < $1.key }) {
                let share = Double(own.count) / Double(cases.count)
                guard own.count >= thresholds.minimumCases, share >= thresholds.institutionShare else { continue }
                // The institution's region: the one most of its cases come from.
                let region = Dictionary(grouping: own, by: \.regionCode).max {
                    ($0.value.count, $1.key) < ($1.value.count, $0.key)
                }!.key
                let amount = Money(fen: own.reduce(0) { $0 + $1.amountFen })
                out.append(
                    ProcessSuggestion(
                        key: "\(ProcessSuggestion.Pattern.institutionConcentration.rawValue):\(rule):\(institution)",
                        pattern: .institutionConcentration, regionCode: region,
                        observation: "规则 \(rule) 查实的 \(cases.count) 宗案件中，\(own.count) 宗（\(Self.percent(share))）"
                            + "涉及机构 \(institution)，金额 \(amount)。",
                        suggestion: "建议对机构 \(institution) 开展专项检查，核查其同类结算或申报，并视情况约谈、暂停协议。",
                        figures: [
                            "rule_cases": Double(cases.count), "institution_cases": Double(own.count), "share": share,
                            "amount_fen": Double(amount.fen),
                        ],
                        caseIDs: own.map(\.caseID)))
            }
        }
        return out
    }

    /// One operator made a large share of the handling errors: review their work and train.
    func operatorErrors() -> [ProcessSuggestion] {
        let errors = outcomes.filter { $0.verdict == .error }
        guard errors.count >= thresholds.minimumCases else { return [] }
        let byOperator = Dictionary(grouping: errors.filter { $0.operatorID != nil }) { $0.operatorID! }
        return byOperator.sorted { $0.key < $1.key }.compactMap { op, own in
            let share = Double(own.count) / Double(errors.count)
            guard own.count >= thresholds.minimumCases, share >= thresholds.operatorErrorShare else { return nil }
            let region = Dictionary(grouping: own, by: \.regionCode).max {
                ($0.value.count, $1.key) < ($1.value.count, $0.key)
            }!.key
            let rules = Set(own.map(\.ruleID)).sorted().joined(separator: "、")
            return ProcessSuggestion(
                key: "\(ProcessSuggestion.Pattern.operatorErrors.rawValue):\(op)",
                pattern: .operatorErrors, regionCode: region,
                observation: "本期 \(errors.count) 宗经办差错中，\(own.count) 宗（\(Self.percent(share))）由经办人 \(op) 经办，涉及规则 \(rules)。",
                suggestion: "建议复查经办人 \(op) 近期经办的同类业务，对其开展业务培训，并在整改期内实行双人复核。",
                figures: ["errors": Double(errors.count), "operator_errors": Double(own.count), "share": share],
                caseIDs: own.map(\.caseID))
        }
    }

    /// A channel whose cases are confirmed as fraud far more often than all cases are.
    func riskyChannels() -> [ProcessSuggestion] {
        let withChannel = outcomes.filter { $0.channel != nil }
        guard !withChannel.isEmpty else { return [] }
        let overall = Double(withChannel.filter { $0.verdict == .confirmedFraud }.count) / Double(withChannel.count)
        return Dictionary(grouping: withChannel) { $0.channel! }.sorted { $0.key < $1.key }.compactMap { channel, own in
            let fraud = own.filter { $0.verdict == .confirmedFraud }
            let rate = Double(fraud.count) / Double(own.count)
            guard fraud.count >= thresholds.minimumCases, own.count < withChannel.count,
                rate >= overall * thresholds.channelRiskRatio
            else { return nil }
            return ProcessSuggestion(
                key: "\(ProcessSuggestion.Pattern.riskyChannel.rawValue):\(channel)",
                pattern: .riskyChannel, regionCode: scopeRegion,
                observation: "经「\(channel)」渠道办理的 \(own.count) 宗案件中 \(fraud.count) 宗查实欺诈（\(Self.percent(rate))），"
                    + "是全部渠道平均水平（\(Self.percent(overall))）的 \(String(format: "%.1f", overall == 0 ? 0 : rate / overall)) 倍。",
                suggestion: "建议对「\(channel)」渠道的申领加强身份核验（人脸识别或现场核验），并对该渠道已发放的待遇开展抽查。",
                figures: ["channel_cases": Double(own.count), "channel_fraud": Double(fraud.count), "rate": rate, "overall_rate": overall],
                caseIDs: fraud.map(\.caseID))
        }
    }

    /// A rule whose decided cases were mostly false alarms: its conditions need tuning.
    func lowPrecisionRules() -> [ProcessSuggestion] {
        RulePrecision.compute(outcomes).compactMap { p in
            guard p.decided >= max(thresholds.minimumCases, 5), p.precision < thresholds.lowPrecision else { return nil }
            return ProcessSuggestion(
                key: "\(ProcessSuggestion.Pattern.lowPrecisionRule.rawValue):\(p.ruleID)",
                pattern: .lowPrecisionRule, regionCode: scopeRegion,
                observation: "规则 \(p.ruleID) 本期有 \(p.decided) 宗案件办结，其中 \(p.noIssue) 宗无问题，查实准确率仅 \(Self.percent(p.precision))。",
                suggestion: "建议复核规则 \(p.ruleID) 的条件与阈值，用无问题案件回测修订，降低误报，减轻一线核查负担。",
                figures: ["decided": Double(p.decided), "no_issue": Double(p.noIssue), "precision": p.precision],
                caseIDs: outcomes.filter { $0.ruleID == p.ruleID && $0.verdict == .noIssue }.map(\.caseID))
        }
    }
}
