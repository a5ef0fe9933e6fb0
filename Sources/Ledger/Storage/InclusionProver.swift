#if canImport(Glibc)
    import Glibc
#endif

/// Inclusion proofs in the current tree of a tiled log, at a few hundred nanoseconds each.
///
/// Every hash at level 8 and above (one per 256 leaves, and their parents: about `size / 4`
/// bytes, 2.5 MB for ten million entries) is kept in memory, read once from the level-1
/// tiles and extended as the log grows. The eight siblings below level 8 come from one
/// 4 KiB page of the ``NodeIndex``, mapped read-only. A proof is written into a buffer
/// the caller owns: no allocation, no system call, no dictionary lookup. Proofs for leaves
/// in the partial last tile, or in a tile whose index record is missing, fall back to
/// reading tiles. Use one instance from one task at a time.
public final class InclusionProver: MerkleNodeReader {
    /// The longest proof a tree of up to 2^64 - 1 leaves can have: the buffer size to pass.
    public static let maximumProofLength = 64

    /// The tree size whose proofs this prover gives.
    public private(set) var size: UInt64
    private let storage: any LogStorage
    /// `levels[k]` holds the hashes at level `8 + k`: `size >> (8 + k)` of them.
    private var levels: [HashVector] = []
    /// The node index mapped into memory (nil if absent or the storage cannot map).
    private var mapping: UnsafeRawBufferPointer?
    /// Roots of the right-edge ranges `[k, size)`, by the height of the split that made them.
    private var edgeRoots: [MerkleHash?] = Array(repeating: nil, count: 64)
    /// Reads tiles for what the index and memory do not hold.
    private var fallback: TileNodeReader
    private let releaseInterval: Int?
    private var proofsSinceRelease = 0

    /// Creates a prover for the tree of `size` leaves in `storage`.
    ///
    /// The mapped index pages stay in the process once touched (they are the kernel's file
    /// cache, shared and reclaimable, but they count in the resident set). With
    /// `releaseMappedPagesEvery`, they are dropped from the process after that many proofs,
    /// bounding the resident set at the cost of page faults when they are touched again.
    public init(storage: any LogStorage, size: UInt64, releaseMappedPagesEvery: Int? = nil) throws {
        self.storage = storage
        self.size = 0
        self.releaseInterval = releaseMappedPagesEvery.map { max(1, $0) }
        self.fallback = TileNodeReader(storage: storage, size: 0, cacheCapacity: 64, useNodeIndex: false)
        try extend(to: size)
    }

    deinit {
        for level in levels { level.deallocate() }
        if let mapping { storage.unmap(mapping) }
    }

    /// Grows the tree to `newSize` leaves (the log's new committed size): reads the new
    /// level-8 hashes from the level-1 tiles and hashes the levels above.
    public func extend(to newSize: UInt64) throws {
        guard newSize != size else { return }
        guard newSize > size else {
            throw LedgerError(.sizeOutOfRange, "a prover grows only: size \(newSize) is below \(size)")
        }
        let oldSize = size
        try readLevel8(from: oldSize >> 8, to: newSize >> 8, newSize: newSize)
        var level = 9
        while newSize >> UInt64(level) > 0 {
            let k = level - 8
            if levels.count == k { levels.append(HashVector()) }
            let below = levels[k - 1]
            let target = Int(newSize >> UInt64(level))
            levels[k].reserve(target)
            for j in levels[k].count..<target {
                levels[k].append(RFC9162.nodeHash(below[2 * j], below[2 * j + 1]))
            }
            level += 1
        }
        size = newSize
        edgeRoots = Array(repeating: nil, count: 64)
        fallback = TileNodeReader(storage: storage, size: newSize, cacheCapacity: 64, useNodeIndex: false)
        try mapIndex()
    }

    /// Appends the level-8 hashes `[from, to)` from the level-1 tiles of the tree of `newSize` leaves.
    private func readLevel8(from: UInt64, to: UInt64, newSize: UInt64) throws {
        guard to > from else { return }
        if levels.isEmpty { levels.append(HashVector()) }
        levels[0].reserve(Int(to))
        var next = from
        while next < to {
            let tile = next >> 8
            let full = (tile + 1) << 8 <= to
            let width = full ? TilePath.tileWidth : Int(to & 255)
            let path = TilePath.tile(level: 1, index: tile, width: width)
            guard let bytes = try storage.read(path) else {
                throw LedgerError(.missingTile, "tile \(path) is missing")
            }
            guard bytes.count == width * MerkleHash.byteCount else {
                throw LedgerError(.corruptTile, "tile \(path) has \(bytes.count) bytes, expected \(width * 32)")
            }
            let first = Int(next - (tile << 8))
            bytes.withUnsafeBytes { raw in
                for i in first..<width {
                    levels[0].append(MerkleHash(raw: UnsafeRawBufferPointer(rebasing: raw[(i * 32)..<(i * 32 + 32)])))
                }
            }
            next = (tile << 8) + UInt64(width)
        }
    }

    /// Maps the node index records of every full level-0 tile (again, if the log grew past the mapping).
    private func mapIndex() throws {
        let wanted = Int(size >> 8) * NodeIndex.recordBytes
        if let mapping, mapping.count >= wanted { return }
        if let mapping {
            storage.unmap(mapping)
            self.mapping = nil
        }
        guard wanted > 0 else { return }
        mapping = try storage.mapped(NodeIndex.path, length: wanted)
        #if canImport(Glibc)
            // Start reading the index into the file cache now, not one page fault at a time.
            if let mapping, let base = mapping.baseAddress {
                _ = madvise(UnsafeMutableRawPointer(mutating: base), mapping.count, Int32(MADV_WILLNEED))
            }
        #endif
    }

    /// The inclusion proof of leaf `index`, lowest sibling first.
    public func inclusionProof(index: UInt64) throws -> [MerkleHash] {
        try [MerkleHash](unsafeUninitializedCapacity: Self.maximumProofLength) { buffer, count in
            count = 0
            count = try inclusionProof(index: index, into: buffer)
        }
    }

    /// Writes the inclusion proof of leaf `index` (lowest sibling first) to the start of
    /// `buffer`, which must hold at least ``maximumProofLength`` hashes; returns its length.
    public func inclusionProof(index: UInt64, into buffer: UnsafeMutableBufferPointer<MerkleHash>) throws -> Int {
        guard index < size else {
            throw LedgerError(.sizeOutOfRange, "index \(index) is not below tree size \(size)")
        }
        guard buffer.count >= Self.maximumProofLength, let out = buffer.baseAddress else {
            throw LedgerError(.sizeOutOfRange, "a proof buffer needs room for \(Self.maximumProofLength) hashes")
        }
        // Walk down the right spine while the range is not a perfect subtree. Those siblings
        // go to the end of the buffer (top first) and are moved behind the lower ones below.
        var lo: UInt64 = 0
        var hi = size
        var top = 0
        while hi - lo > 1, !TreeMath.isPowerOfTwo(hi - lo) {
            let height = 63 - (hi - lo - 1).leadingZeroBitCount
            let k = lo + (UInt64(1) << UInt64(height))
            let sibling: MerkleHash
            if index < k {
                sibling = try edgeRoot(height: height, start: k)
                hi = k
            } else {
                sibling = try node(level: height, index: lo >> UInt64(height))
                lo = k
            }
            top += 1
            out[Self.maximumProofLength - top] = sibling
        }
        // Inside the perfect subtree [lo, hi): one sibling per level.
        let height = (hi - lo).trailingZeroBitCount
        var level = 0
        if height >= 8, siblingsFromIndex(index: index, into: out) {
            level = 8
        }
        while level < min(height, 8) {
            out[level] = try lowNode(level: level, index: (index >> UInt64(level)) ^ 1)
            level += 1
        }
        if level < height {
            // Read once: the loop then does plain loads, no exclusivity checks on `self`.
            let levels = self.levels
            while level < height {
                out[level] = levels[level - 8][Int((index >> UInt64(level)) ^ 1)]
                level += 1
            }
        }
        if top > 0 {
            UnsafeMutableRawPointer(out + height).copyMemory(
                from: out + (Self.maximumProofLength - top), byteCount: top * MemoryLayout<MerkleHash>.stride)
        }
        releaseNowAndThen()
        return height + top
    }

    /// The eight siblings below level 8 of a leaf in a full tile, from its index page;
    /// false if the index does not hold them.
    @inline(__always)
    private func siblingsFromIndex(index: UInt64, into out: UnsafeMutablePointer<MerkleHash>) -> Bool {
        guard let mapping, let base = mapping.baseAddress else { return false }
        let pageStart = NodeIndex.offset(ofTile: index >> 8) + Int((index >> 6) & 3) * NodeIndex.pageBytes
        guard pageStart + NodeIndex.pageBytes <= mapping.count else { return false }
        let page = base + pageStart
        let leaf = Int(index & 63)
        var seen: UInt64 = 0
        for level in 0..<6 {
            // Level l starts at slot 128 - 128 >> l on the page (NodeIndex.quarterLevelStart).
            let slot = (128 - 128 >> level) + ((leaf >> level) ^ 1)
            let hash = page.loadUnaligned(fromByteOffset: slot * 32, as: MerkleHash.self)
            seen |= hash.w0 | hash.w1 | hash.w2 | hash.w3
            out[level] = hash
        }
        out[6] = page.loadUnaligned(fromByteOffset: NodeIndex.level6Slot * 32, as: MerkleHash.self)
        out[7] = page.loadUnaligned(fromByteOffset: NodeIndex.level7Slot * 32, as: MerkleHash.self)
        // A record never written reads as zeros (all of it, as records are written whole).
        guard seen != 0, out[7].w0 | out[7].w1 | out[7].w2 | out[7].w3 != 0 else { return false }
        return true
    }

    /// The root of `[start, size)`, a right-edge range, computed once per tree size.
    private func edgeRoot(height: Int, start: UInt64) throws -> MerkleHash {
        if let root = edgeRoots[height] { return root }
        let root = try MerkleProofs.rangeRoot(start: start, end: size, reader: self)
        edgeRoots[height] = root
        return root
    }

    private func releaseNowAndThen() {
        guard let releaseInterval else { return }
        proofsSinceRelease += 1
        guard proofsSinceRelease >= releaseInterval, let mapping, let base = mapping.baseAddress else { return }
        proofsSinceRelease = 0
        #if canImport(Glibc)
            _ = madvise(UnsafeMutableRawPointer(mutating: base), mapping.count, Int32(MADV_DONTNEED))
        #endif
    }

    /// A node below level 8: from the index page when its tile is full, else from the tiles.
    private func lowNode(level: Int, index: UInt64) throws -> MerkleHash {
        let firstLeaf = index << UInt64(level)
        let tile = firstLeaf >> 8
        if let mapping, let base = mapping.baseAddress, (tile + 1) << 8 <= size {
            let position =
                NodeIndex.offset(ofTile: tile) + NodeIndex.byteOffset(level: level, firstLeaf: Int(firstLeaf & 255))
            if position + 32 <= mapping.count {
                let hash = base.loadUnaligned(fromByteOffset: position, as: MerkleHash.self)
                if hash.w0 | hash.w1 | hash.w2 | hash.w3 != 0 { return hash }
            }
        }
        return try fallback.node(level: level, index: index)
    }

    public func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard level >= 8 else { return try lowNode(level: level, index: index) }
        guard level - 8 < levels.count, index < UInt64(levels[level - 8].count) else {
            throw LedgerError(.sizeOutOfRange, "node (\(level), \(index)) is not complete in a tree of size \(size)")
        }
        return levels[level - 8][Int(index)]
    }
}

/// A growable run of hashes in memory the prover owns: reading one is a load, with no
/// reference counting on the way.
private struct HashVector {
    private(set) var base = UnsafeMutablePointer<MerkleHash>.allocate(capacity: 1)
    private(set) var count = 0
    private var capacity = 1

    mutating func reserve(_ wanted: Int) {
        guard wanted > capacity else { return }
        let grown = max(wanted, capacity * 2)
        let bigger = UnsafeMutablePointer<MerkleHash>.allocate(capacity: grown)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    mutating func append(_ hash: MerkleHash) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: hash)
        count += 1
    }

    subscript(i: Int) -> MerkleHash {
        @inline(__always) get { base[i] }
    }

    func deallocate() { base.deallocate() }
}
