using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>Machines with random parameters, for tests of the formulas rather than of training.</summary>
internal static class Machines
{
    public static BernoulliRbm RandomBernoulli(int visible, int hidden, double scale, long seed, ScalarType dtype = ScalarType.Float64)
    {
        var generator = new Generator((ulong)seed);
        return new BernoulliRbm(
            randn([visible, hidden], dtype: dtype, generator: generator) * scale,
            randn([visible], dtype: dtype, generator: generator) * scale,
            randn([hidden], dtype: dtype, generator: generator) * scale);
    }

    public static GaussianBernoulliRbm RandomGaussian(int visible, int hidden, double scale, long seed, bool learnSigma, ScalarType dtype = ScalarType.Float64)
    {
        var generator = new Generator((ulong)seed);
        return new GaussianBernoulliRbm(
            randn([visible, hidden], dtype: dtype, generator: generator) * scale,
            randn([visible], dtype: dtype, generator: generator) * scale,
            randn([hidden], dtype: dtype, generator: generator) * scale,
            (rand([visible], dtype: dtype, generator: generator) - 0.5) * 0.5,
            learnSigma);
    }
}
