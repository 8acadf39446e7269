using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>The inside of a .NET character class, built from Go class items.</summary>
internal sealed class ClassBuilder(bool fold)
{
    private readonly StringBuilder _items = new();

    public bool IsEmpty => _items.Length == 0;

    /// <summary>Whether the class holds the characters beyond U+FFFF (added as negated sets or Any).</summary>
    public bool MatchesAstral { get; private set; }

    /// <summary>Adds a range; under (?i) also the other members of each character's case orbit.</summary>
    public void AddRange(int lo, int hi)
    {
        Append(lo, hi);
        if (!fold || hi > 0xFFFF)
        {
            return;
        }
        var extra = new SortedSet<int>();
        for (var c = lo; c <= hi; c++)
        {
            foreach (var member in CaseOrbit.Of(c))
            {
                if (member < lo || member > hi)
                {
                    extra.Add(member);
                }
            }
        }
        foreach (var member in extra)
        {
            Append(member, member);
        }
    }

    private void Append(int lo, int hi)
    {
        _items.Append(Re2Syntax.EscapeRune(lo, inClass: true));
        if (hi != lo)
        {
            _items.Append('-').Append(Re2Syntax.EscapeRune(hi, inClass: true));
        }
    }

    /// <summary>Adds inclusive ranges, or every other character when negated.</summary>
    public void AddRanges(IReadOnlyList<(int Lo, int Hi)> ranges, bool negated)
    {
        if (!negated)
        {
            foreach (var (lo, hi) in ranges)
            {
                AddRange(lo, hi);
            }
            return;
        }
        MatchesAstral = true;
        var next = 0;
        foreach (var (lo, hi) in ranges.Append((Lo: 0xD800, Hi: 0xDFFF)).OrderBy(r => r.Lo))
        {
            if (lo > next)
            {
                Append(next, lo - 1);
            }
            next = Math.Max(next, hi + 1);
        }
        if (next <= 0xFFFF)
        {
            Append(next, 0xFFFF);
        }
    }

    public void AddRaw(string item) => _items.Append(item);

    public override string ToString() => _items.ToString();
}

/// <summary>Go's ASCII-only Perl (<c>\d \s \w</c>) and POSIX (<c>[:alpha:]</c>) classes.</summary>
internal static class AsciiClasses
{
    public static readonly (int, int)[] Digit = [('0', '9')];
    public static readonly (int, int)[] PerlSpace = [('\t', '\n'), ('\f', '\r'), (' ', ' ')];
    public static readonly (int, int)[] Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    /// <summary>POSIX classes by their bracketed name, e.g. <c>[:alpha:]</c>.</summary>
    public static readonly Dictionary<string, (int, int)[]> Posix = new(StringComparer.Ordinal)
    {
        ["[:alnum:]"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["[:alpha:]"] = [('A', 'Z'), ('a', 'z')],
        ["[:ascii:]"] = [(0, 0x7F)],
        ["[:blank:]"] = [('\t', '\t'), (' ', ' ')],
        ["[:cntrl:]"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["[:digit:]"] = [('0', '9')],
        ["[:graph:]"] = [('!', '~')],
        ["[:lower:]"] = [('a', 'z')],
        ["[:print:]"] = [(' ', '~')],
        ["[:punct:]"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["[:space:]"] = [('\t', '\r'), (' ', ' ')],
        ["[:upper:]"] = [('A', 'Z')],
        ["[:word:]"] = [('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')],
        ["[:xdigit:]"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };
}

/// <summary>Go's <c>\p{…}</c> names: <c>Any</c>, the Unicode general categories, and common scripts.</summary>
internal static class UnicodeClasses
{
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    // Scripts by the .NET Unicode blocks that hold them (Latin by its main ranges in the Basic Multilingual Plane).
    private static readonly Dictionary<string, string[]> ScriptBlocks = new(StringComparer.Ordinal)
    {
        ["Arabic"] = ["IsArabic"],
        ["Armenian"] = ["IsArmenian"],
        ["Bengali"] = ["IsBengali"],
        ["Cyrillic"] = ["IsCyrillic", "IsCyrillicSupplement"],
        ["Devanagari"] = ["IsDevanagari"],
        ["Georgian"] = ["IsGeorgian"],
        ["Greek"] = ["IsGreek", "IsGreekExtended"],
        ["Han"] = ["IsCJKUnifiedIdeographs", "IsCJKUnifiedIdeographsExtensionA", "IsCJKCompatibilityIdeographs"],
        ["Hangul"] = ["IsHangulSyllables", "IsHangulJamo", "IsHangulCompatibilityJamo"],
        ["Hebrew"] = ["IsHebrew"],
        ["Hiragana"] = ["IsHiragana"],
        ["Katakana"] = ["IsKatakana", "IsKatakanaPhoneticExtensions"],
        ["Thai"] = ["IsThai"],
    };

    private static readonly (int, int)[] Latin =
    [
        ('A', 'Z'), ('a', 'z'), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2B8), (0x1E00, 0x1EFF),
        (0xFF21, 0xFF3A), (0xFF41, 0xFF5A),
    ];

    // Every script Go knows; those without a .NET block above are refused as unsupported rather than as unknown.
    private static readonly HashSet<string> GoScripts = new(StringComparer.Ordinal)
    {
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah",
        "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal",
        "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform",
        "Cypriot", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs",
        "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati",
        "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana",
        "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
        "Kannada", "Katakana", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi",
        "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar",
        "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
        "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani",
        "Myanmar", "Nabataean", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong",
        "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic", "Old_Persian",
        "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene",
        "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra",
        "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese",
        "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil",
        "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Ugaritic", "Vai", "Wancho",
        "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    };

    /// <summary>Adds the class named; false when Go knows no such name.</summary>
    public static bool TryAdd(ClassBuilder set, string name, bool negated)
    {
        if (name == "Any")
        {
            set.AddRanges([], !negated);
            return true;
        }
        if (Categories.Contains(name))
        {
            set.AddRaw((negated ? @"\P{" : @"\p{") + name + "}");
            return true;
        }
        if (name == "Latin")
        {
            set.AddRanges(Latin, negated);
            return true;
        }
        if (ScriptBlocks.TryGetValue(name, out var blocks))
        {
            if (negated && blocks.Length > 1)
            {
                // A class cannot hold the intersection of several negated blocks; use the first, which is the main one.
                blocks = blocks[..1];
            }
            foreach (var block in blocks)
            {
                set.AddRaw((negated ? @"\P{" : @"\p{") + block + "}");
            }
            return true;
        }
        return GoScripts.Contains(name)
            ? throw new Re2SyntaxException($"the Unicode script {name} is not supported in character classes")
            : false;
    }

}

/// <summary>
/// The characters Go's case-insensitive matching treats as one (Unicode simple case folding orbits) in the Basic
/// Multilingual Plane: upper and lower case forms, plus the folds .NET casing does not give (Kelvin and Ångström
/// signs, long s, final sigma, Greek symbol forms, capital sharp s…). Dotted and dotless i fold only to themselves.
/// </summary>
internal static class CaseOrbit
{
    private static readonly (int, int)[] ExtraFolds =
    [
        (0x212A, 'k'), (0x212B, 0xE5), (0x17F, 's'), (0x3C2, 0x3C3), (0xB5, 0x3BC), (0x1E9E, 0xDF), (0x345, 0x3B9),
        (0x1FBE, 0x3B9), (0x3D0, 0x3B2), (0x3D1, 0x3B8), (0x3D5, 0x3C6), (0x3D6, 0x3C0), (0x3F0, 0x3BA), (0x3F1, 0x3C1),
        (0x3F5, 0x3B5), (0x1E9B, 0x1E61), (0x2126, 0x3C9), (0x1C80, 0x432), (0x1C81, 0x434), (0x1C82, 0x43E),
        (0x1C83, 0x441), (0x1C84, 0x442), (0x1C85, 0x442), (0x1C86, 0x44A), (0x1C87, 0x463), (0x1C88, 0xA64B),
    ];

    private static readonly Dictionary<int, List<int>> Links = BuildLinks();

    private static Dictionary<int, List<int>> BuildLinks()
    {
        var links = new Dictionary<int, List<int>>();
        foreach (var (a, b) in ExtraFolds)
        {
            Link(links, a, b);
            Link(links, b, a);
        }
        return links;
    }

    private static void Link(Dictionary<int, List<int>> links, int from, int to)
    {
        if (!links.TryGetValue(from, out var list))
        {
            links[from] = list = [];
        }
        list.Add(to);
    }

    /// <summary>The sorted orbit of a character (just the character when it has no other case).</summary>
    public static List<int> Of(int rune)
    {
        var orbit = new SortedSet<int> { rune };
        if (rune > 0xFFFF || rune is 0x130 or 0x131)
        {
            return [.. orbit];
        }
        var pending = new Stack<int>();
        pending.Push(rune);
        while (pending.Count > 0)
        {
            var c = pending.Pop();
            var next = new List<int> { char.ToUpperInvariant((char)c), char.ToLowerInvariant((char)c) };
            if (Links.TryGetValue(c, out var extra))
            {
                next.AddRange(extra);
            }
            foreach (var n in next)
            {
                if (n is not (0x130 or 0x131) && orbit.Add(n))
                {
                    pending.Push(n);
                }
            }
        }
        return [.. orbit];
    }
}
