using Framework.Contracts;

namespace Framework.Host.Tests.Support;

/// <summary>A plugin that only names an options type, for tests of what the host makes of options classes.</summary>
internal sealed class TestPluginWithOptions<TOptions>(string name) : IPlugin
{
    public string Name => name;

    public string Description => $"Declares {typeof(TOptions).Name}.";

    public Type OptionsType => typeof(TOptions);
}
