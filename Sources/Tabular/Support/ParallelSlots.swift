import Dispatch

/// One result slot per parallel task: each task writes only its own slot, and the slots are read
/// after `concurrentPerform` returns, so no lock is needed.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    var values: [Value?] { Array(storage) }

    /// Runs `body` for 0..<count on all cores and collects the results in order.
    static func map(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        let slots = ParallelSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        return slots.values.map { $0! }
    }
}
