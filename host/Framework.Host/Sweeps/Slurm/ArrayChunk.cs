namespace Framework.Host.Sweeps.Slurm;

/// <summary>One array job's share of a sweep: trial <c>Offset + task id</c> for each task id of its array.</summary>
/// <param name="Offset">Added to <c>SLURM_ARRAY_TASK_ID</c> to get the trial index.</param>
/// <param name="Indices">The trial indices it runs.</param>
internal sealed record ArrayChunk(int Offset, IReadOnlyList<int> Indices)
{
    /// <summary>The <c>--array</c> value (without throttle): task ids as ranges, <c>0-3,5,7-9</c>.</summary>
    public string TaskSpec => ArraySpec.Compress(Indices.Select(i => i - Offset));
}
