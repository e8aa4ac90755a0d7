namespace Framework.Host.Experiments;

/// <summary>How a top-level section of an experiment file is read.</summary>
internal enum ExperimentSectionKind
{
    /// <summary>A single string (<c>name</c>, <c>description</c>); may be null.</summary>
    Text,

    /// <summary>A plugin chosen by <c>plugin: NAME</c> plus that plugin's options (<c>model</c>, <c>dataset</c>).</summary>
    Plugin,

    /// <summary>An options class of the host itself (<c>training</c>, <c>tracking</c>).</summary>
    Settings,

    /// <summary>The <c>sweep</c> section: settings plus parameters whose values become trials (see <see cref="Sweeps.SweepSpecReader"/>).</summary>
    Sweep,
}
