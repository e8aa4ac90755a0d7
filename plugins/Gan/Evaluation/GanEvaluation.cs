using Framework.Contracts.Training;
using Framework.Plugins.Gan.Objectives;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Evaluation;

/// <summary>What a GAN can honestly say about itself on held-out data without a likelihood: how its discriminator
/// scores the test set against fresh samples, and how far the samples lie from the test set.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><c>test/d_real</c>, <c>test/d_fake</c>: the discriminator's mean probability of "real" (bce) or
/// mean critic value (hinge, wgan_gp) on the test set and on fresh samples; with <c>train/d_real</c> they show whether
/// D has learnt the training set rather than the distribution.</description></item>
/// <item><description><c>test/loss_d</c>: the discriminator's loss on test data against fresh samples (no penalty);
/// for wgan_gp its negative is the critic's estimate of the Wasserstein distance.</description></item>
/// <item><description><c>test/nn_distance</c>: the mean distance from a sample to its nearest test example, in the
/// data's units; <c>test/nn_distance_data</c> is the same for as many training examples, the value of a generator
/// that draws from the data distribution itself.</description></item>
/// </list>
/// Sample quality on images (the Fréchet distance) is the dataset's observable of the host's samples.
/// </remarks>
internal sealed class GanEvaluation(GanOptions options, IGanObjective objective, DataScale scale)
{
    private double? _dataDistance;

    public Dictionary<string, double> Run(IEvaluationContext context, nn.Module<Tensor, Tensor> discriminator,
                                          Func<long, Tensor> draw, Func<Tensor, Tensor> toNetwork)
    {
        var test = context.Data.TestX;
        var samples = draw(options.EvalSamples);
        var onReal = Discriminate(discriminator, test, toNetwork, context.EvaluationBatchSize);
        var onFake = Discriminate(discriminator, samples, toNetwork, context.EvaluationBatchSize);

        var pool = options.NeighbourPool > 0 && options.NeighbourPool < test.shape[0] ? test.narrow(0, 0, options.NeighbourPool) : test;
        var train = context.Data.TrainX;
        _dataDistance ??= NearestNeighbours.MeanDistance(train.narrow(0, 0, Math.Min(options.EvalSamples, train.shape[0])), pool);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["test/d_real"] = objective.Score(onReal).item<float>(),
            ["test/d_fake"] = objective.Score(onFake).item<float>(),
            ["test/loss_d"] = objective.Discriminator(onReal, onFake).item<float>(),
            ["test/nn_distance"] = NearestNeighbours.MeanDistance(samples, pool),
            ["test/nn_distance_data"] = _dataDistance.Value,
        };
    }

    /// <summary>D's outputs on examples in the data's range, in batches.</summary>
    private Tensor Discriminate(nn.Module<Tensor, Tensor> discriminator, Tensor examples, Func<Tensor, Tensor> toNetwork, int batchSize)
    {
        var outputs = new List<Tensor>();
        for (long start = 0; start < examples.shape[0]; start += batchSize)
        {
            var x = examples.narrow(0, start, Math.Min(batchSize, examples.shape[0] - start));
            outputs.Add(discriminator.forward(toNetwork(scale.ToNetwork(x))));
        }

        return cat(outputs, 0);
    }
}
