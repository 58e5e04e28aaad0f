/// `body` with a pointer to the first element of each of `arrays` (none empty), valid for the
/// call: every array's storage pinned at once (nested `withUnsafeBufferPointer`).
func withBasePointers<E, T>(_ arrays: [[E]], _ body: ([UnsafePointer<E>]) throws -> T) rethrows -> T {
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
