using Framework.Contracts.Data;
using Framework.Plugins.Vae.Networks;

namespace Framework.Plugins.Vae;

/// <summary>Checks what the schema cannot: option values that only make sense together, or with the chosen data.</summary>
internal static class VaeModelValidation
{
    public static void Check(VaeOptions options, Dataset data)
    {
        var shape = data.SampleShape;
        RequirePositive(options.Hidden, "hidden");
        RequirePositive(options.ConvDense, "conv_dense");
        if (options.Architecture == VaeArchitecture.Conv)
        {
            if (SampleGeometry.AsImage(shape) is null)
                throw new ArgumentException(
                    $"model.architecture conv needs image examples ([channels, height, width], [height, width] or a square vector), " +
                    $"but the dataset's examples are {SampleGeometry.Describe(shape)}; use architecture: mlp, or image-shaped data.");
            if (options.ConvChannels.Length == 0)
                throw new ArgumentException("model.conv_channels is empty; the conv architecture needs at least one convolution, e.g. [32, 64].");
            RequirePositive(options.ConvChannels, "conv_channels");
            if (options.KernelSize % 2 == 0 || options.KernelSize < 1)
                throw new ArgumentException($"model.kernel_size must be odd so that 'same' padding is symmetric; got {options.KernelSize}.");
        }

        // Binary data with other values (spins ±1) is coded to {0, 1} for the Bernoulli decoder (TwoValueCoding).
        if (options.Likelihood == DecoderDistribution.Bernoulli && !data.IsBinary && (data.ValueRange.Min < 0 || data.ValueRange.Max > 1))
            throw new ArgumentException(
                $"model.likelihood bernoulli needs data in [0, 1] or two-valued data, but the dataset's values lie in [{data.ValueRange.Min}, {data.ValueRange.Max}]; " +
                "use likelihood: gaussian, or a dataset scaled to [0, 1].");
    }

    private static void RequirePositive(int[] sizes, string key)
    {
        var bad = Array.FindIndex(sizes, s => s <= 0);
        if (bad >= 0)
            throw new ArgumentException($"model.{key}[{bad}] is {sizes[bad]}; layer sizes must be positive.");
    }
}
