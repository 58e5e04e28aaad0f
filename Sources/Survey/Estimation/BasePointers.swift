/// `body` with a pointer to the first element of each of `arrays` (none empty), valid for the
/// call: every array's storage pinned at once (nested `withUnsafeBufferPointer`). Beyond
/// `nestingLimit` arrays the nesting would overflow the stack (34,000 bootstrap replicate columns
/// did, exit 139), so the pointers are taken one array at a time instead: a native array's storage
/// does not move while the array is alive and unmutated, and `arrays` holds every one of them,
/// unmutated, until `body` returns.
func withBasePointers<E, T>(_ arrays: [[E]], _ body: ([UnsafePointer<E>]) throws -> T) rethrows -> T {
    if arrays.count > basePointerNestingLimit {
        let pointers = arrays.map { array -> UnsafePointer<E> in
            array.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { preconditionFailure("withBasePointers: an empty array") }
                return base
            }
        }
        return try withExtendedLifetime(arrays) { try body(pointers) }
    }
    var pointers: [UnsafePointer<E>] = []
    pointers.reserveCapacity(arrays.count)
    func nest(_ k: Int) throws -> T {
        if k == arrays.count { return try body(pointers) }
        return try arrays[k].withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("withBasePointers: an empty array") }
            pointers.append(base)
            return try nest(k + 1)
        }
    }
    return try nest(0)
}

/// Arrays `withBasePointers` pins by nesting (a frame each); more take the flat path.
let basePointerNestingLimit = 1024
