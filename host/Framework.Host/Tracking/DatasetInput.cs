namespace Framework.Host.Tracking;

/// <summary>One MLflow dataset input of a run: the dataset as MLflow's <c>datasets</c> table holds it, and the input's tags.</summary>
/// <param name="Name">The dataset's name (at most 500 characters).</param>
/// <param name="Digest">A digest of the data (at most 36 characters); with the name and experiment it identifies the dataset row.</param>
/// <param name="SourceType">MLflow's source type, such as <c>local</c> or <c>code</c> (at most 36 characters).</param>
/// <param name="Source">The source as JSON text.</param>
/// <param name="Schema">The schema as JSON text, or null.</param>
/// <param name="Profile">The profile (counts, shapes) as JSON text, or null.</param>
/// <param name="Tags">The input's tags, such as <c>mlflow.data.context</c> = <c>training</c>.</param>
internal sealed record DatasetInput(
    string Name,
    string Digest,
    string SourceType,
    string Source,
    string? Schema,
    string? Profile,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The input tag MLflow's <c>log_input(dataset, context=...)</c> sets, which the UI shows beside the dataset.</summary>
    public const string ContextTag = "mlflow.data.context";

    /// <summary>Throws <see cref="ArgumentException"/> for values MLflow's columns cannot hold.</summary>
    public void Validate()
    {
        static void Check(string? value, int max, string what)
        {
            if (string.IsNullOrEmpty(value))
                throw new ArgumentException($"A dataset input needs a {what}.");
            if (value.Length > max)
                throw new ArgumentException($"Dataset {what} '{value[..Math.Min(value.Length, 60)]}...' is {value.Length} characters; MLflow keeps at most {max}.");
        }

        Check(Name, 500, "name");
        Check(Digest, 36, "digest");
        Check(SourceType, 36, "source type");
        // MLflow's limits (mlflow/utils/validation.py), which its server checks.
        Check(Source, 65_535, "source");
        if (Schema?.Length > 1_048_575 || Profile?.Length > 16_777_215)
            throw new ArgumentException($"The schema or profile of dataset '{Name}' is longer than MLflow keeps.");
        foreach (var (key, value) in Tags)
        {
            Check(key, 255, "tag name");
            Check(value, 500, "tag value");
        }
    }
}
