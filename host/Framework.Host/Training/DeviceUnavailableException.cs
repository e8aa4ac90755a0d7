namespace Framework.Host.Training;

/// <summary>The experiment asks for a device this machine or build does not have.</summary>
internal sealed class DeviceUnavailableException(string message) : Exception(message);
