import Foundation
import TerminalUI

/// Runs the workbench on a screen: draws frames, reads events, and runs effects on background
/// threads, feeding their results back to the reducer. The loop never waits on an effect
/// (unless `Options.settleBeforeInput`, which tests use to make scripts deterministic).
public final class WorkbenchApp {
    public struct Options: Sendable {
        /// Before reading each event, wait until every running effect has reported (tests).
        public var settleBeforeInput = false
        /// Seed of a session made from a bare CSV (nil: a random one, as `doppel plan`).
        public var newSessionSeed: UInt64?
        /// Choose the joint model for a session made from a bare CSV, as `doppel plan` does
        /// (tests of single columns turn it off to keep their plans column by column).
        public var chooseJointModel = true
        /// Where typed relative paths and the first save go.
        public var currentDirectory = FileManager.default.currentDirectoryPath
        /// How long one wait for input lasts; effects' results are picked up between waits.
        public var pollMilliseconds = 40

        public init() {}
    }

    public let launch: WorkbenchLaunch
    public var options: Options
    /// The state when `run` returned (for tests and the caller's exit message).
    public private(set) var finalState: WorkbenchState?

    public init(launch: WorkbenchLaunch) throws {
        self.launch = launch
        self.options = Options()
    }

    public init(launch: WorkbenchLaunch, options: Options) throws {
        self.launch = launch
        self.options = options
    }

    /// The event loop: returns when the user quits.
    public func run(on screen: any Screen) throws -> WorkbenchExit {
        var state = WorkbenchState(launch: launch, width: screen.width, height: screen.height,
                                   currentDirectory: options.currentDirectory, newSessionSeed: options.newSessionSeed,
                                   chooseJointModel: options.chooseJointModel)
        let inbox = Inbox()
        let latest = LatestRequests()
        let runner = EffectRunner()
        var needsDraw = true

        func apply(_ action: WorkbenchAction) {
            let effects = Workbench.reduce(&state, action)
            needsDraw = true
            if state.exitRequested {
                // Last words (writing or removing the autosave) run before the loop ends.
                for effect in effects { _ = runner.perform(effect) }
                return
            }
            for effect in effects { start(effect, runner: runner, inbox: inbox, latest: latest) }
        }

        apply(.start)
        while !state.exitRequested {
            for action in inbox.drain() {
                apply(action)
                if state.exitRequested { break }
            }
            if state.exitRequested { break }
            if options.settleBeforeInput && inbox.waitUntilIdle() { continue }
            if max(1, screen.width) != state.width || max(1, screen.height) != state.height {
                // A backend that resized without reporting it: lay out for the size drawn.
                apply(.resize(width: screen.width, height: screen.height))
            }
            if needsDraw {
                var frame = Buffer(width: screen.width, height: screen.height)
                Workbench.render(state, into: &frame)
                screen.draw(frame)
                needsDraw = false
            }
            switch screen.nextEvent(timeoutMilliseconds: options.pollMilliseconds) {
            case .key(let key)?: apply(.key(key))
            case .resize(let width, let height)?: apply(.resize(width: width, height: height))
            case .mouse(let event)?: apply(.mouse(event))
            case nil: break
            }
            if state.suspendRequested {
                state.suspendRequested = false
                screen.suspend()
                needsDraw = true
            }
        }
        var frame = Buffer(width: screen.width, height: screen.height)
        Workbench.render(state, into: &frame)
        screen.draw(frame)
        finalState = state
        return .quit
    }

    /// Runs an effect on a background thread; its actions land in the inbox.
    private func start(_ effect: WorkbenchEffect, runner: EffectRunner, inbox: Inbox, latest: LatestRequests) {
        inbox.begin()
        // A request already superseded when its turn comes is skipped: its result would be dropped.
        // Each related table counts its own generations.
        var inner = effect, table = ""
        if case .forTable(let name, let tableEffect) = effect { (inner, table) = (tableEffect, name) }
        let generation: (kind: LatestRequests.Kind, value: Int)?
        switch inner {
        case .buildPreview(let job): generation = (.init(.preview, table), job.generation)
        case .computeQuality(let job), .computePrivacy(let job): generation = (.init(.fidelity, table), job.generation)
        case .checkRules(let job): generation = (.init(.fidelity, table), job.generation)
        default: generation = nil
        }
        if let generation { latest.record(generation.kind, generation.value) }
        // Autosave writes and removals run here, in order, before the frame that shows the
        // edit is drawn: once an edit is on screen it is on disk too, whatever signal comes
        // next (a session file of a few kilobytes, written atomically: a few milliseconds).
        switch effect {
        case .writeAutosave, .removeFile:
            inbox.finish(runner.perform(effect))
            return
        default:
            break
        }
        DispatchQueue.global(qos: .userInitiated).async {
            if let generation, latest.isSuperseded(generation.kind, generation.value) {
                inbox.finish([])
                return
            }
            inbox.finish(runner.perform(effect, report: { inbox.post([$0]) }))
        }
    }
}

/// The newest preview and fidelity requests, read by background jobs before they start.
final class LatestRequests: @unchecked Sendable {
    struct Kind: Hashable {
        enum Request { case preview, fidelity }
        var request: Request
        /// The related table the request is for ("" for a lone table).
        var table: String

        init(_ request: Request, _ table: String) {
            self.request = request
            self.table = table
        }
    }
    private let lock = NSLock()
    private var newest: [Kind: Int] = [:]

    func record(_ kind: Kind, _ generation: Int) {
        lock.lock()
        newest[kind] = max(newest[kind] ?? generation, generation)
        lock.unlock()
    }

    func isSuperseded(_ kind: Kind, _ generation: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generation < (newest[kind] ?? generation)
    }
}

/// Results of effects waiting for the loop, and how many effects are still running.
final class Inbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var actions: [WorkbenchAction] = []
    private var running = 0

    func begin() {
        condition.lock()
        running += 1
        condition.unlock()
    }

    func finish(_ results: [WorkbenchAction]) {
        condition.lock()
        actions += results
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Results that come before their effect ends (progress); the effect still runs.
    func post(_ results: [WorkbenchAction]) {
        condition.lock()
        actions += results
        condition.broadcast()
        condition.unlock()
    }

    func drain() -> [WorkbenchAction] {
        condition.lock()
        defer { condition.unlock() }
        let taken = actions
        actions.removeAll()
        return taken
    }

    /// Waits until no effect is running; true when there are results to take.
    func waitUntilIdle() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while running > 0 && actions.isEmpty { condition.wait() }
        return !actions.isEmpty
    }
}
