using Framework.Host.Cli;
using Framework.Host.Internal;

NativeHeap.KeepLargeBlocksOnTheHeap();

return await CommandLineApp.RunAsync(args);
