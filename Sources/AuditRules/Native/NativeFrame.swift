import FundWatchCore

/// Working state of the native evaluator on one thread: the person, the record under
/// evaluation, the positions of the comprehension variables, the cost spent, and the values of
/// person-level subexpressions already computed for this person and rule.
final class NativeFrame {
    /// The person under evaluation; set before each person.
    unowned(unsafe) var bound: BoundTimeline
    /// Position of the record under evaluation in its list (record-scoped rules).
    var record = 0
    /// Positions of the comprehension variables, by slot.
    var locals: [Int]
    /// Cost charged as the interpreter charges it (one per comprehension iteration, the length of
    /// a concatenated string).
    var cost = 0
    /// Values of person-level subexpressions, valid while `cacheStamp[slot] == stamp`.
    var cache: [NativeValue]
    var cacheStamp: [UInt64]
    /// The cost each cached value was charged when computed.
    var cacheCost: [Int]
    /// One-entry memos of person functions: the last argument and answer, valid while
    /// `memoStamp[slot] == stamp`.
    var memoArgument: [NativeValue] = []
    var memoValue: [NativeValue] = []
    var memoStamp: [UInt64] = []
    /// Changes for each (person, rule), so cached values of the previous one are ignored.
    var stamp: UInt64 = 1

    init(bound: BoundTimeline) {
        self.bound = bound
        locals = Array(repeating: 0, count: 8)
        cache = []
        cacheStamp = []
        cacheCost = []
    }

    /// Prepares for one rule over the current person.
    func begin(_ bound: BoundTimeline, locals localCount: Int, cached cacheCount: Int, memos memoCount: Int) {
        self.bound = bound
        stamp &+= 1
        if locals.count < localCount { locals = Array(repeating: 0, count: localCount) }
        if cache.count < cacheCount {
            cache = Array(repeating: .unknown, count: cacheCount)
            cacheStamp = Array(repeating: 0, count: cacheCount)
            cacheCost = Array(repeating: 0, count: cacheCount)
        }
        if memoStamp.count < memoCount {
            memoArgument = Array(repeating: .unknown, count: memoCount)
            memoValue = Array(repeating: .unknown, count: memoCount)
            memoStamp = Array(repeating: 0, count: memoCount)
        }
    }
}
