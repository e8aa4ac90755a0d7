namespace Framework.Plugins.Gan;

/// <summary>The adversarial objective.</summary>
public enum GanLoss
{
    /// <summary>The non-saturating loss of Goodfellow et al. 2014 with binary cross-entropy on logits.</summary>
    Bce,

    /// <summary>The hinge loss (Lim and Ye 2017; Miyato et al. 2018).</summary>
    Hinge,

    /// <summary>The Wasserstein loss with a gradient penalty on interpolates (Gulrajani et al. 2017).</summary>
    WganGp,
}
