namespace Framework.Host.Internal;

/// <summary>Words written for a POSIX shell (bash): commands the host prints for a user to paste, and sbatch scripts.</summary>
internal static class ShellWords
{
    /// <summary>Single-quotes a word for bash.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A command line from words, quoting only the words a shell would otherwise split or expand.</summary>
    public static string Join(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => w.Length > 0 && w.All(c => char.IsLetterOrDigit(c) || "-_./:=@%+,".Contains(c)) ? w : Quote(w)));
}
