using Framework.Host.Sweeps.Slurm;

namespace Framework.Host.Tests.Sweeps.Slurm;

public sealed class SlurmJobParsingTests
{
    // Lines as Debian's Slurm 22.05 prints them for `scontrol -o show job 1` (cut to the fields that matter, plus
    // a few of the others so the parser meets colons, slashes and parentheses in keys and values).
    private const string Finished = """
        JobId=1 ArrayJobId=1 ArrayTaskId=5 ArrayTaskThrottle=2 JobName=t.sh UserId=root(0) JobState=COMPLETED Reason=None Dependency=(null) Requeue=1 Restarts=0 ExitCode=0:0 AllocNode:Sid=localhost:32142 CPUs/Task=1 ReqB:S:C:T=0:0:*:*
        JobId=4 ArrayJobId=1 ArrayTaskId=2 ArrayTaskThrottle=2 JobName=t.sh UserId=root(0) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 ExitCode=3:0
        JobId=3 ArrayJobId=1 ArrayTaskId=1 ArrayTaskThrottle=2 JobName=t.sh UserId=root(0) JobState=CANCELLED Reason=None ExitCode=0:15
        """;

    [Fact]
    public void EachTaskLineBecomesOneStateWithItsReasonAndExitCode()
    {
        var tasks = SlurmClient.ParseJobs(Finished);

        Assert.Equal([5, 2, 1], tasks.Select(t => t.TaskId));
        Assert.All(tasks, t => Assert.Equal("1", t.JobId));
        Assert.Equal(["COMPLETED", "FAILED (exit 3)", "CANCELLED"], tasks.Select(t => t.Describe()));
        Assert.All(tasks, t => Assert.False(t.IsActive));
    }

    [Fact]
    public void APendingRangeBecomesOnePendingStatePerTask()
    {
        var tasks = SlurmClient.ParseJobs(
            "JobId=7 ArrayJobId=7 ArrayTaskId=4-7%2 ArrayTaskThrottle=2 JobName=fw-891f05d5 JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0\n" +
            "JobId=9 ArrayJobId=7 ArrayTaskId=3 JobName=fw-891f05d5 JobState=RUNNING Reason=None ExitCode=0:0\n");

        Assert.Equal([4, 5, 6, 7, 3], tasks.Select(t => t.TaskId));
        Assert.All(tasks, t => Assert.True(t.IsActive));
        Assert.Equal("PENDING (JobArrayTaskLimit)", tasks[0].Describe());
        Assert.Equal("RUNNING", tasks[^1].Describe());
    }

    [Fact]
    public void AJobThatIsNotAnArrayIsOneTask()
    {
        var task = Assert.Single(SlurmClient.ParseJobs("JobId=8 JobName=fw-891f05d5-summary JobState=PENDING Reason=Dependency ExitCode=0:0"));

        Assert.Equal(("8", SlurmTaskState.NotAnArray, true), (task.JobId, task.TaskId, task.IsActive));
    }
}
