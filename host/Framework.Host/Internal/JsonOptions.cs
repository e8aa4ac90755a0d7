using System.Text.Json;

namespace Framework.Host.Internal;

/// <summary>Shared serializer options.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
