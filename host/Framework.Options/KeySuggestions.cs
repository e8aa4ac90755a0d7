namespace Framework.Options;

/// <summary>Finds the key or value that a user most likely meant ("did you mean 'hidden'?").</summary>
public static class KeySuggestions
{
    /// <summary>
    /// The candidate that differs only in case or separators (<c>batchSize</c>, <c>batch-size</c>), else the unique
    /// closest one within two edits (one for short words), else the unique candidate that starts with the input, else the unique
    /// candidate that the input starts with as a whole word (<c>lr_rate</c> suggests <c>lr</c>).
    /// </summary>
    /// <param name="input">What the user wrote.</param>
    /// <param name="candidates">The valid keys or values.</param>
    /// <returns>The suggestion, or null when nothing is close enough to be helpful.</returns>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        var list = candidates.Distinct(StringComparer.Ordinal).ToList();
        if (input.Length == 0 || list.Count == 0)
            return null;

        var normalized = Normalize(input);
        var sameWords = list.Where(c => Normalize(c) == normalized).ToList();
        if (sameWords.Count == 1)
            return sameWords[0];

        var threshold = input.Length <= 3 ? 1 : 2;
        var scored = list
            .Select(c => (Candidate: c, Distance: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(s => s.Distance <= threshold && s.Distance < Math.Max(input.Length, s.Candidate.Length))
            .OrderBy(s => s.Distance)
            .ToList();
        if (scored.Count > 0 && (scored.Count == 1 || scored[1].Distance > scored[0].Distance))
            return scored[0].Candidate;

        if (input.Length >= 2)
        {
            var extensions = list.Where(c => c.StartsWith(input, StringComparison.OrdinalIgnoreCase)).ToList();
            if (extensions.Count == 1)
                return extensions[0];

            // 'lr_rate' for 'lr': the input is a valid key with extra words.
            var stems = list.Where(c => c.Length >= 2 && input.Length > c.Length && input.StartsWith(c, StringComparison.OrdinalIgnoreCase)
                                        && input[c.Length] is '_' or '-').ToList();
            if (stems.Count == 1)
                return stems[0];
        }

        return null;
    }

    /// <summary>The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    /// <param name="a">One string.</param>
    /// <param name="b">The other.</param>
    /// <returns>The number of edits that turn one into the other.</returns>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Normalize(string key) =>
        new(key.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant).ToArray());
}
