namespace Framework.Host.Experiments;

/// <summary>Which list of the plugin catalog a plugin section chooses from.</summary>
internal enum PluginRole
{
    /// <summary>Model plugins (<c>rbm</c>, <c>vae</c>).</summary>
    Model,

    /// <summary>Dataset plugins (<c>mnist</c>, <c>ising</c>).</summary>
    Dataset,
}
