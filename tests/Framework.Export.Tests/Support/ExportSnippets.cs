using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Framework.Export.Tests.Support;

/// <summary>The Python snippets of docs/export-to-pytorch.md (fenced <c>python</c> blocks whose first line is
/// <c># export-snippet: NAME</c>), run as the documentation shows them, so that the documentation cannot drift.</summary>
internal static partial class ExportSnippets
{
    public static string DocumentPath => Path.Combine(RepositoryRoot(), "docs", "export-to-pytorch.md");

    /// <summary>The code of the snippet <paramref name="name"/>.</summary>
    public static string Code(string name)
    {
        var document = File.ReadAllText(DocumentPath).ReplaceLineEndings("\n");
        var snippets = Snippet().Matches(document).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["code"].Value, StringComparer.Ordinal);
        return snippets.TryGetValue(name, out var code)
            ? code
            : throw new InvalidOperationException($"{DocumentPath} has no '# export-snippet: {name}' block (it has: {string.Join(", ", snippets.Keys)}).");
    }

    /// <summary>Runs the snippet <paramref name="name"/> and then <paramref name="harness"/> in one script with
    /// <paramref name="arguments"/>; returns the rows of numbers the harness printed.</summary>
    public static double[][] Run(string name, string harness, string folder, params string[] arguments)
    {
        var script = Path.Combine(folder, $"{name}-snippet.py");
        File.WriteAllText(script, Code(name) + "\n\n# --- the test's harness ---\n" + harness);
        var result = SystemPython.Run([script, .. arguments], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"the '{name}' snippet of {DocumentPath} failed (exit {result.ExitCode}):\n{result.Error}\n{result.Output}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
    }

    /// <summary>Rows of float32 values as text that Python reads back exactly (round-trip formatting).</summary>
    public static string Rows(float[][] rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join(' ', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```python\n# export-snippet: (?<name>[\w-]+)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();
}
