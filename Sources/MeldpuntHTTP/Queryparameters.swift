import Vapor

extension Request {
    /// A query parameter's raw value. An empty one (`?status=`) is given and empty,
    /// so it is refused like any other invalid value rather than silently ignored.
    package func queryWaarde(_ naam: String) -> String? {
        query[String.self, at: naam]
    }
}
