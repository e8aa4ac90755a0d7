namespace Framework.Host.Export;

/// <summary><c>tracking.export</c>: what a run writes of its model at its end, beside its checkpoint.</summary>
internal enum ExportFormat
{
    /// <summary>Nothing beyond the checkpoint.</summary>
    None,

    /// <summary>A PyTorch state_dict (<c>export/model.pt</c>) and its description (<c>export/model.json</c>); see docs/export-to-pytorch.md.</summary>
    Pytorch,
}
