import Foundation

/// How alike two descriptions of a case are, and which phrases several of them share: the text
/// part of finding structural errors (issue 14). Melders write a few sentences each, in their own
/// words; the measure is the Jaccard index of their content words after folding case and accents,
/// dropping Dutch function words and cutting common inflections. Chosen over TF-IDF cosine because
/// it needs no corpus-wide statistics (a new case is compared on arrival, nothing to recompute), is
/// symmetric and bounded, and its reason can be shown to staff: the words and phrases in common.
public enum Tekstgelijkenis {
    /// Words that carry no subject of their own.
    static let stopwoorden: Set<String> = [
        "de", "het", "een", "en", "of", "maar", "want", "dus", "dat", "die", "dit", "deze", "er", "is", "zijn", "was", "waren",
        "wordt", "worden", "werd", "werden", "ben", "bent", "heb", "hebt", "heeft", "hebben", "had", "hadden", "kan", "kon",
        "kunnen", "moet", "moeten", "zal", "zou", "wil", "wel", "niet", "geen", "nog", "al", "ook", "toch", "pas", "zo", "dan",
        "als", "om", "te", "tot", "van", "voor", "in", "op", "aan", "met", "bij", "naar", "na", "uit", "over", "door", "onder",
        "tegen", "sinds", "zonder", "ik", "mij", "me", "mijn", "jij", "je", "jou", "jouw", "u", "uw", "hij", "zij", "ze", "hem",
        "haar", "hun", "hen", "wij", "we", "ons", "onze", "jullie", "men", "wat", "wie", "waar", "wanneer", "hoe", "waarom",
        "omdat", "toen", "terwijl", "nu", "hier", "daar", "heel", "erg", "meer", "veel", "weer", "alleen",
    ]

    /// What any one call may read and build, so that every function here is linear in its input
    /// however a text is written (issue 26: a repeated phrase made the old merge loop run on
    /// without end). A melder's description is at most 10,000 code points; more is never read.
    public enum Grenzen {
        /// Code points of a text that are read.
        public static let tekens = 20_000
        /// Words of a text that are used.
        public static let woorden = 2_000
        /// A longer run of letters is no word (a pasted code, a key held down): skipped.
        public static let woordlengte = 40
        /// Texts compared at once.
        public static let teksten = 100
        /// Shared phrases that may run on into longer ones (the most shared first).
        public static let kandidaten = 100
        /// The longest phrase that running on builds, in words.
        public static let zinsdeelWoorden = 12
    }

    /// The words of a text, lower case, accents folded, digits kept, everything else a separator.
    /// Only the first `Grenzen.tekens` code points and `Grenzen.woorden` words count.
    public static func woorden(_ tekst: String) -> [String] {
        let begin = tekst.unicodeScalars.count > Grenzen.tekens ? String(String.UnicodeScalarView(tekst.unicodeScalars.prefix(Grenzen.tekens))) : tekst
        var uit: [String] = []
        for woord in begin.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
            .unicodeScalars.split(whereSeparator: { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }) {
            guard woord.count <= Grenzen.woordlengte else { continue }
            uit.append(String(String.UnicodeScalarView(woord)))
            if uit.count == Grenzen.woorden { break }
        }
        return uit
    }

    /// The content words as stems: function words and one-letter words dropped, common Dutch
    /// inflections cut ("verhuizingen" and "verhuizing" meet, as do "adressen" and "adres").
    public static func kern(_ tekst: String) -> Set<String> {
        Set(woorden(tekst).filter { $0.count > 1 && !stopwoorden.contains($0) }.map(stam))
    }

    /// A light stem: a plural or inflection ending off, then a doubled last consonant single
    /// ("adressen" → "adres", "verhuizingen" → "verhuizing", "boetes" and "boete" → "boet", "oude" → "oud").
    static func stam(_ woord: String) -> String {
        var w = woord
        if w.hasSuffix("en"), w.count >= 6 {
            w.removeLast(2)
        } else if w.hasSuffix("es"), w.count >= 6 {
            w.removeLast()
        }
        if w.hasSuffix("e"), w.count >= 4 { w.removeLast() }
        if w.count >= 4, let laatste = w.last, !"aeiouy".contains(laatste), w.dropLast().last == laatste {
            w.removeLast()
        }
        return w
    }

    /// The Jaccard index of two sets of stems: 0 nothing in common, 1 the same words.
    public static func gelijkenis(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// Phrases of two or three words that begin and end with a content word (function words may
    /// stand between: "adres na verhuizing"), once per text.
    public static func zinsdelen(_ tekst: String) -> Set<String> {
        let w = woorden(tekst)
        var uit: Set<String> = []
        for lengte in 2...3 where w.count >= lengte {
            for i in 0...(w.count - lengte) {
                let deel = w[i..<(i + lengte)]
                guard let eerste = deel.first, let laatste = deel.last,
                      !stopwoorden.contains(eerste), !stopwoorden.contains(laatste), eerste.count > 1, laatste.count > 1 else { continue }
                uit.insert(deel.joined(separator: " "))
            }
        }
        return uit
    }

    /// Phrases that at least `minimaal` of the texts contain, most shared first, then longest.
    public static func gedeeldeZinsdelen(_ teksten: [String], minimaal: Int) -> [(zinsdeel: String, aantal: Int)] {
        gedeeld(teksten.map(zinsdelen), minimaal: minimaal)
    }

    /// The same from each text's phrases (as `zinsdelen` gives them). Phrases that overlap and
    /// that the same texts share run on into one ("adres na verhuizing" and "verhuizing niet
    /// bijgewerkt" become "adres na verhuizing niet bijgewerkt"); a phrase inside a longer one the same texts share is left out.
    public static func gedeeld(_ perTekst: [Set<String>], minimaal: Int) -> [(zinsdeel: String, aantal: Int)] {
        var werk = 0
        return gedeeld(perTekst, minimaal: minimaal, werk: &werk)
    }

    /// `werk` counts the steps taken, so tests can hold the bound: the phrases read plus fewer
    /// than `Grenzen.kandidaten`³ comparisons, whatever the texts say.
    static func gedeeld(_ perTekst: [Set<String>], minimaal: Int, werk: inout Int) -> [(zinsdeel: String, aantal: Int)] {
        var teksten: [String: Set<Int>] = [:]
        for (i, zinsdelen) in perTekst.prefix(Grenzen.teksten).enumerated() {
            for z in zinsdelen.prefix(2 * Grenzen.woorden) {
                teksten[z, default: []].insert(i)
                werk += 1
            }
        }
        // The most shared first, then the longest: only these may run on.
        let gekozen = teksten.filter { $0.value.count >= max(2, minimaal) }
            .sorted { ($0.value.count, $0.key.count, $1.key) > ($1.value.count, $1.key.count, $0.key) }
            .prefix(Grenzen.kandidaten)
        var zinnen = gekozen.map { (woorden: $0.key.split(separator: " "), teksten: $0.value) }
        var bestaand = Set(gekozen.map(\.key))
        // Each run-on retires both parts, so there are fewer than `kandidaten` rounds.
        var samengevoegd = true
        while samengevoegd {
            samengevoegd = false
            zoek: for i in zinnen.indices where zinnen[i].woorden.count >= 3 {
                for j in zinnen.indices where j != i && zinnen[j].woorden.count >= 3 {
                    werk += 1
                    let (a, b) = (zinnen[i], zinnen[j])
                    guard a.teksten == b.teksten,
                          let overlap = [2, 1].first(where: { a.woorden.suffix($0).elementsEqual(b.woorden.prefix($0)) }),
                          a.woorden.count + b.woorden.count - overlap <= Grenzen.zinsdeelWoorden else { continue }
                    let lang = a.woorden + b.woorden.dropFirst(overlap)
                    guard bestaand.insert(lang.joined(separator: " ")).inserted else { continue }
                    bestaand.remove(a.woorden.joined(separator: " "))
                    bestaand.remove(b.woorden.joined(separator: " "))
                    zinnen[i].woorden = lang
                    zinnen.remove(at: j)
                    samengevoegd = true
                    break zoek
                }
            }
        }
        let vaak = Dictionary(zinnen.map { ($0.woorden.joined(separator: " "), $0.teksten) }, uniquingKeysWith: { a, _ in a })
        let gehouden = vaak.filter { z, s in
            !vaak.contains { ander, t in ander != z && t == s && ander.count > z.count && (" " + ander + " ").contains(" " + z + " ") }
        }
        return gehouden.map { (zinsdeel: $0.key, aantal: $0.value.count) }
            .sorted { ($0.aantal, $0.zinsdeel.count, $1.zinsdeel) > ($1.aantal, $1.zinsdeel.count, $0.zinsdeel) }
    }
}
