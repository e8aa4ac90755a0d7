namespace Framework.Plugins.Idx;

/// <summary>Finds an IDX file in the configured folder, gzipped or not, or says exactly what is missing and how to get it.</summary>
internal static class IdxFileLocator
{
    /// <summary>Returns the path of <paramref name="fileName"/> in <paramref name="directory"/>, or of its <c>.gz</c> form.</summary>
    /// <param name="directory">The configured folder.</param>
    /// <param name="fileName">The configured file name (an absolute path is used as it is).</param>
    /// <param name="optionKey">The option that named the file, for the error message.</param>
    /// <returns>The path of an existing file.</returns>
    /// <exception cref="FileNotFoundException">Neither form exists.</exception>
    public static string Locate(string directory, string fileName, string optionKey)
    {
        var path = Path.Combine(directory, fileName);
        string[] candidates = path.EndsWith(".gz", StringComparison.Ordinal)
            ? [path, path[..^3]]
            : [path, path + ".gz"];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
                return candidate;
        }

        var fix = IsDefaultFolder(directory)
            ? "Fashion-MNIST comes from the Debian package dataset-fashion-mnist: install it with " +
              "`sudo apt-get install dataset-fashion-mnist`, or set dataset.directory to a folder with the IDX files."
            : "Set dataset.directory to the folder that holds the IDX files, or dataset." + optionKey +
              " to the file's name; for Fashion-MNIST leave dataset.directory at its default and install the Debian package " +
              "dataset-fashion-mnist (`sudo apt-get install dataset-fashion-mnist`).";
        throw new FileNotFoundException(
            $"The IDX file of dataset.{optionKey} was not found: tried {string.Join(" and ", candidates.Select(c => $"'{c}'"))}. {fix}",
            path);
    }

    private static bool IsDefaultFolder(string directory) =>
        string.Equals(Path.TrimEndingDirectorySeparator(directory), FashionMnist.DebianDirectory, StringComparison.Ordinal);
}
