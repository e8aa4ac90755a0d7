namespace Framework.Host.Sweeps.Slurm;

/// <summary>One job submitted for a sweep, as recorded in the sweep folder's <c>submissions.jsonl</c>.</summary>
/// <param name="JobId">Slurm's job id.</param>
/// <param name="Kind"><c>array</c> (trials) or <c>finalize</c> (the summary job that depends on them).</param>
/// <param name="Offset">For an array: added to the task id to get the trial index.</param>
/// <param name="Indices">For an array: the trial indices it runs.</param>
/// <param name="SubmittedAt">When it was submitted (UTC).</param>
internal sealed record SlurmSubmission(string JobId, string Kind, int Offset, IReadOnlyList<int> Indices, DateTimeOffset SubmittedAt)
{
    public const string ArrayKind = "array";
    public const string FinalizeKind = "finalize";
}
