namespace Framework.Host.Tracking.Sync;

/// <summary>What one <c>sync</c> copied; all zero when the destination was already up to date.</summary>
internal sealed record SyncReport
{
    public int ExperimentsSeen { get; init; }

    public int RunsSeen { get; init; }

    public int RunsCreated { get; init; }

    public int ParamsCopied { get; init; }

    public int TagsCopied { get; init; }

    public int MetricsCopied { get; init; }

    public int ArtifactsCopied { get; init; }

    public int StatusesUpdated { get; init; }

    /// <summary>Spooled writes delivered (when the source was a spool file).</summary>
    public long SpooledWritesDelivered { get; init; }

    /// <summary>Spooled writes still waiting (the server went away again).</summary>
    public long SpooledWritesLeft { get; init; }

    /// <summary>Params that exist at the destination with another value (never overwritten: params are write-once).</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>Whether anything was written.</summary>
    public bool CopiedAnything =>
        RunsCreated + ParamsCopied + TagsCopied + MetricsCopied + ArtifactsCopied + StatusesUpdated > 0 || SpooledWritesDelivered > 0;

    /// <summary>One line for the console.</summary>
    public override string ToString() => SpooledWritesDelivered + SpooledWritesLeft > 0
        ? $"delivered {SpooledWritesDelivered} spooled writes, {SpooledWritesLeft} left"
        : $"{RunsSeen} runs in {ExperimentsSeen} experiments: {RunsCreated} runs created, {ParamsCopied} params, {TagsCopied} tags, " +
          $"{MetricsCopied} metric points, {ArtifactsCopied} artifacts copied, {StatusesUpdated} statuses updated" +
          (Conflicts.Count > 0 ? $"; {Conflicts.Count} conflicting params left as they were" : "");
}
