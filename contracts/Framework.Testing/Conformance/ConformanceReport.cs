using System.Text;

namespace Framework.Testing.Conformance;

/// <summary>The results of every conformance check of one plugin.</summary>
/// <param name="Plugin">The plugin's name.</param>
/// <param name="Kind">"model" or "dataset".</param>
/// <param name="Results">The checks in the order they ran.</param>
public sealed record ConformanceReport(string Plugin, string Kind, IReadOnlyList<CheckResult> Results)
{
    /// <summary>Whether no check failed.</summary>
    public bool Passed => Results.All(r => r.Outcome != CheckOutcome.Failed);

    /// <summary>The report as a table: one line per check, then the counts.</summary>
    public string ToTable()
    {
        var text = new StringBuilder($"{Plugin} ({Kind} plugin)").AppendLine();
        var width = Results.Max(r => r.Check.Length);
        foreach (var result in Results)
        {
            var mark = result.Outcome switch { CheckOutcome.Passed => "pass", CheckOutcome.Failed => "FAIL", _ => "skip" };
            text.Append("  ").Append(mark).Append("  ").Append(result.Check.PadRight(width)).Append("  ").AppendLine(result.Detail);
        }

        var failed = Results.Count(r => r.Outcome == CheckOutcome.Failed);
        var skipped = Results.Count(r => r.Outcome == CheckOutcome.Skipped);
        text.AppendLine($"  {Results.Count} checks: {Results.Count - failed - skipped} passed, {failed} failed, {skipped} skipped");
        return text.ToString();
    }

    /// <summary>Throws a <see cref="ConformanceException"/> holding the table when a check failed (for test frameworks).</summary>
    public void ThrowIfFailed()
    {
        if (!Passed)
            throw new ConformanceException(ToTable());
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();
}
