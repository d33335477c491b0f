// swift-tools-version:6.1
import PackageDescription

/// What every target on Vapor builds on: the rules, the use cases, and Vapor with Fluent.
let opVapor: [Target.Dependency] = [
    "MeldpuntDomain",
    "MeldpuntAdressen",
    "MeldpuntCore",
    .product(name: "Vapor", package: "vapor"),
    .product(name: "Fluent", package: "fluent"),
]

let package = Package(
    name: "Meldpunt",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "meldpunt", targets: ["meldpunt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // The OpenAPI document as types (OAS 3.0); external loading is not needed and slows the build.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.5.1"),
    ],
    targets: [
        // Pure domain rules: identifiers, calendar, state machines, validation. No Vapor, no Fluent.
        .target(name: "MeldpuntDomain"),
        // The address tables: every linked page and API resource as a typed case, routes and links made from it.
        .target(name: "MeldpuntAdressen", dependencies: ["MeldpuntDomain"]),
        // Printed documents: a small PDF writer for text pages and the letter's layout. No dependencies.
        .target(name: "MeldpuntDocumenten"),
        // Persistence and use cases: Fluent models and queries, no Vapor and no HTTP.
        .target(
            name: "MeldpuntCore",
            dependencies: [
                "MeldpuntDomain",
                "MeldpuntAdressen",
                "MeldpuntDocumenten",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
            ],
            resources: [.copy("Resources")]
        ),
        // Delivery over the network: SMTP (plain, STARTTLS, TLS), webhooks, the development mail folder.
        .target(
            name: "MeldpuntBezorging",
            dependencies: [
                "MeldpuntCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Digimelding (DMKS 1.3): the SOAP messages as types, a bounded XML reader, the mapping to the engine.
        .target(
            name: "MeldpuntDigimelding",
            dependencies: [
                "MeldpuntDomain",
                "MeldpuntCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What the API and the web share over HTTP: configuration, transport rules, problem+json, the use cases per request.
        .target(
            name: "MeldpuntHTTP",
            dependencies: opVapor + [.product(name: "SQLKit", package: "sql-kit")]
        ),
        // The JSON API: controllers, problem+json, the OpenAPI document.
        .target(
            name: "MeldpuntAPI",
            dependencies: opVapor + [
                "MeldpuntHTTP",
                "MeldpuntDigimelding",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
            ]
        ),
        // The pages: controllers, page models, forms, texts (Leaf templates in Resources/Views).
        .target(
            name: "MeldpuntWeb",
            dependencies: opVapor + [
                "MeldpuntHTTP",
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The wiring: configure, routes, CLI commands, demo data.
        .target(
            name: "MeldpuntApp",
            dependencies: opVapor + [
                "MeldpuntHTTP",
                "MeldpuntAPI",
                "MeldpuntWeb",
                "MeldpuntBezorging",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "meldpunt", dependencies: ["MeldpuntApp"]),
        .testTarget(
            name: "MeldpuntDomainTests",
            dependencies: ["MeldpuntDomain", "MeldpuntAdressen", "MeldpuntDocumenten", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        // Use cases against a real database (SQLite, or PostgreSQL with MELDPUNT_TEST_DATABASE_URL), no HTTP.
        .testTarget(
            name: "MeldpuntCoreTests",
            dependencies: [
                "MeldpuntCore",
                "MeldpuntDomain",
                "MeldpuntBezorging",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .testTarget(
            name: "MeldpuntAppTests",
            dependencies: [
                "MeldpuntApp",
                "MeldpuntCore",
                "MeldpuntAdressen",
                "MeldpuntHTTP",
                "MeldpuntAPI",
                "MeldpuntWeb",
                "MeldpuntBezorging",
                "MeldpuntDigimelding",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
