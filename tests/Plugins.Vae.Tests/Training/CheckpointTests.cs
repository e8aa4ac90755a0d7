using Framework.Contracts.Data;
using Framework.Plugins.Idx;
using Framework.Plugins.Vae.Tests.Support;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

public sealed class CheckpointTests
{
    [Fact]
    public void ALoadedStateGivesIdenticalOutputsAndContinuesTrainingIdentically()
    {
        using var original = new VaeRun(FashionMnistSubset.Load(1000, 200), new VaeOptions { IwaeSamples = 5, LogImages = false }, seed: 1);
        original.Train(epochs: 1);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            original.SaveState(writer);

        using var restored = new VaeRun(FashionMnistSubset.Load(1000, 200), new VaeOptions { IwaeSamples = 5, LogImages = false }, seed: 2);
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer))
            restored.LoadState(reader);
        restored.Step.GlobalStep = original.Step.GlobalStep;

        // Same generator state on both sides, then the same calls.
        original.Generator.manual_seed(7);
        restored.Generator.manual_seed(7);
        Assert.Equal(Samples(original), Samples(restored));
        Assert.Equal(original.Evaluate(isFinal: true), restored.Evaluate(isFinal: true));
        Assert.Equal(original.Train(epochs: 1), restored.Train(epochs: 1));
        Assert.Equal(Parameters(original), Parameters(restored));
    }

    [Fact]
    public void AStateOfADifferentArchitectureIsRefusedWithBothShapes()
    {
        using var small = new VaeRun(FashionMnistSubset.Load(128, 10), new VaeOptions { LatentDim = 5, LogImages = false });
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            small.Model.SaveState(writer);
        using var other = new VaeRun(FashionMnistSubset.Load(128, 10), new VaeOptions { LatentDim = 8, LogImages = false });
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        var error = Assert.Throws<InvalidDataException>(() => other.Model.LoadState(reader));

        Assert.Contains("latent size 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("latent size 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrainingStepLeavesNoTensorBehind()
    {
        using var run = new VaeRun(FashionMnistSubset.Load(256, 64, ImageShape.Image), new VaeOptions { Architecture = VaeArchitecture.Conv, LogImages = false });
        var batch = run.Data.TrainX.narrow(0, 0, 32);
        using (var warmUp = NewDisposeScope())
            run.Model.TrainStep(new Batch(batch, null), run.Step);
        var live = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            run.Model.TrainStep(new Batch(batch, null), run.Step);
        }

        using (var scope = NewDisposeScope())
            run.Evaluate();
        Assert.Equal(live, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private static float[] Samples(VaeRun run)
    {
        using var scope = NewDisposeScope();
        return run.Model.Sample(16, run.Step).data<float>().ToArray();
    }

    private static float[] Parameters(VaeRun run)
    {
        using var scope = NewDisposeScope();
        return cat(run.Vae.Network.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
