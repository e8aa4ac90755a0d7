using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

// Start-to-first-step benchmark: launches the real host process on an experiment several times and reports how long
// each took from process start to the end of its first training step (the host measures it from its own process
// start time and writes it to the run folder's run.json), plus the whole wall time of the command.
//
// Usage: dotnet run -c Release --project bench/Startup.Benchmark [-- --runs 7 --experiment experiments/quickstart.yaml]

int runs = 7;
string experiment = "experiments/quickstart.yaml";
string configuration = "Release";
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--experiment") experiment = args[i + 1];
    if (args[i] == "--configuration") configuration = args[i + 1];
}

string repo = FindRepoRoot();
string hostProject = Path.Combine(repo, "host", "Framework.Host");
Console.WriteLine($"Building the host ({configuration})...");
Run("dotnet", $"build \"{hostProject}\" -c {configuration} -v q -nologo", repo, echo: false);
string hostDll = Path.Combine(hostProject, "bin", configuration, "net10.0", "Framework.Host.dll");

string work = Directory.CreateTempSubdirectory("fw-startup-bench-").FullName;
var firstStep = new List<double>();
var wall = new List<double>();
try
{
    for (int i = 0; i <= runs; i++)
    {
        string runs_ = Path.Combine(work, $"runs{i}");
        var clock = Stopwatch.StartNew();
        Run("dotnet", $"\"{hostDll}\" run \"{Path.Combine(repo, experiment)}\" --set training.epochs=1 --set tracking.uri=sqlite:///{Path.Combine(work, $"mlflow{i}.db")}",
            work, echo: false, environment: new() { ["Framework__RunsDirectory"] = runs_ });
        clock.Stop();
        string info = Directory.EnumerateFiles(runs_, "run.json", SearchOption.AllDirectories).Single();
        using var json = JsonDocument.Parse(File.ReadAllText(info));
        double seconds = json.RootElement.GetProperty("startToFirstStepSeconds").GetDouble();
        if (i == 0)
        {
            Console.WriteLine($"warm-up run: first step after {seconds:F3} s (not counted: the OS file cache is cold)");
            continue;
        }
        firstStep.Add(seconds);
        wall.Add(clock.Elapsed.TotalSeconds);
        Console.WriteLine($"run {i}: start-to-first-step {seconds:F3} s, whole command {clock.Elapsed.TotalSeconds:F2} s");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

firstStep.Sort();
wall.Sort();
Console.WriteLine();
Console.WriteLine($"start-to-first-step over {runs} runs: median {Median(firstStep):F3} s, min {firstStep[0]:F3} s, max {firstStep[^1]:F3} s (goal < 1.5 s)");
Console.WriteLine($"whole command (1 epoch of {experiment}): median {Median(wall):F2} s");
return 0;

static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
        dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (Framework.sln not found).");
}

static void Run(string file, string arguments, string workingDirectory, bool echo, Dictionary<string, string>? environment = null)
{
    var start = new ProcessStartInfo(file, arguments)
    {
        WorkingDirectory = workingDirectory,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (var (key, value) in environment ?? [])
        start.Environment[key] = value;
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (echo || process.ExitCode != 0)
        Console.WriteLine(stdout.Result + stderr.Result);
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"'{file} {arguments}' exited with {process.ExitCode}.");
}
