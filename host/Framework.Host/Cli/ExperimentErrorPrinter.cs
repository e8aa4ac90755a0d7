using Framework.Host.Experiments;

namespace Framework.Host.Cli;

/// <summary>Prints validation errors compiler-style, one per line, so editors and CI annotate them.</summary>
internal static class ExperimentErrorPrinter
{
    public static int Print(TextWriter error, IReadOnlyList<ConfigError> errors)
    {
        foreach (var e in errors)
            error.WriteLine(e.ToString());
        error.WriteLine($"{errors.Count} error{(errors.Count == 1 ? "" : "s")}; nothing was run.");
        return ExitCodes.Usage;
    }
}
