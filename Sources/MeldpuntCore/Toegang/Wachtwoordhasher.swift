/// Hashes and checks passwords (bcrypt in the app). A seam, so the core needs no web framework.
package protocol Wachtwoordhasher: Sendable {
    func hash(_ wachtwoord: String) throws -> String
    func verify(_ wachtwoord: String, created hash: String) throws -> Bool
}
