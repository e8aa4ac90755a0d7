using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Networks;

/// <summary>Batch-norm statistics recomputed for the generator's current weights while a sampling or evaluation call
/// runs, and the running statistics of training put back afterwards, so that training and checkpoints never see them.</summary>
internal sealed class RecalibratedStatistics : IDisposable
{
    private readonly Tensor[] _buffers;
    private readonly Tensor[] _saved;

    private RecalibratedStatistics(GeneratorNetwork generator, Tensor noise)
    {
        _buffers = generator.buffers().ToArray();
        _saved = _buffers.Select(b => b.clone().DetachFromDisposeScope()).ToArray();
        generator.Recalibrate(noise);
    }

    /// <summary>Recalibrates <paramref name="generator"/> on <paramref name="count"/> noise draws until the result is
    /// disposed; does nothing for a generator without batch norm.</summary>
    public static IDisposable? Apply(GeneratorNetwork generator, int count, Generator random)
    {
        if (!generator.HasBatchNorm)
            return null;
        var device = generator.parameters().First().device;
        using var noise = generator.Latent.Draw(count, device, random);
        return new RecalibratedStatistics(generator, noise);
    }

    public void Dispose()
    {
        using (no_grad())
            for (var i = 0; i < _buffers.Length; i++)
                _buffers[i].copy_(_saved[i]);
        foreach (var saved in _saved)
            saved.Dispose();
    }
}
