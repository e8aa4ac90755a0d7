using Framework.Host.Cli;

return await CommandLineApp.RunAsync(args);
