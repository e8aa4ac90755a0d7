using Framework.Contracts.Data;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

public sealed class ReparameterisationTests
{
    [Fact]
    public void ReconstructionGradientsReachBothTheMeanAndTheVarianceOfTheEncoder()
    {
        // With beta = 0 the KL term is out of the loss: any gradient on the encoder's log-variance outputs can only
        // have come through h = mu + sigma * eps into the decoder.
        using var run = new VaeRun(FashionMnistSubset.Load(256, 10), new VaeOptions { Beta = 0, LogImages = false });
        using var scope = NewDisposeScope();

        run.Model.TrainStep(new Batch(run.Data.TrainX.narrow(0, 0, 128), null), run.Step);

        var head = run.Vae.Network.named_parameters().Single(p => p.name == "encoder.posterior.weight").parameter;
        var gradient = head.grad!;
        var latent = run.Vae.Network.LatentDim;
        var meanRows = gradient.narrow(0, 0, latent).abs().sum().item<float>();
        var logVarianceRows = gradient.narrow(0, latent, latent).abs().sum().item<float>();
        Assert.True(meanRows > 0, "no gradient reached the posterior mean");
        Assert.True(logVarianceRows > 0, "no gradient reached the posterior log-variance: the reparameterisation is broken");
        var firstLayer = run.Vae.Network.named_parameters().Single(p => p.name == "encoder.fc0.weight").parameter;
        Assert.True(firstLayer.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void TheSampledLatentIsMeanPlusSigmaTimesTheSameNoise()
    {
        // Two models with equal weights and equal generators take identical steps; a third whose generator
        // differs takes a different one: the noise comes from the step's generator and nowhere else.
        using var first = new VaeRun(FashionMnistSubset.Load(256, 10), new VaeOptions { LogImages = false }, seed: 4);
        using var second = new VaeRun(FashionMnistSubset.Load(256, 10), new VaeOptions { LogImages = false }, seed: 4);
        using var scope = NewDisposeScope();
        var batch = new Batch(first.Data.TrainX.narrow(0, 0, 64), null);

        var a = first.Model.TrainStep(batch, first.Step).Scalars["train/loss"].item<float>();
        var b = second.Model.TrainStep(batch, second.Step).Scalars["train/loss"].item<float>();
        second.Generator.manual_seed(99);
        var c = second.Model.TrainStep(batch, second.Step).Scalars["train/loss"].item<float>();
        var d = first.Model.TrainStep(batch, first.Step).Scalars["train/loss"].item<float>();

        Assert.True(a == b, $"{a} {b} {c} {d}");
        Assert.NotEqual(c, d);
    }
}
