using Framework.Plugins.Gan.Networks;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Networks;

/// <summary>The DCGAN generator's sampling path (batch norms folded into the layers before them, biases added after the
/// transposed convolutions, activations in place) computes what its plain forward computes.</summary>
public sealed class GeneratorInferenceTests
{
    [Fact]
    public void FoldedSamplingEqualsThePlainForwardInEvalMode()
    {
        using var networks = GanNetworks.Create(new GanOptions { Architecture = GanArchitecture.Dcgan, Loss = GanLoss.Bce, LatentDim = 64 }, [1, 28, 28], CPU);
        var generator = networks.Generator;
        using var z = randn(300, 64, generator: new Generator(7));
        GiveEveryNormAndBiasValuesOfItsOwn(generator);
        generator.eval();

        using var noGrad = no_grad();
        using var plain = generator.forward(z);
        using var folded = generator.Infer(z);

        Assert.Equal(plain.shape, folded.shape);
        Assert.True(folded.allclose(plain, rtol: 1e-4, atol: 1e-5), $"largest difference {(folded - plain).abs().max().item<float>()}");
    }

    [Fact]
    public void InTrainingModeOrWithGradientsSamplingIsThePlainForward()
    {
        using var networks = GanNetworks.Create(new GanOptions { Architecture = GanArchitecture.Dcgan, Loss = GanLoss.Bce, LatentDim = 64 }, [1, 28, 28], CPU);
        var generator = networks.Generator;
        using var z = randn(16, 64, generator: new Generator(3));
        GiveEveryNormAndBiasValuesOfItsOwn(generator);

        // Training mode normalises by the batch's statistics, which folding running statistics would not do.
        using var inTraining = generator.Infer(z);
        Assert.True(inTraining.requires_grad);
        generator.eval();
        using var withGradient = generator.Infer(z);
        Assert.True(withGradient.requires_grad);
    }

    /// <summary>Fresh batch norms are identities (mean 0, variance 1, scale 1, shift 0) and biases start at 0, under which
    /// a wrong fold would still pass: give each its own values.</summary>
    private static void GiveEveryNormAndBiasValuesOfItsOwn(nn.Module generator)
    {
        using var noGrad = no_grad();
        var draws = new Generator(11);
        foreach (var (name, buffer) in generator.named_buffers().Where(b => b.buffer.is_floating_point()))
            buffer.copy_(name.EndsWith("running_var", StringComparison.Ordinal) ? rand(buffer.shape, generator: draws) + 0.5 : randn(buffer.shape, generator: draws) * 0.3);
        foreach (var (name, parameter) in generator.named_parameters().Where(p => p.name.StartsWith("bn", StringComparison.Ordinal) || p.name.EndsWith("bias", StringComparison.Ordinal)))
            parameter.copy_(randn(parameter.shape, generator: draws) * 0.5 + (name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0));
    }
}
