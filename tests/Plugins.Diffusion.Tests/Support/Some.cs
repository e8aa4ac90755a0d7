using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion.Tests.Support;

/// <summary>Small inputs for the tests.</summary>
internal static class Some
{
    /// <summary>A noise predictor that depends on x and t in a non-trivial way, so that samplers are compared on more
    /// than eps = 0.</summary>
    public static Tensor NoisePredictor(Tensor x, Tensor t) =>
        0.8 * sin(2 * x) + 0.3 * cos(t.to(float32) / 37).view(-1, 1) * x;

    /// <summary>8-bit-like images [n, 1, 8, 8] in [0, 1] (multiples of 1/255): blurred random blobs.</summary>
    public static Dataset Images(int train = 64, int test = 16, long seed = 3)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        Tensor Draw(int count)
        {
            var noise = rand([count, 1, 8, 8], generator: generator);
            var blurred = nn.functional.avg_pool2d(noise, 3, stride: 1, padding: 1);
            return (blurred * 255).round() / 255;
        }

        var trainX = Draw(train).MoveToOuterDisposeScope();
        var testX = Draw(test).MoveToOuterDisposeScope();
        return new Dataset(trainX, testX, ValueRange.Unit);
    }

    /// <summary>Options of a tiny MLP model with T = <paramref name="timesteps"/>.</summary>
    public static DiffusionOptions TinyMlp(int timesteps = 20) => new()
    {
        Architecture = DiffusionArchitecture.Mlp,
        Timesteps = timesteps,
        Hidden = [32],
        TimeEmbedding = 16,
        VlbExamples = 32,
        VlbTimesteps = 2,
        TrajectorySamples = 2,
        TrajectoryFrames = 4,
    };

    /// <summary>Options of a tiny U-Net (8 channels, two levels, attention at 4x4) with T = <paramref name="timesteps"/>.</summary>
    public static DiffusionOptions TinyUnet(int timesteps = 20) => new()
    {
        Architecture = DiffusionArchitecture.Unet,
        Timesteps = timesteps,
        Channels = 8,
        ChannelMultipliers = [1, 2],
        Groups = 4,
        VlbExamples = 8,
        VlbTimesteps = 1,
        TrajectorySamples = 2,
        TrajectoryFrames = 4,
    };
}
