using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// bcrypt password hashing (<c>$2a$</c>, as Go's x/crypto/bcrypt produces): the expensive Blowfish key schedule
/// over the password (with a trailing NUL; bytes past the 72nd are never used) and a 16-byte salt, then "OrpheanBeholderScryDoubt"
/// encrypted 64 times.
/// </summary>
public static class Bcrypt
{
    public const int DefaultCost = 10;
    private const string Alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A hash of the password with a random salt.</summary>
    public static string Hash(string password, int cost = DefaultCost) =>
        Hash(Encoding.UTF8.GetBytes(password), RandomNumberGenerator.GetBytes(16), cost);

    /// <summary>A hash with the given 16-byte salt, as <c>$2a$CC$</c> + 22 salt characters + 31 hash characters.</summary>
    public static string Hash(byte[] password, byte[] salt, int cost)
    {
        if (cost is < 4 or > 31 || salt.Length != 16)
        {
            throw new ArgumentException("bcrypt: invalid cost or salt");
        }
        var key = new byte[password.Length + 1];
        password.CopyTo(key, 0);
        var state = Blowfish.Initial();
        state.ExpandKey(key, salt);
        for (long i = 0; i < 1L << cost; i++)
        {
            state.ExpandKey(key, null);
            state.ExpandKey(salt, null);
        }
        var text = Encoding.ASCII.GetBytes("OrpheanBeholderScryDoubt");
        var words = new uint[6];
        for (var i = 0; i < 6; i++)
        {
            words[i] = (uint)((text[4 * i] << 24) | (text[(4 * i) + 1] << 16) | (text[(4 * i) + 2] << 8) | text[(4 * i) + 3]);
        }
        for (var round = 0; round < 64; round++)
        {
            for (var i = 0; i < 6; i += 2)
            {
                (words[i], words[i + 1]) = state.Encrypt(words[i], words[i + 1]);
            }
        }
        var output = new byte[24];
        for (var i = 0; i < 6; i++)
        {
            output[4 * i] = (byte)(words[i] >> 24);
            output[(4 * i) + 1] = (byte)(words[i] >> 16);
            output[(4 * i) + 2] = (byte)(words[i] >> 8);
            output[(4 * i) + 3] = (byte)words[i];
        }
        return $"$2a${cost:00}${Encode(salt)}{Encode(output.AsSpan(0, 23))}";
    }

    /// <summary>Whether the password matches a <c>$2a$</c>/<c>$2b$</c>/<c>$2y$</c> hash.</summary>
    public static bool Verify(string password, string hash)
    {
        if (hash.Length != 60 || hash[0] != '$' || hash[3] != '$' || hash[6] != '$'
            || !int.TryParse(hash.AsSpan(4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cost))
        {
            return false;
        }
        var salt = Decode(hash.Substring(7, 22), 16);
        if (salt is null)
        {
            return false;
        }
        var computed = Hash(Encoding.UTF8.GetBytes(password), salt, cost);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed[7..]), Encoding.ASCII.GetBytes(hash[7..]));
    }

    // Base64 with bcrypt's alphabet and no padding.
    private static string Encode(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 3)
        {
            var n = Math.Min(3, data.Length - i);
            var block = (data[i] << 16) | (n > 1 ? data[i + 1] << 8 : 0) | (n > 2 ? data[i + 2] : 0);
            for (var k = 0; k <= n; k++)
            {
                sb.Append(Alphabet[(block >> (18 - (6 * k))) & 63]);
            }
        }
        return sb.ToString();
    }

    private static byte[]? Decode(string text, int length)
    {
        var bits = new List<byte>();
        int buffer = 0, count = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                return null;
            }
            buffer = (buffer << 6) | v;
            count += 6;
            if (count >= 8)
            {
                count -= 8;
                bits.Add((byte)(buffer >> count));
                buffer &= (1 << count) - 1;
            }
        }
        return bits.Count >= length ? [.. bits.Take(length)] : null;
    }

    /// <summary>The Blowfish cipher's state: 18 subkeys and four S-boxes.</summary>
    private sealed class Blowfish
    {
        private readonly uint[] _p = new uint[18];
        private readonly uint[][] _s = [new uint[256], new uint[256], new uint[256], new uint[256]];

        private static readonly Lazy<uint[]> PiWords = new(ComputePiWords);

        /// <summary>The initial state: the hexadecimal digits of pi's fractional part, subkeys first.</summary>
        public static Blowfish Initial()
        {
            var words = PiWords.Value;
            var state = new Blowfish();
            Array.Copy(words, 0, state._p, 0, 18);
            for (var i = 0; i < 4; i++)
            {
                Array.Copy(words, 18 + (256 * i), state._s[i], 0, 256);
            }
            return state;
        }

        // pi * 16^n = 16*atan(1/5) - 4*atan(1/239) in fixed point (Machin's formula), then the fractional words.
        private static uint[] ComputePiWords()
        {
            const int Words = 18 + (4 * 256);
            var bits = (Words * 32) + 64;
            var one = BigInteger.One << bits;
            var pi = (16 * ArcTanInverse(5, one)) - (4 * ArcTanInverse(239, one));
            var fraction = pi - (3 * one);
            var digits = fraction >> 64;
            var words = new uint[Words];
            for (var i = Words - 1; i >= 0; i--)
            {
                words[i] = (uint)(digits & uint.MaxValue);
                digits >>= 32;
            }
            return words;
        }

        private static BigInteger ArcTanInverse(int x, BigInteger one)
        {
            var x2 = x * x;
            var term = one / x;
            var sum = term;
            for (var k = 1; !term.IsZero; k++)
            {
                term /= x2;
                var part = term / ((2 * k) + 1);
                sum += k % 2 == 1 ? -part : part;
            }
            return sum;
        }

        private uint F(uint x) =>
            ((_s[0][x >> 24] + _s[1][(x >> 16) & 0xff]) ^ _s[2][(x >> 8) & 0xff]) + _s[3][x & 0xff];

        public (uint L, uint R) Encrypt(uint l, uint r)
        {
            for (var i = 0; i < 16; i += 2)
            {
                l ^= _p[i];
                r ^= F(l);
                r ^= _p[i + 1];
                l ^= F(r);
            }
            l ^= _p[16];
            r ^= _p[17];
            return (r, l);
        }

        /// <summary>Mixes the key into the subkeys, then re-derives all state by encryption, xoring in the salt if given.</summary>
        public void ExpandKey(byte[] key, byte[]? salt)
        {
            var position = 0;
            for (var i = 0; i < 18; i++)
            {
                _p[i] ^= NextWord(key, ref position);
            }
            uint l = 0, r = 0;
            var saltPosition = 0;
            void Next(ref uint left, ref uint right)
            {
                if (salt is not null)
                {
                    left ^= NextWord(salt, ref saltPosition);
                    right ^= NextWord(salt, ref saltPosition);
                }
                (left, right) = Encrypt(left, right);
            }
            for (var i = 0; i < 18; i += 2)
            {
                Next(ref l, ref r);
                _p[i] = l;
                _p[i + 1] = r;
            }
            foreach (var box in _s)
            {
                for (var i = 0; i < 256; i += 2)
                {
                    Next(ref l, ref r);
                    box[i] = l;
                    box[i + 1] = r;
                }
            }
        }

        // The next four bytes of data as a big-endian word, cycling through the data.
        private static uint NextWord(byte[] data, ref int position)
        {
            uint word = 0;
            for (var i = 0; i < 4; i++)
            {
                word = (word << 8) | data[position];
                position = (position + 1) % data.Length;
            }
            return word;
        }
    }
}
