// swift-tools-version:6.1
import PackageDescription

// The bare stack Meldpunt is measured against, in the same benchmark run: Vapor's hello-world
// and one Fluent insert per request. Same dependency versions as the product.
let package = Package(
    name: "anchor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    ],
    targets: [
        .executableTarget(name: "anchor", dependencies: [
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
