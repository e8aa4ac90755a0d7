namespace Framework.Plugins.Rbm;

/// <summary>How the inverse temperatures of Annealed Importance Sampling are spaced.</summary>
public enum AisSchedule
{
    /// <summary>Salakhutdinov and Murray (2008): steps of 1e-3 up to 0.5, 1e-4 up to 0.9, 1e-5 up to 1, scaled to the step count.</summary>
    Piecewise,

    /// <summary>Evenly spaced.</summary>
    Linear,
}
