namespace Framework.Host.Training.Parts;

/// <summary>A part that hangs on the training loop (as Lightning's callbacks do): it is told about steps, epochs and
/// evaluations, and may keep state that the checkpoint carries.</summary>
internal interface ITrainingPart
{
    /// <summary>The name of the part's checkpoint section, or null for a part without state.</summary>
    string? StateName => null;

    /// <summary>After each training step, still inside its dispose scope.</summary>
    /// <param name="state">The loop's state (the step already counted).</param>
    /// <param name="readBack">Whether the loop reads this step's metrics (every <c>log_every</c> steps and at epoch ends).</param>
    void AfterStep(LoopState state, bool readBack)
    {
    }

    /// <summary>After each evaluation during training (not the final one).</summary>
    void AfterEvaluation(LoopState state, IReadOnlyDictionary<string, double> metrics)
    {
    }

    /// <summary>Writes the part's state into its checkpoint section.</summary>
    void Save(BinaryWriter writer)
    {
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader)
    {
    }
}
