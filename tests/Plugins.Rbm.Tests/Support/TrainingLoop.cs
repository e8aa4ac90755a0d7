using Framework.Contracts.Data;
using Framework.Contracts.Models;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Tests.Support;

/// <summary>What the host's trainer does, reduced to its core: shuffle by index each epoch, one dispose scope per
/// step, counters advanced after each step.</summary>
internal static class TrainingLoop
{
    /// <summary>Trains for the context's epochs and returns the last step's loss.</summary>
    public static double Run(IModel model, RunContext context)
    {
        var train = context.Data.TrainX;
        var count = train.shape[0];
        var loss = double.NaN;
        for (var epoch = 0; epoch < context.Epochs; epoch++)
        {
            context.Epoch = epoch;
            using var order = randperm(count, generator: context.Generator);
            for (var start = 0L; start < count; start += context.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = order.narrow(0, start, Math.Min(context.BatchSize, count - start));
                context.Services.BeginStep(context.GlobalStep, lastBatchOfEpoch: start + context.BatchSize >= count);
                var output = model.TrainStep(new Batch(train.index_select(0, indices), null), context);
                context.GlobalStep++;
                if (start + context.BatchSize >= count)
                    loss = output.Scalars[StepOutput.LossName].item<float>();
            }
        }
        return loss;
    }
}
