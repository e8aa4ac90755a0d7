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
        if (args.Contains("run", StringComparer.Ordinal))
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

        var resumeOption = new Option<string?>("--resume") { Description = "Continue a run from its folder (runs/<experiment>/<time>) or a .ckpt file." };
        var run = new Command("run", "Train the model an experiment file describes and track it in MLflow.") { fileArgument, setOption, resumeOption };
        run.SetAction((result, _) => WithHost(result, pluginsOption, verboseOption, scope =>
        {
            using var signals = new ShutdownSignals();
            return scope.Resolve<RunCommand>().Execute(result.GetValue(fileArgument)!, result.GetValue(setOption) ?? [],
                result.GetValue(resumeOption), Console.Out, Console.Error, signals.Token);
        }));

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
        var plugins = new Command("plugins", "Inspect plugins.") { list, describe };

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

        var root = new RootCommand("Framework: experiments with generative models, from YAML files, tracked in MLflow.")
        {
            run, validate, plugins, schema, sync,
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

    /// <summary>
    /// Loads libtorch (hundreds of megabytes of native code) on a second core while the host starts, loads plugins and
    /// reads the experiment file: that overlap is most of what keeps start-to-first-step short.
    /// </summary>
    private static void PreloadTensorLibrary() =>
        _ = Task.Run(() => TorchSharp.torch.CPU.ToString());

    private static Task<int> WithHost(ParseResult result, Option<string[]> plugins, Option<bool> verbose, Func<ILifetimeScope, int> action)
    {
        var options = new GlobalOptions(result.GetValue(plugins) ?? [], result.GetValue(verbose));
        using var host = FrameworkHostBuilder.Build(options);
        using var scope = host.Services.GetRequiredService<ILifetimeScope>().BeginLifetimeScope();
        var logger = scope.Resolve<ILoggerFactory>().CreateLogger(typeof(CommandLineApp));
        StartupTimeline.Mark(logger, "host built");
        scope.Resolve<Plugins.IPluginCatalog>();
        StartupTimeline.Mark(logger, "plugins loaded");
        return Task.FromResult(action(scope));
    }
}
