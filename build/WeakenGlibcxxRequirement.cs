#nullable enable
// MSBuild inline task (RoslynCodeTaskFactory). Marks one GLIBCXX version requirement of an ELF64 library as weak
// (VER_FLG_WEAK in its Elf64_Vernaux entry), so that glibc loads the library on systems whose libstdc++ lacks that
// version. Only applied when the system libstdc++ really lacks it; idempotent; logs one line per file it changes.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxRequirement : Task
{
    private const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        string? systemLib = FindSystemLibstdcxx();
        if (systemLib is null)
        {
            Log.LogMessage(MessageImportance.Low, "TorchSharp native fix: no system libstdc++.so.6 found; nothing done.");
            return true;
        }
        if (FileContains(systemLib, Version))
        {
            Log.LogMessage(MessageImportance.Low, $"TorchSharp native fix: {systemLib} provides {Version}; nothing to do.");
            return true;
        }
        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                var result = Patch(path, Version);
                if (result == PatchResult.Patched)
                    Log.LogMessage(MessageImportance.High,
                        $"TorchSharp native fix: {systemLib} lacks {Version}; marked that requirement weak in {path}.");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogWarning($"TorchSharp native fix: could not patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private enum PatchResult { Patched, AlreadyWeak, NotRequired }

    private static string? FindSystemLibstdcxx()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    private static bool FileContains(string path, string text)
    {
        byte[] needle = Encoding.ASCII.GetBytes(text + "\0");
        byte[] data = File.ReadAllBytes(path);
        // RoslynCodeTaskFactory compiles against netstandard2.0: no spans, so a plain search.
        for (int i = 0; i + needle.Length <= data.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && data[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    private static PatchResult Patch(string path, string version)
    {
        // Hard links into the NuGet cache would patch the cache too: break the link by rewriting a private copy.
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only ELF64 little-endian is handled");

        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        ushort shentsize = BitConverter.ToUInt16(elf, 0x3A);
        ushort shnum = BitConverter.ToUInt16(elf, 0x3C);

        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;

            long verneedOffset = (long)BitConverter.ToUInt64(elf, sh + 0x18);
            uint link = BitConverter.ToUInt32(elf, sh + 0x28);
            uint verneedCount = BitConverter.ToUInt32(elf, sh + 0x2C);
            int strtabHeader = checked((int)shoff + (int)link * shentsize);
            long strtabOffset = (long)BitConverter.ToUInt64(elf, strtabHeader + 0x18);

            long vn = verneedOffset;
            for (uint n = 0; n < verneedCount; n++)
            {
                ushort auxCount = BitConverter.ToUInt16(elf, (int)vn + 2);
                uint file = BitConverter.ToUInt32(elf, (int)vn + 4);
                uint auxOffset = BitConverter.ToUInt32(elf, (int)vn + 8);
                uint next = BitConverter.ToUInt32(elf, (int)vn + 12);
                if (ReadString(elf, strtabOffset + file) == "libstdc++.so.6")
                {
                    long aux = vn + auxOffset;
                    for (int a = 0; a < auxCount; a++)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                        uint auxNext = BitConverter.ToUInt32(elf, (int)aux + 12);
                        if (ReadString(elf, strtabOffset + name) == version)
                        {
                            if ((flags & VerFlagWeak) != 0) return PatchResult.AlreadyWeak;
                            flags |= VerFlagWeak;
                            BitConverter.GetBytes(flags).CopyTo(elf, (int)aux + 4);
                            string temp = path + ".patching";
                            File.WriteAllBytes(temp, elf);
                            File.Delete(path); // also breaks a hard link into the NuGet cache
                            File.Move(temp, path);
                            return PatchResult.Patched;
                        }
                        aux += auxNext;
                    }
                }
                vn += next;
            }
        }
        return PatchResult.NotRequired;
    }

    private static string ReadString(byte[] data, long offset)
    {
        int start = (int)offset, end = start;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
