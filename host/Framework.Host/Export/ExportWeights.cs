namespace Framework.Host.Export;

/// <summary>Which weights an export writes.</summary>
internal enum ExportWeights
{
    /// <summary>The weight average of <c>training.ema</c> where the run kept one (what evaluation and sampling used), else the trained weights.</summary>
    Averaged,

    /// <summary>The trained weights as the last step left them, even where an average exists.</summary>
    Raw,
}
