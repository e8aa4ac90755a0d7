using System.Globalization;
using Autofac;
using Autofac.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace Framework.Host.Internal;

/// <summary>
/// Builds the generic host every verb runs in: configuration (appsettings.json next to the host, then environment
/// variables), Serilog (console on stderr + the current run's log file) and Autofac as the container.
/// </summary>
internal static class FrameworkHostBuilder
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static IHost Build(GlobalOptions options)
    {
        // No defaults: they would add file watchers, user secrets and a second logging pipeline, which cost start-up
        // time and are of no use to a command-line tool.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "Framework",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (options.Verbose)
            builder.Configuration.AddInMemoryCollection([new("Serilog:MinimumLevel:Default", "Debug")]);

        var runLog = new RunLogSink();
        var configuration = new LoggerConfiguration()
            // Naming the sink assemblies skips Serilog.Settings.Configuration's scan of every loaded assembly.
            .ReadFrom.Configuration(builder.Configuration, new ConfigurationReaderOptions(
                typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly))
            .Enrich.FromLogContext();
        // Logs go to stderr so that stdout carries only what a verb prints (tables, JSON schema); each line first
        // erases the progress bar, which redraws itself below it.
        var console = LoggerSinkConfiguration.Wrap(sink => new BarAwareSink(sink), to => to.Console(
            outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose));
        var logger = configuration.WriteTo.Sink(console).WriteTo.Sink(runLog).CreateLogger();
        builder.Services.AddSerilog(logger, dispose: true);

        var hostSettings = builder.Configuration.GetSection("Framework").Get<HostSettings>() ?? new HostSettings();
        builder.ConfigureContainer(new AutofacServiceProviderFactory(),
            container => container.RegisterModule(new HostModule(options, hostSettings, runLog)));
        return builder.Build();
    }
}
