using Framework.Contracts.Training;
using Framework.Plugins.Vae.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The in-place optimiser follows the same update rules as TorchSharp's (PyTorch's) optimisers.</summary>
public sealed class InPlaceOptimizerTests
{
    [Theory]
    [InlineData("adam", 0.0, 0.0, false)]
    [InlineData("adam", 0.01, 0.0, false)]
    [InlineData("adamw", 0.05, 0.0, false)]
    [InlineData("adam", 0.01, 0.0, true)]     // a large buffer whose length is not a multiple of the vector width
    [InlineData("adamw", 0.05, 0.0, true)]
    [InlineData("sgd", 0.0, 0.0, false)]
    [InlineData("sgd", 0.01, 0.9, false)]
    public void ItTakesTheSameStepsAsTorchSharpsOptimizer(string name, double weightDecay, double momentum, bool large)
    {
        using var scope = NewDisposeScope();
        var threads = get_num_threads();
        set_num_threads(2);
        var settings = new OptimizerSettings(name, LearningRate: 0.05, Momentum: momentum, WeightDecay: weightDecay, Beta2: 0.99);
        using var generator = new Generator(2);
        var start = large
            ? new[] { randn([301, 457], generator: generator), randn([13], generator: generator) }
            : new[] { randn([7, 5], generator: generator), randn([5], generator: generator) };
        var ours = start.Select(t => new Parameter(t.clone())).ToArray();
        var theirs = start.Select(t => new Parameter(t.clone())).ToArray();
        using var flat = Flatten(ours);
        using var inPlace = new InPlaceOptimizer(flat, settings);
        using var reference = settings.Create(theirs);

        for (var step = 0; step < 6; step++)
        {
            var gradients = start.Select(t => randn(t.shape, generator: generator)).ToArray();
            inPlace.ZeroGrad();
            reference.zero_grad();
            for (var i = 0; i < gradients.Length; i++)
            {
                using (no_grad())
                    ours[i].grad!.copy_(gradients[i]);
                theirs[i].grad = gradients[i].clone();
            }

            inPlace.Step();
            reference.step();
        }

        set_num_threads(threads);
        for (var i = 0; i < ours.Length; i++)
            Assert.True(ours[i].allclose(theirs[i], rtol: 1e-5, atol: 1e-6), $"{name}: parameter {i} differs by {(ours[i] - theirs[i]).abs().max().item<float>()}");
    }

    [Fact]
    public void ClippingFromTheSettingsBoundsTheGradientNorm()
    {
        using var scope = NewDisposeScope();
        Parameter[] parameter = [new Parameter(zeros(4))];
        using var flat = Flatten(parameter);
        using var optimizer = new InPlaceOptimizer(flat, new OptimizerSettings("sgd", LearningRate: 1.0, GradientClip: 0.5));

        using (no_grad())
            flat.Gradients.copy_(tensor(new[] { 3.0f, 0, 4.0f, 0 }));
        optimizer.Step();

        // Gradient (3, 0, 4, 0) has norm 5; clipped to 0.5 it is (0.3, 0, 0.4, 0), and one SGD step of rate 1 subtracts it.
        Assert.True(parameter[0].allclose(tensor(new[] { -0.3f, 0, -0.4f, 0 }), atol: 1e-5));
    }

    [Fact]
    public void ItsStateRoundTripsThroughAStream()
    {
        using var scope = NewDisposeScope();
        using var first = Flatten([new Parameter(ones(3))]);
        using var second = Flatten([new Parameter(ones(3))]);
        var settings = new OptimizerSettings("adam", LearningRate: 0.1);
        using var original = new InPlaceOptimizer(first, settings);
        using var restored = new InPlaceOptimizer(second, settings);
        using (no_grad())
            first.Gradients.copy_(tensor(new[] { 1.0f, -2.0f, 0.5f }));
        original.Step();

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            original.Save(writer);
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer))
            restored.Load(reader);
        using (no_grad())
        {
            second.Values.copy_(first.Values);
            first.Gradients.copy_(tensor(new[] { 0.3f, 0.3f, -1.0f }));
            second.Gradients.copy_(tensor(new[] { 0.3f, 0.3f, -1.0f }));
        }

        original.Step();
        restored.Step();

        Assert.Equal(first.Values.data<float>().ToArray(), second.Values.data<float>().ToArray());
        Assert.Equal(2, restored.Steps);
    }

    /// <summary>Moves the parameters into a flat buffer, putting the views back into the array.</summary>
    private static FlatParameters Flatten(Parameter[] parameters) =>
        FlatParameters.Adopt(parameters.Select((p, i) => new ParameterSlot($"p{i}", p, replacement => parameters[i] = replacement)).ToList());
}
