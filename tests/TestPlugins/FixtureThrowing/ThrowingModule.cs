using Autofac;

namespace FixtureThrowing;

/// <summary>A plugin whose registration fails, as a misconfigured real plugin's would.</summary>
public sealed class ThrowingModule : Module
{
    protected override void Load(ContainerBuilder builder) =>
        throw new InvalidOperationException("fixture registration fails on purpose");
}
