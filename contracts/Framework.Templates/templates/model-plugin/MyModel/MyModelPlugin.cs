using Autofac;
using Framework.Contracts.Models;

namespace MyModel;

/// <summary>The <c>my-model</c> model family: what experiment files name in <c>model.plugin</c>.</summary>
public sealed class MyModelPlugin : ModelPlugin<MyModelOptions>
{
    /// <inheritdoc />
    public override string Name => "my-model";

    /// <inheritdoc />
    public override string Description => "A mixture of Bernoulli distributions over the data's values, fitted by maximum likelihood.";

    /// <inheritdoc />
    protected override IModel Create(MyModelOptions options, IModelContext context) => new BernoulliMixture(options, context);
}

/// <summary>The host runs every Autofac module of a plugin's assembly: this one registers the plugin.</summary>
public sealed class MyModelModule : Module
{
    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder) =>
        builder.RegisterType<MyModelPlugin>().As<IModelPlugin>().SingleInstance();
}
