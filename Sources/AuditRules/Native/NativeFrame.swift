import FundWatchCore

/// Working state of the native evaluator on one thread: the person, the record under
/// evaluation, the positions of the comprehension variables, the cost spent, and the values of
/// person-level subexpressions already computed for this person and rule.
///
/// The state sits in manually allocated buffers reached through `let` pointers and computed
/// properties: every node of a compiled condition reads or writes it, and stored `var`
/// properties of a class pay a dynamic exclusivity check (a thread-local access set) on each
/// such access, which was a tenth of the evaluation's time.
final class NativeFrame {
    private let storage: UnsafeMutablePointer<Storage>

    /// The person under evaluation; set before each person (not retained: the engine holds it
    /// for the whole evaluation).
    var bound: BoundTimeline { storage.pointee.bound.takeUnretainedValue() }

    /// Runs `body` on the person under evaluation without retaining it (field readers run once
    /// per node and record; a retain and release each was a tenth of the time).
    @inline(__always)
    func withBound<R>(_ body: (BoundTimeline) -> R) -> R { storage.pointee.bound._withUnsafeGuaranteedRef(body) }

    /// The buffers and scalars, grown by ``begin(_:locals:cached:memos:)``.
    private struct Storage {
        var bound: Unmanaged<BoundTimeline>
        var record = 0
        var cost = 0
        var stamp: UInt64 = 1
        var localCapacity = 0
        var cacheCapacity = 0
        var memoCapacity = 0
        var locals: UnsafeMutablePointer<Int>
        var cache: UnsafeMutablePointer<NativeValue>
        var cacheStamp: UnsafeMutablePointer<UInt64>
        var cacheCost: UnsafeMutablePointer<Int>
        var memoArgument: UnsafeMutablePointer<NativeValue>
        var memoValue: UnsafeMutablePointer<NativeValue>
        var memoStamp: UnsafeMutablePointer<UInt64>
    }

    /// Position of the record under evaluation in its list (record-scoped rules).
    var record: Int {
        get { storage.pointee.record }
        set { storage.pointee.record = newValue }
    }
    /// Cost charged as the interpreter charges it (one per comprehension iteration, the length of
    /// a concatenated string).
    var cost: Int {
        get { storage.pointee.cost }
        set { storage.pointee.cost = newValue }
    }
    /// Changes for each (person, rule), so cached values of the previous one are ignored.
    var stamp: UInt64 { storage.pointee.stamp }
    /// Positions of the comprehension variables, by slot.
    var locals: UnsafeMutablePointer<Int> { storage.pointee.locals }
    /// Values of person-level subexpressions, valid while `cacheStamp[slot] == stamp`.
    var cache: UnsafeMutablePointer<NativeValue> { storage.pointee.cache }
    var cacheStamp: UnsafeMutablePointer<UInt64> { storage.pointee.cacheStamp }
    /// The cost each cached value was charged when computed.
    var cacheCost: UnsafeMutablePointer<Int> { storage.pointee.cacheCost }
    /// One-entry memos of person functions: the last argument and answer, valid while
    /// `memoStamp[slot] == stamp`.
    var memoArgument: UnsafeMutablePointer<NativeValue> { storage.pointee.memoArgument }
    var memoValue: UnsafeMutablePointer<NativeValue> { storage.pointee.memoValue }
    var memoStamp: UnsafeMutablePointer<UInt64> { storage.pointee.memoStamp }

    init(bound: BoundTimeline) {
        storage = .allocate(capacity: 1)
        storage.initialize(
            to: Storage(
                bound: .passUnretained(bound), locals: .allocate(capacity: 0), cache: .allocate(capacity: 0), cacheStamp: .allocate(capacity: 0),
                cacheCost: .allocate(capacity: 0), memoArgument: .allocate(capacity: 0), memoValue: .allocate(capacity: 0),
                memoStamp: .allocate(capacity: 0)))
        grow(locals: 8, cached: 0, memos: 0)
    }

    deinit {
        let s = storage.pointee
        s.locals.deallocate()
        s.cache.deinitialize(count: s.cacheCapacity)
        s.cache.deallocate()
        s.cacheStamp.deallocate()
        s.cacheCost.deallocate()
        s.memoArgument.deinitialize(count: s.memoCapacity)
        s.memoArgument.deallocate()
        s.memoValue.deinitialize(count: s.memoCapacity)
        s.memoValue.deallocate()
        s.memoStamp.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Prepares for one rule over the current person.
    func begin(_ bound: BoundTimeline, locals localCount: Int, cached cacheCount: Int, memos memoCount: Int) {
        storage.pointee.bound = .passUnretained(bound)
        storage.pointee.stamp &+= 1
        let s = storage.pointee
        if s.localCapacity < localCount || s.cacheCapacity < cacheCount || s.memoCapacity < memoCount {
            grow(locals: localCount, cached: cacheCount, memos: memoCount)
        }
    }

    /// Replaces buffers smaller than asked with fresh ones (old cached values are dropped: their
    /// stamps are zero in the new buffers, so none is taken as valid).
    private func grow(locals localCount: Int, cached cacheCount: Int, memos memoCount: Int) {
        var s = storage.pointee
        if s.localCapacity < localCount {
            s.locals.deallocate()
            s.locals = .allocate(capacity: localCount)
            s.locals.initialize(repeating: 0, count: localCount)
            s.localCapacity = localCount
        }
        if s.cacheCapacity < cacheCount {
            s.cache.deinitialize(count: s.cacheCapacity)
            s.cache.deallocate()
            s.cacheStamp.deallocate()
            s.cacheCost.deallocate()
            s.cache = .allocate(capacity: cacheCount)
            s.cache.initialize(repeating: .unknown, count: cacheCount)
            s.cacheStamp = .allocate(capacity: cacheCount)
            s.cacheStamp.initialize(repeating: 0, count: cacheCount)
            s.cacheCost = .allocate(capacity: cacheCount)
            s.cacheCost.initialize(repeating: 0, count: cacheCount)
            s.cacheCapacity = cacheCount
        }
        if s.memoCapacity < memoCount {
            s.memoArgument.deinitialize(count: s.memoCapacity)
            s.memoArgument.deallocate()
            s.memoValue.deinitialize(count: s.memoCapacity)
            s.memoValue.deallocate()
            s.memoStamp.deallocate()
            s.memoArgument = .allocate(capacity: memoCount)
            s.memoArgument.initialize(repeating: .unknown, count: memoCount)
            s.memoValue = .allocate(capacity: memoCount)
            s.memoValue.initialize(repeating: .unknown, count: memoCount)
            s.memoStamp = .allocate(capacity: memoCount)
            s.memoStamp.initialize(repeating: 0, count: memoCount)
            s.memoCapacity = memoCount
        }
        storage.pointee = s
    }
}
