namespace Framework.Host.Sweeps.Slurm;

/// <summary>What a Slurm submission did.</summary>
/// <param name="Arrays">The array jobs submitted (none when every trial had FINISHED).</param>
/// <param name="FinalizeJob">The summary job that runs when the arrays end, or null.</param>
/// <param name="Script">The batch script.</param>
internal sealed record SlurmSubmitResult(IReadOnlyList<SlurmSubmission> Arrays, string? FinalizeJob, string? Script);
