using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace FixtureGan;

/// <summary>Points drawn from Gaussians placed evenly on the unit circle: the classic 2-D GAN toy.</summary>
public sealed class RingDatasetPlugin : DatasetPlugin<RingOptions>
{
    public override string Name => "gaussian-ring";

    public override string Description => "2-D mixture of Gaussians on the unit circle (generated, seeded).";

    protected override Dataset Load(RingOptions options, IDatasetContext context)
    {
        return new Dataset(Draw(options.TrainCount), Draw(options.TestCount), new ValueRange(-1.5, 1.5))
        {
            Layout = SampleLayout.Vector,
            Metadata = new Dictionary<string, string> { ["modes"] = options.Modes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

        Tensor Draw(int count)
        {
            var mode = randint(options.Modes, [count], generator: context.Generator).to(float32);
            var angle = mode * (2 * Math.PI / options.Modes);
            var centres = stack([cos(angle), sin(angle)], 1);
            return centres + randn(count, 2, generator: context.Generator) * options.Spread;
        }
    }
}
