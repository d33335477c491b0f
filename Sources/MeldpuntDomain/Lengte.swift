/// The one length rule of every text field, wherever it is checked (domain, core, pages): counted
/// as JSON Schema and the OpenAPI document count (code points of the value as sent), so a text
/// the API document allows is never refused as too long, nor the other way round — and a page
/// never accepts what the API would refuse.
extension String {
    public var schemaLengte: Int { unicodeScalars.count }

    /// Longer than `max` code points.
    public func isLanger(dan max: Int) -> Bool { schemaLengte > max }
}

public enum Lengteregel {
    /// "At most N characters", for a field message.
    public static func hoogstens(_ max: Int) -> Tekst {
        Tekst("Hoogstens \(max) tekens.", "At most \(max) characters.")
    }
}
