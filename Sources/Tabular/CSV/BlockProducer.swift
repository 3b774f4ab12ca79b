import Foundation

/// Reads and tokenizes blocks on a thread of its own, so that splitting the next block into
/// fields overlaps with parsing the current block's columns on the other cores.
///
/// At most one finished block waits in the queue, so at most three blocks are alive (one being
/// filled, one waiting, one being parsed); their buffers are recycled, not reallocated.
final class BlockProducer: @unchecked Sendable {
    /// What the consumer receives: a block, the end (with the tokenizer's final counts), or an error.
    enum Item {
        case block(TokenizedBlock)
        case end(CSVTokenizer?, totalBytes: Int, delimiter: UInt8)
        case failure(Error)
    }

    private let condition = NSCondition()
    private var ready: [Item] = []
    private var spares: [TokenizedBlock] = []
    private var cancelled = false
    private let queueDepth = 1

    private let source: GzipDetectingSource
    private let options: CSVReadOptions
    private let name: String
    private let blockSize: Int

    /// - Parameter sizeHint: the input's size when known; a small input gets a small block.
    init(source: GzipDetectingSource, options: CSVReadOptions, name: String, blockSize: Int, sizeHint: Int?) {
        self.source = source
        self.options = options
        self.name = name
        // One byte more than the input lets the first read see its end.
        self.blockSize = sizeHint.map { max(16, min(blockSize, $0 + 1)) } ?? blockSize
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next item, waiting for it if needed.
    func next() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        let item = ready.removeFirst()
        condition.broadcast()
        return item
    }

    /// Gives a parsed block's buffers back for reuse.
    func recycle(_ block: TokenizedBlock) {
        condition.lock()
        spares.append(block)
        condition.unlock()
    }

    /// Stops the producer (the consumer failed); it finishes its current block and exits.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues an item; false when the consumer has gone.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= queueDepth && !cancelled { condition.wait() }
        if cancelled { return false }
        ready.append(item)
        condition.broadcast()
        return true
    }

    private func spareBlock() -> TokenizedBlock {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast() ?? TokenizedBlock(bytes: [], baseOffset: 0, baseLine: 1, columnCount: 0)
    }

    private func run() {
        do {
            try produce()
        } catch {
            _ = put(.failure(error))
        }
    }

    private func produce() throws {
        var carry: [UInt8] = []
        var target = blockSize
        var baseOffset = 0
        var baseLine = 1
        var totalBytes = 0
        var endOfInput = false
        var tokenizer: CSVTokenizer?
        var delimiter = options.delimiter ?? UInt8(ascii: ",")

        while true {
            var block = spareBlock()
            block.bytes.removeAll(keepingCapacity: true)
            block.bytes.reserveCapacity(target)
            block.bytes.append(contentsOf: carry)
            // Fill the rest of the block straight from the source, without zeroing it first.
            while block.bytes.count < target && !endOfInput {
                let got = try fill(&block.bytes, upTo: target)
                if got == 0 { endOfInput = true }
                totalBytes += got
            }

            if tokenizer == nil {
                if block.bytes.isEmpty { throw DataError(file: name, message: "the file is empty") }
                // A UTF-8 byte order mark is not part of the first column's name.
                if block.bytes.count >= 3 && block.bytes[0] == 0xEF && block.bytes[1] == 0xBB && block.bytes[2] == 0xBF {
                    block.bytes.removeFirst(3)
                    baseOffset = 3
                }
                if options.delimiter == nil {
                    delimiter = block.bytes.withUnsafeBufferPointer { DelimiterSniffer.sniff($0) }
                }
                tokenizer = CSVTokenizer(delimiter: delimiter, ragged: options.ragged, sourceName: name)
            }

            block.baseOffset = baseOffset
            block.baseLine = baseLine
            let (consumed, lines) = try tokenizer!.tokenize(&block, isLast: endOfInput)
            if consumed == 0 && !endOfInput {
                // One record longer than the block: grow the block and try again.
                carry = block.bytes
                target *= 2
                recycle(block)
                continue
            }
            carry = consumed < block.bytes.count ? Array(block.bytes[consumed...]) : []
            block.consumedBytes = consumed
            baseOffset += consumed
            baseLine += lines
            guard put(.block(block)) else { return }
            if endOfInput { break }
        }
        _ = put(.end(tokenizer, totalBytes: totalBytes, delimiter: delimiter))
    }

    /// Reads into the spare capacity of `bytes`; returns how many bytes arrived.
    private func fill(_ bytes: inout [UInt8], upTo target: Int) throws -> Int {
        let start = bytes.count
        let wanted = target - start
        var got = 0
        bytes.append(contentsOf: repeatElement(0, count: wanted))
        got = try bytes.withUnsafeMutableBytes { buffer in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
        }
        bytes.removeLast(wanted - got)
        return got
    }
}
