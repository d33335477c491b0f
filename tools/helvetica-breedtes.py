#!/usr/bin/env python3
"""Prints the Swift width tables of Helvetica and Helvetica-Bold for WinAnsiEncoding (bytes 32-255),
in 1/1000 em, from groff's copy of Adobe's AFM metrics (Debian package groff-base). Run once; the
output is Sources/MeldpuntDocumenten/Helvetica.swift. The metrics are facts about the fonts every
PDF reader carries, so the letters need no embedded font."""
import sys, unicodedata

DEVPS = "/usr/share/groff/1.22.4/font/devps/"
ACCENT = {"GRAVE": "grave", "ACUTE": "acute", "CIRCUMFLEX": "circumflex", "TILDE": "tilde",
          "DIAERESIS": "dieresis", "RING ABOVE": "ring", "CEDILLA": "cedilla", "STROKE": "slash"}
SPECIAL = {0x20: "space", 0x27: "quotesingle", 0x60: "grave", 0xA0: "space", 0xAD: "hyphen", 0xC6: "AE", 0xE6: "ae",
           0xD0: "Eth", 0xF0: "eth", 0xDE: "Thorn", 0xFE: "thorn", 0xDF: "germandbls", 0xD7: "multiply", 0xF7: "divide",
           0x152: "OE", 0x153: "oe", 0x160: "Scaron", 0x161: "scaron", 0x17D: "Zcaron", 0x17E: "zcaron", 0x178: "Ydieresis",
           0x192: "florin", 0x2C6: "circumflex", 0x2DC: "tilde", 0x2013: "endash", 0x2014: "emdash", 0x2018: "quoteleft",
           0x2019: "quoteright", 0x201A: "quotesinglbase", 0x201C: "quotedblleft", 0x201D: "quotedblright",
           0x201E: "quotedblbase", 0x2020: "dagger", 0x2021: "daggerdbl", 0x2022: "bullet", 0x2026: "ellipsis",
           0x2030: "perthousand", 0x2039: "guilsinglleft", 0x203A: "guilsinglright", 0x20AC: "Euro", 0x2122: "trademark",
           0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "currency", 0xA5: "yen", 0xA6: "brokenbar",
           0xA7: "section", 0xA8: "dieresis", 0xA9: "copyright", 0xAA: "ordfeminine", 0xAB: "guillemotleft",
           0xAC: "logicalnot", 0xAE: "registered", 0xAF: "macron", 0xB0: "degree", 0xB1: "plusminus",
           0xB2: "twosuperior", 0xB3: "threesuperior", 0xB4: "acute", 0xB5: "mu", 0xB6: "paragraph",
           0xB7: "periodcentered", 0xB8: "cedilla", 0xB9: "onesuperior", 0xBA: "ordmasculine",
           0xBB: "guillemotright", 0xBC: "onequarter", 0xBD: "onehalf", 0xBE: "threequarters", 0xBF: "questiondown"}

def glyph(u):
    if u in SPECIAL: return SPECIAL[u]
    c = chr(u)
    if u < 0x80:
        return c if c.isalpha() else None
    n = unicodedata.name(c)
    for k, v in ACCENT.items():
        if n.endswith(" WITH " + k):
            base = n.split(" LETTER ")[1].split(" WITH ")[0]
            return (base if "CAPITAL" in n else base.lower()) + v
    return None

def breedtes(bestand):
    w, bezig = {}, False
    for regel in open(DEVPS + bestand, encoding="latin-1"):
        d = regel.split()
        if d[:1] == ["charset"]: bezig = True; continue
        if bezig and len(d) >= 5 and d[1] != '"':
            w[d[4]] = int(d[1].split(",")[0])
    return w

def tabel(bestand):
    w = breedtes(bestand)
    codes = {}
    for regel in open(DEVPS + bestand, encoding="latin-1"):
        d = regel.split()
        if len(d) >= 5 and d[1] != '"' and d[3].isdigit(): codes.setdefault(int(d[3]), d[4])
    uit = []
    for b in range(32, 256):
        try: u = ord(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError: uit.append(0); continue
        if b == 0x7F: uit.append(0); continue
        g = glyph(u)
        if g is None and 0x21 <= b <= 0x7E and b not in (0x27, 0x60): g = codes.get(b)
        if g is None or g not in w: sys.exit(f"{bestand}: geen breedte voor byte {b:#x} ({g})")
        uit.append(w[g])
    return uit

for naam, bestand in (("gewoon", "HR"), ("vet", "HB")):
    t = tabel(bestand)
    print(f"    static let {naam}: [UInt16] = [")
    for i in range(0, len(t), 16):
        print("        " + ", ".join(str(x) for x in t[i:i+16]) + ",")
    print("    ]")
