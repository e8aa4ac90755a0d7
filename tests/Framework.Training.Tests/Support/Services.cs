using Framework.Contracts.Training;
using Framework.Training.Options;
using Framework.Training.Schedules;

namespace Framework.Training.Tests.Support;

/// <summary>Builds training services for tests.</summary>
internal static class Services
{
    public static TrainingServices Single(OptimizerSettings optimizer, ScheduleOptions? schedule = null, long stepsPerEpoch = 10, int epochs = 3,
        int accumulate = 1, EmaOptions? ema = null, OptimizerGroup? group = null) =>
        new(new TrainingServicesSettings([new ConfiguredGroup(group ?? OptimizerGroup.Single, optimizer, schedule ?? new ScheduleOptions())],
            new TrainingClock(stepsPerEpoch, epochs), accumulate, ema ?? new EmaOptions()));

    public static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1e-3, Math.Abs(e))).Max();
        Assert.True(worst <= tolerance, $"largest relative difference {worst:G3} exceeds {tolerance:G3}");
    }
}
