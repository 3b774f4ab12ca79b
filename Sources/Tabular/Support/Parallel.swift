import Dispatch

/// Runs independent tasks on all cores and returns their results in task order.
public enum Parallel {
    public static func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        if count == 1 { return [body(0)] }
        let slots = ResultSlots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        return slots.values
    }
}

/// One slot per task: each task writes only its own slot, and the slots are read after
/// `concurrentPerform` returns, so no lock is needed.
private final class ResultSlots<Value>: @unchecked Sendable {
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

    var values: [Value] { storage.map { $0! } }
}
