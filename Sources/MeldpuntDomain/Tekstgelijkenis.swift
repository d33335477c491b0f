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

    /// The words of a text, lower case, accents folded, digits kept, everything else a separator.
    public static func woorden(_ tekst: String) -> [String] {
        tekst.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
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
        var teksten: [String: Set<Int>] = [:]
        for (i, zinsdelen) in perTekst.enumerated() {
            for z in zinsdelen { teksten[z, default: []].insert(i) }
        }
        var vaak = teksten.filter { $0.value.count >= max(2, minimaal) }
        var samengevoegd = true
        while samengevoegd {
            samengevoegd = false
            let drie = vaak.keys.map { ($0, $0.split(separator: " ")) }.filter { $0.1.count >= 3 }
            zoek: for (a, aw) in drie {
                for (b, bw) in drie where a != b && vaak[a] == vaak[b] {
                    guard let overlap = [2, 1].first(where: { Array(aw.suffix($0)) == Array(bw.prefix($0)) }) else { continue }
                    let lang = (aw + bw.dropFirst(overlap)).joined(separator: " ")
                    guard vaak[lang] == nil else { continue }
                    vaak[lang] = vaak[a]
                    samengevoegd = true
                    break zoek
                }
            }
        }
        let gehouden = vaak.filter { z, s in
            !vaak.contains { ander, t in ander != z && t == s && ander.count > z.count && (" " + ander + " ").contains(" " + z + " ") }
        }
        return gehouden.map { (zinsdeel: $0.key, aantal: $0.value.count) }
            .sorted { ($0.aantal, $0.zinsdeel.count, $1.zinsdeel) > ($1.aantal, $1.zinsdeel.count, $0.zinsdeel) }
    }
}
