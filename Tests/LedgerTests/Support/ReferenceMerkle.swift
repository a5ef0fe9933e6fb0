import Ledger

/// The RFC 9162 §2.1 definitions written as literally as possible (MTH, PATH, PROOF,
/// SUBPROOF), to check the fast code against.
enum ReferenceMerkle {
    static func largestPowerOfTwoBelow(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    static func mth(_ leaves: ArraySlice<[UInt8]>) -> MerkleHash {
        switch leaves.count {
        case 0: return RFC9162.emptyRoot
        case 1: return RFC9162.leafHash(leaves[leaves.startIndex])
        default:
            let k = largestPowerOfTwoBelow(leaves.count)
            let mid = leaves.startIndex + k
            return RFC9162.nodeHash(mth(leaves[leaves.startIndex..<mid]), mth(leaves[mid...]))
        }
    }

    static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [MerkleHash] {
        let n = leaves.count
        if n <= 1 { return [] }
        let k = largestPowerOfTwoBelow(n)
        let mid = leaves.startIndex + k
        if m < k { return path(m, leaves[leaves.startIndex..<mid]) + [mth(leaves[mid...])] }
        return path(m - k, leaves[mid...]) + [mth(leaves[leaves.startIndex..<mid])]
    }

    static func proof(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [MerkleHash] {
        subproof(m, leaves, true)
    }

    static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, _ b: Bool) -> [MerkleHash] {
        let n = leaves.count
        if m == n { return b ? [] : [mth(leaves)] }
        let k = largestPowerOfTwoBelow(n)
        let mid = leaves.startIndex + k
        if m <= k { return subproof(m, leaves[leaves.startIndex..<mid], b) + [mth(leaves[mid...])] }
        return subproof(m - k, leaves[mid...], false) + [mth(leaves[leaves.startIndex..<mid])]
    }
}
