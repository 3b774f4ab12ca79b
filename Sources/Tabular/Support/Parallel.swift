import Dispatch
import Foundation

/// Runs independent tasks on all cores and returns their results in task order.
public enum Parallel {
    /// Most threads a `map` uses (0: all cores). Set once by a command (`--threads`, or the
    /// `DOPPEL_THREADS` environment variable) before any work starts. Results never depend on
    /// it: every task draws from its own seeded stream and lands in its own slot.
    public nonisolated(unsafe) static var threadLimit: Int = ProcessInfo.processInfo.environment["DOPPEL_THREADS"].flatMap { Int($0) }.map { max(0, $0) } ?? 0

    public static func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        if count == 1 { return [body(0)] }
        let slots = ResultSlots<Value>(count: count)
        let limit = threadLimit
        if limit == 1 {
            for index in 0..<count { slots.set(index, body(index)) }
        } else if limit > 1 && limit < count {
            // `limit` workers, each taking every limit-th task.
            DispatchQueue.concurrentPerform(iterations: limit) { worker in
                for index in stride(from: worker, to: count, by: limit) { slots.set(index, body(index)) }
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        }
        return slots.values
    }

    /// A few independent heavy tasks (one per table): the first on the calling thread, each
    /// other on a thread of its own, all free to use `map` on every core. (Tasks of `map` itself
    /// would not be: libdispatch runs a `concurrentPerform` nested in another on one thread, so
    /// the largest table would be made on one core.) Results in task order.
    /// `body` escapes: a thread may hold it a moment after its task is done.
    public static func tasks<Value: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> Value) -> [Value] {
        guard count > 0 else { return [] }
        if count == 1 || threadLimit == 1 { return (0..<count).map { body($0) } }
        let slots = ResultSlots<Value>(count: count)
        let done = DispatchSemaphore(value: 0)
        for index in 1..<count {
            let thread = Thread {
                slots.set(index, body(index))
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        slots.set(0, body(0))
        for _ in 1..<count { done.wait() }
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
