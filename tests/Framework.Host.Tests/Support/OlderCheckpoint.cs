using System.Text;
using System.Text.Json.Nodes;
using Framework.Host.Training;

namespace Framework.Host.Tests.Support;

/// <summary>Rewrites a checkpoint's header as a version without one option would have written it: the parameter absent
/// from the recorded configuration, and the configuration hash over the rest.</summary>
internal static class OlderCheckpoint
{
    public static void WithoutParameter(string checkpoint, string key)
    {
        var bytes = File.ReadAllBytes(checkpoint);
        const int magic = 8;
        int length = BitConverter.ToInt32(bytes, magic);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, magic + sizeof(int), length))!.AsObject();
        var parameters = header["Parameters"]!.AsObject();
        Assert.True(parameters.Remove(key), $"the checkpoint records no {key}");
        header["ConfigHash"] = ConfigHash.Compute(parameters.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal));

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var output = new MemoryStream();
        output.Write(bytes, 0, magic);
        output.Write(BitConverter.GetBytes(json.Length));
        output.Write(json);
        output.Write(bytes, magic + sizeof(int) + length, bytes.Length - magic - sizeof(int) - length);
        File.WriteAllBytes(checkpoint, output.ToArray());
    }
}
