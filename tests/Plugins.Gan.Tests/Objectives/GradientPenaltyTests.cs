using Framework.Plugins.Gan.Objectives;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Tests.Objectives;

/// <summary>The WGAN-GP penalty E[(|grad D(x_hat)| - 1)^2] against a hand computation and finite differences.</summary>
public sealed class GradientPenaltyTests
{
    [Fact]
    public void ALinearCriticsPenaltyIsTheSquaredExcessOfItsWeightNorm()
    {
        // D(x) = w.x + b has gradient w everywhere: the penalty is (|w| - 1)^2 whatever the interpolates.
        using var critic = nn.Linear(3, 1);
        using (no_grad())
        {
            critic.weight!.copy_(tensor(new float[] { 2, -1, 2 }).reshape(1, 3));  // |w| = 3
            critic.bias!.fill_(0.7);
        }

        using var generator = new Generator(7);
        var real = randn([5, 3], generator: generator);
        var fake = randn([5, 3], generator: generator);

        var penalty = GradientPenalty.Of(critic, real, fake, GradientPenalty.Weights(real, generator));

        Assert.Equal(4.0, penalty.item<float>(), 5);
    }

    [Fact]
    public void ThePenaltysGradientReachesTheCriticsWeightsThroughTheInputGradient()
    {
        // d/dw (|w| - 1)^2 = 2 (|w| - 1) w / |w|: nonzero only because the input gradient is part of the graph (create_graph).
        using var critic = nn.Linear(3, 1);
        using (no_grad())
            critic.weight!.copy_(tensor(new float[] { 2, -1, 2 }).reshape(1, 3));
        using var generator = new Generator(7);
        var real = randn([4, 3], generator: generator);
        var fake = randn([4, 3], generator: generator);

        GradientPenalty.Of(critic, real, fake, GradientPenalty.Weights(real, generator)).backward();

        var expected = new[] { 2 * 2 * 2 / 3.0, 2 * 2 * -1 / 3.0, 2 * 2 * 2 / 3.0 };
        var actual = critic.weight!.grad!.reshape(3).data<float>().ToArray();
        for (var i = 0; i < 3; i++)
            Assert.Equal(expected[i], actual[i], 4);
    }

    [Fact]
    public void ANonlinearCriticsPenaltyMatchesFiniteDifferences()
    {
        // D(x) = sum_k v_k tanh(W x)_k: the gradient at each interpolate by central differences in double precision.
        using var critic = nn.Sequential(nn.Linear(4, 6, dtype: float64), nn.Tanh(), nn.Linear(6, 1, dtype: float64));
        using var generator = new Generator(11);
        var real = randn([3, 4], dtype: float64, generator: generator);
        var fake = randn([3, 4], dtype: float64, generator: generator);
        var epsilon = GradientPenalty.Weights(real, generator);

        var penalty = GradientPenalty.Of(critic, real, fake, epsilon).item<double>();

        var interpolates = epsilon * real + (1 - epsilon) * fake;
        const double h = 1e-5;
        var expected = 0.0;
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                var squared = 0.0;
                for (var j = 0; j < 4; j++)
                {
                    var step = zeros([1, 4], float64);
                    step[0, j] = h;
                    var point = interpolates[i].reshape(1, 4);
                    var derivative = (critic.forward(point + step) - critic.forward(point - step)).item<double>() / (2 * h);
                    squared += derivative * derivative;
                }

                expected += Math.Pow(Math.Sqrt(squared) - 1, 2) / 3;
            }
        }

        Assert.Equal(expected, penalty, 8);
    }
}
