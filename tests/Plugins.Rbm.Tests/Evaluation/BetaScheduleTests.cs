using Framework.Plugins.Rbm.Evaluation;

namespace Framework.Plugins.Rbm.Tests.Evaluation;

public sealed class BetaScheduleTests
{
    [Theory]
    [InlineData(AisSchedule.Piecewise, 14_500)]
    [InlineData(AisSchedule.Piecewise, 1_000)]
    [InlineData(AisSchedule.Linear, 300)]
    public void TheScheduleRisesStrictlyFromZeroToOneInTheRequestedNumberOfSteps(AisSchedule schedule, int steps)
    {
        var betas = BetaSchedule.Create(schedule, steps);

        Assert.Equal(steps + 1, betas.Length);
        Assert.Equal(0.0, betas[0]);
        Assert.Equal(1.0, betas[^1]);
        Assert.All(betas.Zip(betas.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public void ThePiecewiseScheduleOfFourteenThousandFiveHundredStepsIsSalakhutdinovAndMurrays()
    {
        var betas = BetaSchedule.Create(AisSchedule.Piecewise, 14_500);

        Assert.Equal(1e-3, betas[1], 12);
        Assert.Equal(0.5, betas[500], 12);
        Assert.Equal(0.5001, betas[501], 12);
        Assert.Equal(0.9, betas[4_500], 12);
        Assert.Equal(0.90001, betas[4_501], 12);
    }
}
