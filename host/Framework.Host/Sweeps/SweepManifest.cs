using System.Text.Json;
using Framework.Host.Internal;

namespace Framework.Host.Sweeps;

/// <summary>
/// The trial manifest: everything a trial process needs to run trial N of a sweep without expanding it again, and
/// without trusting that the experiment file is unchanged since the sweep started (the trial's id is checked).
/// </summary>
/// <param name="Format">The manifest format version.</param>
/// <param name="SweepId">The sweep's id.</param>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="SourcePath">The experiment file's full path.</param>
/// <param name="Overrides">The sweep's command-line <c>--set</c> overrides.</param>
/// <param name="TrackingUri">The tracking URI, absolute (a relative SQLite path is resolved where the sweep started).</param>
/// <param name="TrackingExperiment">The MLflow experiment name.</param>
/// <param name="Trials">Every trial, by index.</param>
internal sealed record SweepManifest(
    int Format,
    string SweepId,
    string Experiment,
    string SourcePath,
    IReadOnlyList<string> Overrides,
    string TrackingUri,
    string TrackingExperiment,
    IReadOnlyList<ManifestTrial> Trials)
{
    /// <summary>The format written now.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The manifest of a plan.</summary>
    public static SweepManifest Of(SweepPlan plan, string trackingUri, string trackingExperiment) => new(
        CurrentFormat, plan.SweepId, plan.Base.Name, plan.SourcePath, plan.BaseOverrides, trackingUri, trackingExperiment,
        plan.Trials.Select(t => new ManifestTrial(t.Index, t.Id, t.ConfigurationId, t.Repeat, t.Seed, t.Overrides.Select(o => o.Argument).ToList())).ToList());

    /// <summary>Writes it atomically (temporary file, then rename), so a trial never reads half a manifest.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, JsonOptions.Indented));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a manifest; throws <see cref="InvalidDataException"/> naming the file when it cannot be used.</summary>
    public static SweepManifest Read(string path)
    {
        SweepManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a sweep manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Trials is null)
            throw new InvalidDataException($"{path} is an empty sweep manifest.");
        if (manifest.Format != CurrentFormat)
            throw new InvalidDataException($"{path} has manifest format {manifest.Format}; this host reads format {CurrentFormat}. Start the sweep again with this version.");
        return manifest;
    }
}
