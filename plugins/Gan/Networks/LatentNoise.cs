using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>
/// The generator's input: z ~ N(0, I) of size <paramref name="Gaussian"/>, then, when <paramref name="Categories"/> &gt; 0,
/// a code c ~ U{0, ..., Categories - 1} one-hot. A continuous z reaches a connected set of outputs, so data whose support
/// falls into separate pieces (the all-up and all-down states of an ordered Ising lattice) gets samples between the
/// pieces; a discrete code lets each piece have its own value of c (as in Khayatkhoei et al. 2018 and InfoGAN's codes).
/// </summary>
internal sealed record LatentNoise(int Gaussian, int Categories)
{
    /// <summary>The width of the generator's input.</summary>
    public int Size => Gaussian + Categories;

    public Tensor Draw(long count, Device device, Generator? generator)
    {
        var z = randn([count, Gaussian], device: device, generator: generator);
        if (Categories == 0)
            return z;
        var code = randint(Categories, [count], generator: generator).to(device);
        return cat([z, nn.functional.one_hot(code, Categories).to(z.dtype)], 1);
    }
}
