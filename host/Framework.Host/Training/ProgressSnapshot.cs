namespace Framework.Host.Training;

/// <summary>Where training stands, for the progress display.</summary>
internal readonly record struct ProgressSnapshot(
    int Epoch,
    int Epochs,
    long GlobalStep,
    long TotalSteps,
    double StepsPerSecond,
    IReadOnlyDictionary<string, double> LatestMetrics)
{
    public TimeSpan? Eta => StepsPerSecond > 0 ? TimeSpan.FromSeconds((TotalSteps - GlobalStep) / StepsPerSecond) : null;

    public string FormatEta() => Eta is { } eta ? eta.ToString(eta.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "--:--";

    public string FormatMetrics(int max = 3) =>
        string.Concat(LatestMetrics.Take(max).Select(m => $" {ShortName(m.Key)}={m.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}"));

    private static string ShortName(string key) => key.StartsWith("train/", StringComparison.Ordinal) ? key[6..] : key;
}
