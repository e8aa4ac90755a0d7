using TorchSharp.Modules;

namespace Framework.Plugins.Vae.Training;

/// <summary>A parameter and the way to put another in its place (a layer's weight setter, say).</summary>
/// <param name="Name">The parameter's name, for messages.</param>
/// <param name="Current">The parameter now in use.</param>
/// <param name="Replace">Installs a replacement in the owning module.</param>
internal sealed record ParameterSlot(string Name, Parameter Current, Action<Parameter> Replace);
