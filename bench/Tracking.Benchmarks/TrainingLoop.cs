using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Tracking.Benchmarks;

/// <summary>
/// A realistic small training loop: a 784-256-64-256-784 autoencoder on MNIST-sized random batches of 64, Adam,
/// one dispose scope per step, the loss read back to the CPU every step (as logging every step requires).
/// </summary>
internal sealed class TrainingLoop : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _data;
    private readonly int _batch;

    public TrainingLoop(int examples, int batch, long seed)
    {
        manual_seed(seed);
        _batch = batch;
        _model = nn.Sequential(
            nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU(),
            nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid());
        _optimizer = optim.Adam(_model.parameters(), lr: 1e-3);
        _data = rand(examples, 784);
    }

    /// <summary>Runs <paramref name="steps"/> training steps; <paramref name="afterStep"/> gets the step and its scalars.</summary>
    public void Run(int steps, Action<long, double, double>? afterStep)
    {
        var batches = _data.shape[0] / _batch;
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var start = step % batches * _batch;
            var x = _data.narrow(0, start, _batch);
            var reconstruction = _model.call(x);
            var loss = nn.functional.binary_cross_entropy(reconstruction, x);
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
            var lossValue = loss.item<float>();
            afterStep?.Invoke(step, lossValue, lossValue * 784);
        }
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _data.Dispose();
    }
}
