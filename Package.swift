// swift-tools-version:6.1
// Doppel: a terminal workbench for synthetic tabular data.
// Layers import downward only; see docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "Doppel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "doppel", targets: ["doppel"]),
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "Synthesis", targets: ["Synthesis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The only C bridges (CSQLite: the system's libsqlite3, for SQLite sources and outputs). CNcursesw is used by the (later) NcursesScreen layer only.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Parquet's SNAPPY and ZSTD codecs (Sources/Tabular/Parquet).
        .systemLibrary(
            name: "CSnappy",
            path: "Sources/CSnappy",
            providers: [.apt(["libsnappy-dev"]), .brew(["snappy"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CZstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        // Parquet's LZ4 (LZ4_RAW and Hadoop-framed) and BROTLI codecs, read only.
        .systemLibrary(
            name: "CLZ4",
            path: "Sources/CLZ4",
            providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]
        ),
        .systemLibrary(
            name: "CBrotli",
            path: "Sources/CBrotli",
            providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // Allocator tuning for the executable (glibc's mallopt is not visible from Swift).
        .target(name: "CMemory", path: "Sources/CMemory"),
        // The one declaration of Doppel's file formats: records list their keys once, and the
        // loader's checks, the writing and the JSON Schema follow from it.
        .target(name: "Declaration"),
        .target(
            name: "Tabular",
            dependencies: ["CZlib", "CSnappy", "CZstd", "CLZ4", "CBrotli", "CSQLite", "Declaration"]
        ),
        // PostgreSQL sources and outputs through libpq (only the doppel executable uses it).
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", "Tabular"]
        ),
        .target(
            name: "Synthesis",
            dependencies: [
                "Tabular",
                "Declaration",
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "Crypto", package: "swift-crypto"),
                // PBKDF2 for the hash strategy's key check (KDF.Insecure.PBKDF2, BoringSSL's).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Fidelity",
            dependencies: ["Tabular", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "TerminalUI",
            dependencies: ["Fidelity", "Tabular"]
        ),
        .target(
            name: "Session",
            dependencies: ["Synthesis", "Tabular", "Fidelity", "Declaration", "Yams", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Workbench",
            dependencies: ["TerminalUI", "Session", "Synthesis", "Fidelity", "Tabular"]
        ),
        .target(
            name: "NcursesScreen",
            dependencies: ["CNcursesw", "TerminalUI", "Tabular"]
        ),
        .executableTarget(
            name: "doppel",
            dependencies: [
                "CMemory",
                "Postgres",
                "Tabular",
                "Synthesis",
                "Session",
                "Fidelity",
                "TerminalUI",
                "NcursesScreen",
                "Workbench",
                "Declaration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Speed and quality of the bayesian_network joint model (Benchmarks/README.md).
        .executableTarget(
            name: "bayesian-network-bench",
            dependencies: ["Synthesis", "Fidelity", "Tabular"],
            path: "Benchmarks/BayesianNetwork"
        ),
        // Quality and fit time of the differentially private joint models (Benchmarks/README.md).
        .executableTarget(
            name: "dp-bench",
            dependencies: ["Synthesis", "Fidelity", "Tabular"],
            path: "Benchmarks/DP"
        ),
        // libFuzzer targets (Fuzz/README.md). scripts/fuzz.sh builds them with
        // -sanitize=fuzzer,address -DDOPPEL_FUZZ, and their main runs libFuzzer's driver; in a
        // plain build it replays the files given as arguments.
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "CSVReaderFuzz", dependencies: ["FuzzSupport", "Tabular"], path: "Fuzz/CSVReaderFuzz"),
        .executableTarget(name: "ParquetReaderFuzz", dependencies: ["FuzzSupport", "Tabular"], path: "Fuzz/ParquetReaderFuzz"),
        .executableTarget(name: "SessionFuzz", dependencies: ["FuzzSupport", "Session", "Synthesis"], path: "Fuzz/SessionFuzz"),
        .executableTarget(name: "FormulaFuzz", dependencies: ["FuzzSupport", "Synthesis", "Tabular"], path: "Fuzz/FormulaFuzz"),
        .executableTarget(name: "PatternFuzz", dependencies: ["FuzzSupport", "Synthesis", "Tabular"], path: "Fuzz/PatternFuzz"),
        // Helpers every test target shares (temporary folders, where datasets are found).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "TestSupport"]),
        .testTarget(name: "SynthesisTests", dependencies: ["TestSupport", "Synthesis", "Session", "Tabular", "Fidelity"], exclude: ["Reference"]),
        .testTarget(name: "SessionTests", dependencies: ["TestSupport", "Session", "Synthesis", "Tabular", "Declaration"]),
        .testTarget(name: "FidelityTests", dependencies: ["TestSupport", "Fidelity", "Tabular", "Synthesis"], exclude: ["Reference"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Fidelity", "Tabular"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["TestSupport", "Workbench", "TerminalUI", "Session", "Synthesis", "Tabular"]),
        .testTarget(name: "DoppelCLITests", dependencies: ["TestSupport", "doppel", "Tabular"]),
        .testTarget(name: "NcursesScreenTests", dependencies: ["NcursesScreen", "CNcursesw", "TerminalUI"]),
    ]
)
