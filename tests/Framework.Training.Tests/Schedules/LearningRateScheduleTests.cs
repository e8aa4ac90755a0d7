using Framework.Training.Options;
using Framework.Training.Schedules;

namespace Framework.Training.Tests.Schedules;

public sealed class LearningRateScheduleTests
{
    private static readonly TrainingClock Clock = new(StepsPerEpoch: 10, Epochs: 10);

    private static double[] Factors(ScheduleOptions options) =>
        Enumerable.Range(0, (int)Clock.TotalSteps).Select(t => new LearningRateSchedule(options, Clock).FactorAt(t)).ToArray();

    [Fact]
    public void AConstantScheduleWithoutWarmUpNeverVaries()
    {
        var schedule = new LearningRateSchedule(new ScheduleOptions(), Clock);
        Assert.False(schedule.Varies);
        Assert.All(Factors(new ScheduleOptions()), f => Assert.Equal(1.0, f));
    }

    [Fact]
    public void TheWarmUpRisesLinearlyFromItsStartFactorAndReachesTheBaseRateOnItsLastStep()
    {
        var f = Factors(new ScheduleOptions { Name = ScheduleName.Cosine, WarmupEpochs = 1, WarmupStartFactor = 0.1 });
        Assert.Equal(0.1 + 0.9 * 1 / 10.0, f[0], 12);
        Assert.Equal(0.1 + 0.9 * 5 / 10.0, f[4], 12);
        Assert.Equal(1.0, f[9], 12);
        Assert.Equal(1.0, f[10], 12);  // the cosine starts at its top
    }

    [Fact]
    public void WarmUpStepsAndEpochsMeanTheSameLength()
    {
        Assert.Equal(Factors(new ScheduleOptions { Name = ScheduleName.Linear, WarmupSteps = 15 }),
            Factors(new ScheduleOptions { Name = ScheduleName.Linear, WarmupEpochs = 1.5 }));
    }

    [Fact]
    public void CosineAndLinearDecayToTheirFinalFactorOverTheStepsAfterTheWarmUp()
    {
        var cosine = Factors(new ScheduleOptions { Name = ScheduleName.Cosine, FinalFactor = 0.05 });
        var linear = Factors(new ScheduleOptions { Name = ScheduleName.Linear, FinalFactor = 0.05 });
        Assert.Equal(1.0, cosine[0], 12);
        Assert.Equal(0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * 50 / 100)), cosine[50], 12);
        Assert.Equal(1 + (0.05 - 1) * 99 / 100.0, linear[99], 12);
        Assert.True(cosine.Zip(cosine.Skip(1)).All(p => p.Second <= p.First));
    }

    [Fact]
    public void ExponentialMultipliesByGammaOncePerEpoch()
    {
        var f = Factors(new ScheduleOptions { Name = ScheduleName.Exponential, Gamma = 0.9 });
        Assert.Equal(1.0, f[9]);
        Assert.Equal(0.9, f[10], 12);
        Assert.Equal(Math.Pow(0.9, 9), f[99], 12);
    }

    [Fact]
    public void StepDropsEveryStepEpochsOrAtItsMilestones()
    {
        var every = Factors(new ScheduleOptions { Name = ScheduleName.Step, Gamma = 0.5, StepEpochs = 3 });
        Assert.Equal([1.0, 1.0, 0.5, 0.25], new[] { every[0], every[29], every[30], every[60] });
        var milestones = Factors(new ScheduleOptions { Name = ScheduleName.Step, Gamma = 0.1, Milestones = [2, 7] });
        Assert.Equal(1.0, milestones[19]);
        Assert.Equal(0.1, milestones[20], 12);
        Assert.Equal(0.01, milestones[70], 12);
    }

    [Fact]
    public void OneCycleRisesAlongACosineOverThirtyPercentThenFallsToItsFinalFactor()
    {
        var f = Factors(new ScheduleOptions { Name = ScheduleName.OneCycle, WarmupStartFactor = 0.04, FinalFactor = 1e-4 });
        Assert.Equal(1.0, f[29], 12);  // the peak ends the rise, 30 of 100 steps
        Assert.True(f[0] < 0.05);
        Assert.True(f[14] < 0.6 && f[14] > 0.4);
        Assert.Equal(1e-4 + (1 - 1e-4) * 0.5 * (1 + Math.Cos(Math.PI * 69 / 70)), f[99], 12);
    }

    [Fact]
    public void AMomentumWarmUpHoldsItsStartValueThenSwitchesOrRampsToTheOptimisersMomentum()
    {
        var step = new MomentumSchedule(new MomentumWarmupOptions { Start = 0.5, Epochs = 5 }, 0.9, Clock);
        Assert.True(step.Varies);
        Assert.Equal(0.5, step.At(49));
        Assert.Equal(0.9, step.At(50));
        var ramp = new MomentumSchedule(new MomentumWarmupOptions { Start = 0.5, Steps = 10, Shape = MomentumWarmupShape.Linear }, 0.9, Clock);
        Assert.Equal(0.5, ramp.At(0));
        Assert.Equal(0.7, ramp.At(5), 12);
        Assert.Equal(0.9, ramp.At(10));
        Assert.False(new MomentumSchedule(new MomentumWarmupOptions(), 0.9, Clock).Varies);
    }
}
