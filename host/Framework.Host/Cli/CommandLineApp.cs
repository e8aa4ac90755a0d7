using System.CommandLine;
using Autofac;
using Framework.Host.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Cli;

/// <summary>The command-line entry point: verbs, global options, exit codes.</summary>
internal static class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("run", StringComparer.Ordinal) || args.Contains("trial", StringComparer.Ordinal) || args.Contains("sample", StringComparer.Ordinal))
            PreloadTensorLibrary();

        var pluginsOption = new Option<string[]>("--plugins")
        {
            Description = "Extra plugin folder (a plugin folder or a folder of them); may be repeated.",
            Recursive = true,
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Debug-level logging.", Recursive = true };
        var fileArgument = new Argument<string>("file") { Description = "The experiment file (YAML)." };
        var setOption = new Option<string[]>("--set")
        {
            Description = "Override a value: --set training.epochs=3 --set model.hidden=128 (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var resumeOption = new Option<string?>("--resume")
        {
            Description = "Continue a run from its folder (runs/<experiment>/<time>) or a .ckpt file; without FILE, with the run's own configuration and plugin folders.",
        };
        var runFileArgument = new Argument<string?>("file") { Description = "The experiment file (YAML); leave it out with --resume RUN_FOLDER.", Arity = ArgumentArity.ZeroOrOne };
        var run = new Command("run", "Train the model an experiment file describes and track it in MLflow; a file with a sweep section runs its sweep.") { runFileArgument, setOption, resumeOption };
        run.SetAction((result, _) =>
        {
            var (file, extraFolders, problem) = RunTarget(result.GetValue(runFileArgument), result.GetValue(resumeOption), result.GetValue(setOption) ?? []);
            if (problem is not null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return Task.FromResult(ExitCodes.Usage);
            }

            return WithHost(result, pluginsOption, verboseOption, scope =>
            {
                using var signals = new ShutdownSignals();
                return scope.Resolve<RunCommand>().Execute(file!, result.GetValue(setOption) ?? [], result.GetValue(resumeOption), Console.Out, Console.Error, signals.Token);
            }, extraFolders);
        });

        var validate = new Command("validate", "Check an experiment file against the plugins' options; runs nothing.") { fileArgument, setOption };
        validate.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<ValidateCommand>().Execute(result.GetValue(fileArgument)!, result.GetValue(setOption) ?? [], Console.Out, Console.Error)));

        var list = new Command("list", "List the loaded plugins and the ones that were skipped, with the reason.");
        list.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<PluginsListCommand>().Execute(Console.Out)));
        var nameArgument = new Argument<string>("name") { Description = "A plugin name from 'plugins list'." };
        var describe = new Command("describe", "Show a plugin's options with defaults, ranges and allowed values.") { nameArgument };
        describe.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<PluginsDescribeCommand>().Execute(result.GetValue(nameArgument)!, Console.Out, Console.Error)));
        var targetArgument = new Argument<string>("plugin") { Description = "A plugin name from 'plugins list', or a folder whose plugins to load and check." };
        var datasetOption = new Option<string?>("--dataset") { Description = "The dataset plugin model plugins train on (default options); default: small generated binary data." };
        var check = new Command("check", "Run the conformance checks (Framework.Testing) on a plugin and print a table of them.") { targetArgument, datasetOption };
        check.SetAction((result, _) =>
        {
            // A folder is loaded as --plugins would load it, then every plugin found in it is checked.
            var target = result.GetValue(targetArgument)!;
            string[] extra = Directory.Exists(target) ? [target] : [];
            return WithHost(result, pluginsOption, verboseOption, scope =>
                scope.Resolve<PluginsCheckCommand>().Execute(target, result.GetValue(datasetOption), Console.Out, Console.Error), extra);
        });
        var folderArgument = new Argument<string>("folder") { Description = "A plugin folder (with plugin.json) or a folder of plugin folders." };
        var add = new Command("add", $"Search a plugin folder from now on (kept in {Plugins.UserConfiguration.DefaultPath}).") { folderArgument };
        add.SetAction(result => new PluginsAddCommand().Add(result.GetValue(folderArgument)!, Console.Out, Console.Error));
        var remove = new Command("remove", "Stop searching a folder that 'plugins add' registered.") { folderArgument };
        remove.SetAction(result => new PluginsAddCommand().Remove(result.GetValue(folderArgument)!, Console.Out, Console.Error));
        var plugins = new Command("plugins", "Inspect, check and register plugins.") { list, describe, check, add, remove };

        var outputOption = new Option<string?>("--output", "-o") { Description = "Write the schema to this file instead of stdout." };
        var schema = new Command("schema", "Write the JSON Schema of experiment files (with every loaded plugin's options) for editor completion.") { outputOption };
        schema.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<SchemaCommand>().Execute(result.GetValue(outputOption), Console.Out)));

        var sourceArgument = new Argument<string>("source") { Description = "A local MLflow SQLite file (mlflow.db or sqlite:///...) or a run's spool file." };
        var destinationArgument = new Argument<string>("destination") { Description = "A tracking URI: http(s)://server:port or sqlite:///other.db." };
        var sync = new Command("sync", "Copy runs (params, tags, metric history, artifacts, status) from a local store to a server or another file; idempotent.")
        {
            sourceArgument, destinationArgument,
        };
        sync.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
        {
            using var signals = new ShutdownSignals();
            return scope.Resolve<SyncCommand>().Execute(result.GetValue(sourceArgument)!, result.GetValue(destinationArgument)!,
                Console.Out, Console.Error, signals.Token);
        }));

        var experimentsArgument = new Argument<string[]>("experiments") { Description = "MLflow experiment names (an experiment file's name: rbm-ising, gan-ising, ...).", Arity = ArgumentArity.OneOrMore };
        var storeOption = new Option<string>("--store") { Description = "The local MLflow SQLite file.", DefaultValueFactory = _ => "mlflow.db" };
        var byOption = new Option<string?>("--by") { Description = "The parameter to compare along (default: the one dataset parameter that differs between the runs, such as dataset.temperature)." };
        var reportOutputOption = new Option<string>("--output", "-o") { Description = "Folder for observables.csv and observables.png.", DefaultValueFactory = _ => "reports" };
        var report = new Command("report", "Compare model families on the observables of their samples against the data's (Ising energy, magnetisation, ...), from finished runs.")
        {
            experimentsArgument, storeOption, byOption, reportOutputOption,
        };
        report.SetAction((result, _) => Task.FromResult(new ReportCommand().Execute(result.GetValue(experimentsArgument)!, result.GetValue(storeOption)!,
            result.GetValue(byOption), result.GetValue(reportOutputOption)!, Console.Out, Console.Error)));

        var export = ExportCommandLine(pluginsOption, verboseOption);
        // sample and evaluate change only how the model samples or evaluates, on the run's own weights.
        var modelSetOption = new Option<string[]>("--set")
        {
            Description = "Change a model option on the run's weights: --set model.sampler=ddim --set model.sampling_steps=100 (repeatable; model.* only).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var sample = SampleCommandLine(modelSetOption, pluginsOption, verboseOption);
        var evaluate = EvaluateCommandLine(modelSetOption, pluginsOption, verboseOption);

        var sweep = SweepCommands(fileArgument, setOption, pluginsOption, verboseOption);

        var root = new RootCommand("Framework: experiments with generative models, from YAML files, tracked in MLflow.")
        {
            run, validate, plugins, schema, sync, report, export, sample, evaluate, sweep,
        };
        root.Options.Add(pluginsOption);
        root.Options.Add(verboseOption);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
                await Console.Error.WriteLineAsync($"error: {parseError.Message}");
            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl+C is ours (ShutdownSignals): the trainer checkpoints before it stops, so no forced termination here.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>The run argument and --store option of the verbs that open a trained run (export, sample, evaluate).</summary>
    private static (Argument<string> Run, Option<string> Store) TrainedRunArguments() => (
        new Argument<string>("run") { Description = "A run folder (runs/<experiment>/<time>), a checkpoint in one, or a run id in the local MLflow store." },
        new Option<string>("--store") { Description = "The local MLflow SQLite file to look a run id up in.", DefaultValueFactory = _ => "mlflow.db" });

    /// <summary>The plugin folders a run folder (or a checkpoint in one) was run with, as <c>run --resume RUN_FOLDER</c>
    /// brings them; null for a run id.</summary>
    private static IReadOnlyList<string>? PluginFoldersOfRun(string target) =>
        Directory.Exists(target) || File.Exists(target) ? Training.RunInvocation.Read(Training.RunInvocation.RunFolderOf(target))?.PluginFolders : null;

    /// <summary><c>export RUN_ID|RUN_FOLDER --format pytorch [-o FILE.pt] [--weights averaged|raw]</c>; a run folder brings
    /// the plugin folders it was run with, as <c>run --resume RUN_FOLDER</c> does.</summary>
    private static Command ExportCommandLine(Option<string[]> pluginsOption, Option<bool> verboseOption)
    {
        var (runArgument, storeOption) = TrainedRunArguments();
        var formatOption = new Option<string>("--format") { Description = "The export format.", Required = true };
        formatOption.AcceptOnlyFromAmong("pytorch");
        var fileOption = new Option<string?>("--output", "-o") { Description = "The state_dict file to write (default: <experiment>.pt here); its description goes beside it as .json." };
        var weightsOption = new Option<Export.ExportWeights>("--weights")
        {
            Description = "averaged: the weight average of training.ema where the run kept one (what evaluation and sampling used); raw: the trained weights.",
            DefaultValueFactory = _ => Export.ExportWeights.Averaged,
        };
        var export = new Command("export", "Write a trained model's weights as a PyTorch state_dict (.pt) with a JSON description of the model beside it.")
        {
            runArgument, formatOption, fileOption, storeOption, weightsOption,
        };
        export.SetAction((result, _) =>
        {
            var target = result.GetValue(runArgument)!;
            return WithHost(result, pluginsOption, verboseOption, scope => scope.Resolve<ExportCommand>().Execute(target, result.GetValue(formatOption)!,
                result.GetValue(fileOption), result.GetValue(storeOption)!, result.GetValue(weightsOption), Console.Out, Console.Error),
                PluginFoldersOfRun(target));
        });
        return export;
    }

    /// <summary><c>sample RUN_ID|RUN_FOLDER [--count N] [--set model.KEY=VALUE]... [--seed S] [-o FILE.npy]</c>; a run folder
    /// brings the plugin folders it was run with, as export does.</summary>
    private static Command SampleCommandLine(Option<string[]> setOption, Option<string[]> pluginsOption, Option<bool> verboseOption)
    {
        var (runArgument, storeOption) = TrainedRunArguments();
        var countOption = new Option<int>("--count", "-n") { Description = "How many samples to draw.", DefaultValueFactory = _ => 1000 };
        countOption.Validators.Add(r =>
        {
            if (r.GetValue(countOption) < 1)
                r.AddError("--count must be at least 1.");
        });
        var seedOption = new Option<long?>("--seed") { Description = "Seed of the sampling noise (default: derived from the run's training.seed)." };
        var fileOption = new Option<string?>("--output", "-o") { Description = "The .npy file to write (default: <experiment>-samples.npy here); an image grid goes beside it as .png." };
        var sample = new Command("sample", "Draw samples from a trained run (its weight average where it kept one), optionally with another sampler (--set model.sampler=ddim); print their observables and time per sample.")
        {
            runArgument, countOption, setOption, seedOption, fileOption, storeOption,
        };
        sample.SetAction((result, _) =>
        {
            var target = result.GetValue(runArgument)!;
            return WithHost(result, pluginsOption, verboseOption, scope => scope.Resolve<SampleCommand>().Execute(target, result.GetValue(countOption),
                result.GetValue(setOption) ?? [], result.GetValue(seedOption), result.GetValue(fileOption), result.GetValue(storeOption)!, Console.Out, Console.Error),
                PluginFoldersOfRun(target));
        });
        return sample;
    }

    /// <summary><c>evaluate RUN_ID|RUN_FOLDER [--set model.KEY=VALUE]... [--seed S] [-o FOLDER]</c>; a run folder brings
    /// the plugin folders it was run with, as export does.</summary>
    private static Command EvaluateCommandLine(Option<string[]> setOption, Option<string[]> pluginsOption, Option<bool> verboseOption)
    {
        var (runArgument, storeOption) = TrainedRunArguments();
        var seedOption = new Option<long?>("--seed") { Description = "Seed of the evaluation's random draws (default: derived from the run's training.seed)." };
        var folderOption = new Option<string?>("--output", "-o") { Description = "Folder for the images the evaluation draws (default: <experiment>-evaluation here)." };
        var evaluate = new Command("evaluate", "Evaluate a trained run again on the test split (its weight average where it kept one), optionally with a tighter estimator (--set model.vlb_timesteps=32); print the metrics.")
        {
            runArgument, setOption, seedOption, folderOption, storeOption,
        };
        evaluate.SetAction((result, _) =>
        {
            var target = result.GetValue(runArgument)!;
            return WithHost(result, pluginsOption, verboseOption, scope => scope.Resolve<EvaluateCommand>().Execute(target,
                result.GetValue(setOption) ?? [], result.GetValue(seedOption), result.GetValue(folderOption), result.GetValue(storeOption)!, Console.Out, Console.Error),
                PluginFoldersOfRun(target));
        });
        return evaluate;
    }

    /// <summary><c>sweep run | resume | status</c>, and the hidden <c>sweep trial | finalize</c> that launchers start.</summary>
    private static Command SweepCommands(Argument<string> fileArgument, Option<string[]> setOption, Option<string[]> pluginsOption, Option<bool> verboseOption)
    {
        var parallelOption = new Option<int>("--parallel", "-j") { Description = "Trials at once (overrides sweep.parallel; on Slurm the array's %P throttle)." };
        var launcherOption = new Option<string?>("--launcher") { Description = "Where trials run: local or slurm (overrides sweep.launcher)." };
        launcherOption.AcceptOnlyFromAmong("local", "slurm");

        Command RunLike(string name, string description, bool resume)
        {
            var command = new Command(name, description) { fileArgument, setOption, parallelOption, launcherOption };
            command.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            {
                using var signals = new ShutdownSignals();
                return scope.Resolve<SweepRunCommand>().Execute(result.GetValue(fileArgument)!, result.GetValue(setOption) ?? [],
                    result.GetValue(parallelOption), result.GetValue(launcherOption), resume, Console.Out, Console.Error, signals.Token);
            }));
            return command;
        }

        var status = new Command("status", "Show every trial's state (MLflow, merged with Slurm's view), the per-configuration means and the best trial.") { fileArgument, setOption };
        status.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<SweepStatusCommand>().Execute(result.GetValue(fileArgument)!, result.GetValue(setOption) ?? [], Console.Out, Console.Error)));

        var manifestArgument = new Argument<string>("manifest") { Description = "The sweep's manifest.json." };
        var indexOption = new Option<int>("--index") { Description = "The trial's index.", Required = true };
        var watchParentOption = new Option<bool>("--watch-parent") { Description = "Stop (checkpoint, KILLED) when the launching process dies." };
        var trial = new Command("trial", "Run one trial of a sweep from its manifest (what launchers start for each trial).")
        {
            manifestArgument, indexOption, watchParentOption,
        };
        trial.Hidden = true;
        trial.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
        {
            using var signals = new ShutdownSignals();
            return scope.Resolve<SweepTrialCommand>().Execute(result.GetValue(manifestArgument)!, result.GetValue(indexOption),
                result.GetValue(watchParentOption), Console.Out, Console.Error, signals.Token);
        }));

        var finalize = new Command("finalize", "Write a sweep's summary onto its parent run and end it (the Slurm launcher queues this).") { manifestArgument };
        finalize.Hidden = true;
        finalize.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
            scope.Resolve<SweepFinalizeCommand>().Execute(result.GetValue(manifestArgument)!, Console.Out, Console.Error)));

        return new Command("sweep", "Hyperparameter sweeps: a grid or random search, seed repeats, locally or on Slurm, one MLflow run per trial.")
        {
            RunLike("run", "Validate every trial, then run the unfinished ones (locally) or submit them as Slurm job arrays.", resume: false),
            RunLike("resume", "Continue a started sweep: skip FINISHED trials, resume interrupted ones from their checkpoints, rerun failed ones.", resume: true),
            status,
            trial,
            finalize,
        };
    }

    /// <summary>The experiment file of <c>run</c>: the one given, or with <c>--resume RUN_FOLDER</c> alone the run's own
    /// resolved configuration, with the plugin folders it was started with, in the directory it was started in.</summary>
    private static (string? File, IReadOnlyList<string> PluginFolders, string? Problem) RunTarget(string? file, string? resume, IReadOnlyList<string> overrides)
    {
        if (file is not null)
            return (file, [], null);
        if (resume is null)
            return (null, [], "run needs an experiment file, or --resume RUN_FOLDER to continue a run with its own configuration.");
        if (overrides.Count > 0)
            return (null, [], "--set changes a configuration, but --resume RUN_FOLDER alone continues a run with its own; give the experiment file too.");
        var folder = Training.RunInvocation.RunFolderOf(resume);
        var config = Path.Combine(folder, "config.yaml");
        if (!File.Exists(config))
            return (null, [], $"{folder} is not a run folder (it has no config.yaml); give the experiment file and --resume RUN_FOLDER.");
        var invocation = Training.RunInvocation.Read(folder);
        if (invocation is not null && Directory.Exists(invocation.WorkingDirectory))
            Directory.SetCurrentDirectory(invocation.WorkingDirectory);  // where the run's relative runs/ and mlflow.db are
        return (config, invocation?.PluginFolders ?? [], null);
    }

    /// <summary>
    /// Loads libtorch (hundreds of megabytes of native code) on a second core while the host starts, loads plugins and
    /// reads the experiment file: that overlap is most of what keeps start-to-first-step short.
    /// </summary>
    private static void PreloadTensorLibrary() =>
        _ = Task.Run(() => TorchSharp.torch.CPU.ToString());

    private static Task<int> WithHost(ParseResult result, Option<string[]> plugins, Option<bool> verbose, Func<ILifetimeScope, int> action,
        IReadOnlyList<string>? extraPluginFolders = null)
    {
        var options = new GlobalOptions([.. result.GetValue(plugins) ?? [], .. extraPluginFolders ?? []], result.GetValue(verbose));
        using var host = FrameworkHostBuilder.Build(options);
        using var scope = host.Services.GetRequiredService<ILifetimeScope>().BeginLifetimeScope();
        var logger = scope.Resolve<ILoggerFactory>().CreateLogger(typeof(CommandLineApp));
        StartupTimeline.Mark(logger, "host built");
        scope.Resolve<Plugins.IPluginCatalog>();
        StartupTimeline.Mark(logger, "plugins loaded");
        return Task.FromResult(action(scope));
    }
}
