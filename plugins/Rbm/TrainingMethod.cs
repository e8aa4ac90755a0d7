namespace Framework.Plugins.Rbm;

/// <summary>Where the negative-phase Gibbs chains start.</summary>
public enum TrainingMethod
{
    /// <summary>Contrastive divergence: k Gibbs sweeps from each training example.</summary>
    Cd,

    /// <summary>Persistent contrastive divergence: chains that continue from one update to the next.</summary>
    Pcd,
}
