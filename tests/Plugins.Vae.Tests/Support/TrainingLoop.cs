using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>The host trainer's loop in miniature: shuffled batches by index on the device, one dispose scope per step.</summary>
internal static class TrainingLoop
{
    /// <summary>Trains for <paramref name="epochs"/> epochs and returns the mean training loss of each.</summary>
    public static List<double> Train(IModel model, Dataset data, TestStepContext context, int epochs, int batchSize, TrainingServices services)
    {
        var losses = new List<double>();
        var count = data.TrainX.shape[0];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(count, generator: context.Generator);
            var total = zeros(1, float64);
            for (long start = 0; start < count; start += batchSize)
            {
                using var stepScope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(batchSize, count - start));
                var batch = new Batch(data.TrainX.index_select(0, index), data.TrainY?.index_select(0, index));
                services.BeginStep(context.GlobalStep, lastBatchOfEpoch: start + batchSize >= count);
                var output = model.TrainStep(batch, context);
                total.add_(output.Scalars["train/loss"].to(float64) * batch.Size);
                context.GlobalStep++;
                services.EndStep(context.GlobalStep);
            }

            context.Epoch++;
            losses.Add(total.item<double>() / count);
        }

        return losses;
    }
}
