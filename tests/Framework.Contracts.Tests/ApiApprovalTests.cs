using Framework.Contracts;
using PublicApiGenerator;

namespace Framework.Contracts.Tests;

/// <summary>
/// The contracts are what every plugin compiles against: any change to their public surface must be deliberate.
/// When this test fails, review the diff; if the change is intended, bump <see cref="ContractsInfo.Version"/>
/// (minor for additions, major for changes or removals) and copy the received file over the approved one.
/// </summary>
public sealed class ApiApprovalTests
{
    [Fact]
    public void ThePublicSurfaceOfTheContractsIsTheApprovedOne()
    {
        string actual = typeof(ContractsInfo).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });
        string approvedPath = Path.Combine(AppContext.BaseDirectory, "Framework.Contracts.approved.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";

        if (Normalize(actual) != Normalize(approved))
        {
            string received = Path.Combine(SourceFolder(), "Framework.Contracts.received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The contracts' public API changed. Review {received} against Framework.Contracts.approved.txt; " +
                        "if intended, bump ContractsInfo.Version and approve it by copying the received file over the approved one.");
        }
    }

    [Fact]
    public void AHostLoadsPluginsOfItsOwnMajorVersionUpToItsMinorVersion()
    {
        var current = ContractsInfo.Version;
        Assert.True(ContractsInfo.Supports(new Version(current.Major, 0)));
        Assert.True(ContractsInfo.Supports(current));
        Assert.False(ContractsInfo.Supports(new Version(current.Major, current.Minor + 1)));
        Assert.False(ContractsInfo.Supports(new Version(current.Major + 1, 0)));
    }

    [Fact]
    public void TheAssemblyAndItsPackageCarryTheContractsVersion()
    {
        // Directory.Build.props' ContractsVersion versions the assembly and the kit's packages; ContractsInfo says it in code.
        var assembly = typeof(ContractsInfo).Assembly.GetName().Version!;
        Assert.Equal(ContractsInfo.Version, new Version(assembly.Major, assembly.Minor));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
