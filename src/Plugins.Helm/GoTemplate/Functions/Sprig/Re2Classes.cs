using System.Globalization;
using System.Text;

namespace GitOpsHQ.Plugins.Helm.GoTemplate.Functions.Sprig;

/// <summary>The inside of a .NET character class, built from Go class items.</summary>
internal sealed class ClassBuilder
{
    private readonly StringBuilder _items = new();

    public bool IsEmpty => _items.Length == 0;

    /// <summary>Whether the class holds the characters beyond U+FFFF (added as negated sets or Any).</summary>
    public bool MatchesAstral { get; private set; }

    public void AddRange(int lo, int hi)
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
                AddRange(next, lo - 1);
            }
            next = Math.Max(next, hi + 1);
        }
        if (next <= 0xFFFF)
        {
            AddRange(next, 0xFFFF);
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
